using PerfLab.Harness.Domain;

namespace PerfLab.Harness.Storage;

/// <summary>A run as read back from the store.</summary>
public sealed record StoredRun(
    string Id,
    string Suite,
    string SuiteVersion,
    EvidenceScope Scope,
    string Build,
    string Branch,
    IReadOnlyDictionary<string, string> Tags,
    string Host,
    string DeviceId,
    string DeviceModel,
    bool Emulated,
    RunStatus Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    int CasesPassed,
    int CasesFailed);

/// <summary>A case as read back from the store, with its raw samples.</summary>
public sealed record StoredCase(
    long Id,
    string RunId,
    string Name,
    IReadOnlyDictionary<string, string> Parameters,
    string DeviceId,
    string DeviceModel,
    string ComparabilityKey,
    IReadOnlyDictionary<string, string> KeyParts,
    CaseStatus Status,
    string? Failure,
    string? FailureMessage,
    IReadOnlyList<RecordedSample> Samples);

/// <summary>One series of history: a comparability key × metric, one point per build in build order.</summary>
public sealed record MetricSeries(SeriesIdentity Identity, string Unit, Better Better, IReadOnlyList<BuildPoint> Points);

/// <summary>Names a series the way reports and alerts print it.</summary>
public sealed record SeriesIdentity(string Device, string Suite, string Case, string Metric, string ComparabilityKey);

/// <summary>All samples of one metric for one build (several runs of the same build are pooled).</summary>
public sealed record BuildPoint(string Build, DateTimeOffset Timestamp, IReadOnlyList<double> Samples, IReadOnlyList<string> RunIds);
