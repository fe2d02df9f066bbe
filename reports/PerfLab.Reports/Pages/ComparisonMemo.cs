using System.Collections.Concurrent;
using PerfLab.Harness.Analysis;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Storage;

namespace PerfLab.Reports.Pages;

/// <summary>The comparisons one report has made, so a page asking for one again gets the same row: the nightly and the gate
/// judge the same candidate against the same last builds unless a release baseline is set, and each is three rank tests.</summary>
/// <remarks>Thread-safe: pages compare their series in parallel. Two threads asking for the same comparison at once may both
/// make it; the results are equal, and the first one stored is the one every later caller gets.</remarks>
public sealed class ComparisonMemo
{
    // Keyed by what identifies a series in one report (its identity and unit), not by the object, whose identity hash
    // showed up in profiles of a farm's report.
    private readonly ConcurrentDictionary<(SeriesIdentity Series, string Unit, string Candidate, string? Baseline), (VerdictRow, ComparisonResult, BaselinePool)> _done = new();

    /// <summary><see cref="VerdictRow.Compare"/>, made once per series × candidate × baseline.</summary>
    public (VerdictRow Row, ComparisonResult Result, BaselinePool Baseline) Compare(
        MannWhitneyComparer comparer, MetricSpec spec, MetricSeries series, string candidate, string? baselineBuild)
    {
        var key = (series.Identity, series.Unit, candidate, baselineBuild);
        return _done.TryGetValue(key, out var known)
            ? known
            : _done.GetOrAdd(key, VerdictRow.Compare(comparer, spec, series, candidate, baselineBuild));
    }
}
