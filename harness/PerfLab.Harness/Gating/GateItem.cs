using PerfLab.Harness.Analysis;
using PerfLab.Harness.Domain;

namespace PerfLab.Harness.Gating;

/// <summary>One verdict of a gate: a series (comparability key × metric) at the candidate build against its baseline.</summary>
/// <param name="Device">Device model as the series names it (for ingested histories: the device's name).</param>
/// <param name="BaselineBuilds">The builds the baseline pooled, oldest first (empty for no-baseline or error).</param>
/// <param name="CandidateRunIds">The stored runs the candidate's samples come from.</param>
/// <param name="Confirmation">Set when confirming rounds re-measured this series: the verdict rests on the confirming samples, and
/// the first ones are kept beside them (docs/gating.md, "Confirming a verdict").</param>
public sealed record GateItem(
    string Device,
    string Suite,
    string Case,
    string Metric,
    string Unit,
    Better Better,
    string ComparabilityKey,
    string CandidateBuild,
    IReadOnlyList<string> CandidateRunIds,
    IReadOnlyList<string> BaselineBuilds,
    ComparisonResult Result,
    GateConfirmation? Confirmation = null)
{
    public Verdict Verdict => Result.Verdict;

    /// <summary>The hosts whose runs gave the candidate's samples, ordinal order: on a farm several hosts carry the same model,
    /// and the host is what an operator walks to.</summary>
    public IReadOnlyList<string> Hosts { get; init; } = [];

    /// <summary>An error verdict that rests on nothing (a failed case, an undeclared metric).</summary>
    public static GateItem Error(string device, string suite, string caseName, string metric, string unit, Better better, string key,
        string candidateBuild, IReadOnlyList<string> runIds, string reason) =>
        new(device, suite, caseName, metric, unit, better, key, candidateBuild, runIds, [],
            new ComparisonResult(metric, Verdict.Error, new ComparedSide(0, 0, double.NaN), new ComparedSide(0, 0, double.NaN),
                double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN,
                new AppliedThreshold(double.NaN, "none", double.NaN, double.NaN), reason));
}
