using PerfLab.Harness.Analysis;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Storage;

namespace PerfLab.Reports.Pages;

/// <summary>The comparisons one report has made, so a page asking for one again gets the same row: the nightly and the gate
/// judge the same candidate against the same last builds unless a release baseline is set, and each is three rank tests.</summary>
/// <remarks>Not thread-safe, like the comparer it feeds (Perfolizer's rank tests run sequentially).</remarks>
public sealed class ComparisonMemo
{
    private readonly Dictionary<MetricSeries, Dictionary<(string Candidate, string? Baseline), (VerdictRow, ComparisonResult, BaselinePool)>> _done =
        new(ReferenceEqualityComparer.Instance);

    /// <summary><see cref="VerdictRow.Compare"/>, made once per series × candidate × baseline.</summary>
    public (VerdictRow Row, ComparisonResult Result, BaselinePool Baseline) Compare(
        MannWhitneyComparer comparer, MetricSpec spec, MetricSeries series, string candidate, string? baselineBuild)
    {
        if (!_done.TryGetValue(series, out var bySeries)) _done[series] = bySeries = [];
        if (bySeries.TryGetValue((candidate, baselineBuild), out var known)) return known;
        return bySeries[(candidate, baselineBuild)] = VerdictRow.Compare(comparer, spec, series, candidate, baselineBuild);
    }
}
