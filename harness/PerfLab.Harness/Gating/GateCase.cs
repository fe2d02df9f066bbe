using PerfLab.Harness.Domain;

namespace PerfLab.Harness.Gating;

/// <summary>What the gate needs of one case of a candidate run: its outcome and which metric series it yielded.</summary>
public sealed record GateCase(
    string RunId,
    string Name,
    string DeviceId,
    string DeviceModel,
    string ComparabilityKey,
    CaseStatus Status,
    string? Failure,
    string? FailureMessage,
    IReadOnlyList<GateCaseMetric> Metrics);

/// <summary>A metric (and its unit) a case has samples of, with the samples (the gate splits a build's first samples from its
/// confirming ones by run).</summary>
public sealed record GateCaseMetric(string Metric, string Unit, IReadOnlyList<double> Samples);
