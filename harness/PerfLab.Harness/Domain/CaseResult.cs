namespace PerfLab.Harness.Domain;

/// <summary>Everything one case produced, stored in one transaction.</summary>
/// <param name="ComparabilityKey">A stable hash of everything that must match for two results to be compared.</param>
/// <param name="KeyParts">The readable parts the key was hashed from, printed beside every claim.</param>
/// <param name="Repetitions">Per step and repetition: wall time, exit code, warm-up or not.</param>
public sealed record CaseResult(
    string Name,
    IReadOnlyDictionary<string, string> Parameters,
    Device Device,
    string ComparabilityKey,
    IReadOnlyDictionary<string, string> KeyParts,
    CaseStatus Status,
    FailureClass? Failure,
    string? FailureMessage,
    IReadOnlyList<RecordedSample> Samples,
    IReadOnlyList<RepetitionRecord> Repetitions,
    IReadOnlyList<Check> Checks,
    IReadOnlyList<Artifact> Artifacts,
    IReadOnlyList<TelemetryPoint> Telemetry,
    IReadOnlyDictionary<string, string> Facts,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt);

/// <summary>A raw sample with the step and measured repetition that produced it.</summary>
public sealed record RecordedSample(string Step, int Repetition, string Metric, double Value, string Unit);

/// <summary>One repetition of one step: its wall time and exit code, kept even when it failed.</summary>
public sealed record RepetitionRecord(string Step, int Repetition, bool Warmup, double WallSeconds, int? ExitCode, string? Failure);
