namespace PerfLab.Harness.Domain;

/// <summary>What one repetition of one step produced. Built with <see cref="Success"/> or <see cref="Failure"/>.</summary>
/// <param name="Facts">Versions and identity learned while running (torch, driver, HailoRT...); see <see cref="KeyFacts"/>.</param>
/// <param name="KeyFacts">Names of <paramref name="Facts"/> that belong in the comparability key.</param>
public sealed record StepOutcome(
    FailureClass? Failure,
    string? FailureMessage,
    IReadOnlyList<Sample> Samples,
    IReadOnlyList<Check> Checks,
    IReadOnlyList<Artifact> Artifacts,
    IReadOnlyList<TelemetryPoint> Telemetry,
    IReadOnlyDictionary<string, string> Facts,
    IReadOnlyList<string> KeyFacts,
    TimeSpan Wall,
    int? ExitCode)
{
    public bool Succeeded => Failure is null;

    public static StepOutcome Success(
        IReadOnlyList<Sample> samples, TimeSpan wall, int? exitCode,
        IReadOnlyList<Check>? checks = null, IReadOnlyList<Artifact>? artifacts = null,
        IReadOnlyList<TelemetryPoint>? telemetry = null, IReadOnlyDictionary<string, string>? facts = null,
        IReadOnlyList<string>? keyFacts = null) =>
        new(null, null, samples, checks ?? [], artifacts ?? [], telemetry ?? [],
            facts ?? new Dictionary<string, string>(), keyFacts ?? [], wall, exitCode);

    /// <summary>A failed repetition. It carries no samples: a failure never becomes a figure.</summary>
    public static StepOutcome Failed(
        FailureClass failure, string message, TimeSpan wall, int? exitCode,
        IReadOnlyList<Check>? checks = null, IReadOnlyList<Artifact>? artifacts = null,
        IReadOnlyList<TelemetryPoint>? telemetry = null, IReadOnlyDictionary<string, string>? facts = null) =>
        new(failure, message, [], checks ?? [], artifacts ?? [], telemetry ?? [],
            facts ?? new Dictionary<string, string>(), [], wall, exitCode);
}
