namespace PerfLab.Harness.Domain;

/// <summary>Why a case or step failed; a stable, machine-readable code that is stored and reported.</summary>
/// <remarks>A failure never becomes a figure: a case with a failure class stores no sample of the failed step.</remarks>
public readonly record struct FailureClass(string Code)
{
    // Generic process failures (every runner).
    public static readonly FailureClass SpawnFailed = new("spawn-failed");
    public static readonly FailureClass NonZeroExit = new("nonzero-exit");
    public static readonly FailureClass Timeout = new("timeout");
    public static readonly FailureClass NoMetric = new("no-metric");
    public static readonly FailureClass GarbageOutput = new("garbage-output");
    public static readonly FailureClass TruncatedOutput = new("truncated-output");
    public static readonly FailureClass UnitMismatch = new("unit-mismatch");
    public static readonly FailureClass Cancelled = new("cancelled");
    public static readonly FailureClass DeviceUnavailable = new("device-unavailable");
    public static readonly FailureClass InternalError = new("internal-error");

    // Hailo.
    public static readonly FailureClass DriverMissing = new("driver-missing");
    public static readonly FailureClass NoFreeDevice = new("no-free-device");
    public static readonly FailureClass HefIncompatible = new("hef-incompatible");
    public static readonly FailureClass DriverMismatch = new("driver-mismatch");
    public static readonly FailureClass RunRefused = new("run-refused");
    public static readonly FailureClass AbortedThermal = new("aborted-thermal");

    // CUDA / Hydra.
    public static readonly FailureClass DependencyCheckFailed = new("dependency-check-failed");
    public static readonly FailureClass NotRun = new("not-run");
    public static readonly FailureClass TestsFailed = new("tests-failed");
    public static readonly FailureClass CheckFailed = new("check-failed");

    public override string ToString() => Code;
}
