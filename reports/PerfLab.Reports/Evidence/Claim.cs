using PerfLab.Harness.Domain;
using PerfLab.Harness.Statistics;

namespace PerfLab.Reports.Evidence;

/// <summary>A statement a report may make: a sentence, a figure with its spread over repetitions, and everything it rests on.</summary>
/// <param name="Sentence">The claim in words, worded by its scope's rule (never a speedup outside a comparison).</param>
/// <param name="Value">Median, quartiles, range and n of the raw samples of one case in one run.</param>
/// <param name="Scope">The scope the figure was measured under; <see cref="EvidenceScope.Emulated"/> is never citable.</param>
/// <param name="RunIds">The runs the figure comes from (one comparability key, one scope).</param>
public sealed record Claim(
    string Sentence,
    string Suite,
    string Case,
    string Device,
    string Metric,
    SampleSummary Value,
    string Unit,
    EvidenceScope Scope,
    string ComparabilityKey,
    IReadOnlyDictionary<string, string> KeyParts,
    IReadOnlyList<string> RunIds,
    string Build)
{
    /// <summary>Only non-emulated claims are evidence; emulated ones demonstrate the pipeline.</summary>
    public bool Citable => Scope != EvidenceScope.Emulated;
}

/// <summary>A stored result kept out of the figures, listed under the table it would have been in.</summary>
public sealed record ExcludedResult(
    string Suite,
    string Case,
    string Device,
    IReadOnlyList<Exclusion> Reasons,
    string RunId,
    string Build)
{
    /// <summary>The first (most fundamental) reason, the one a table shows.</summary>
    public Exclusion Primary => Reasons[0];
}
