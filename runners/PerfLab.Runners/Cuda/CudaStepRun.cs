using PerfLab.Harness.Domain;
using PerfLab.Runners.Cuda.Parsing;
using PerfLab.Runners.Processes;

namespace PerfLab.Runners.Cuda;

/// <summary>One CUDA step's process result with everything gathered around it (facts, telemetry, logs).</summary>
internal sealed record CudaStepRun(
    ProcessResult Process,
    Dictionary<string, string> Facts,
    GpuTelemetryCapture Telemetry,
    List<Artifact> Artifacts,
    DependencyProbeReport? Dependencies)
{
    public IReadOnlyList<string> KeyFacts => CudaFactNames.Key.Where(Facts.ContainsKey).ToList();

    public StepOutcome Success(IReadOnlyList<Sample> samples, IReadOnlyList<Check> checks) =>
        StepOutcome.Success(samples, Process.Wall, Process.ExitCode, checks, Artifacts, Telemetry.Points, Facts, KeyFacts);

    public StepOutcome Failed(FailureClass failure, string message, IReadOnlyList<Check>? checks = null) =>
        StepOutcome.Failed(failure, message, Process.Wall, Process.ExitCode, checks, Artifacts, Telemetry.Points, Facts);

    /// <summary>The failure of a process that did not exit by itself (never started, timed out, cancelled), else null.</summary>
    public StepOutcome? ProcessFailure(string what)
    {
        if (Process.SpawnError is not null) return Failed(FailureClass.SpawnFailed, $"{what}: {Process.SpawnError}");
        if (Process.TimedOut) return Failed(FailureClass.Timeout, $"{what}: {CudaHostProbe.Describe(Process)}");
        if (Process.Cancelled) return Failed(FailureClass.Cancelled, $"{what}: cancelled");
        if (Process.Stdout.Truncated) return Failed(FailureClass.TruncatedOutput, $"{what}: stdout passed the capture cap ({Process.Stdout.TotalBytes} bytes)");
        return null;
    }

    /// <summary>Classifies a non-zero exit from what Python printed: missing module, no CUDA, out of memory, or plain.</summary>
    public StepOutcome ExitFailure(string what)
    {
        var err = Process.Stderr.Text;
        var detail = $"{what}: {CudaHostProbe.Describe(Process)}";
        if (err.Contains("ModuleNotFoundError", StringComparison.Ordinal) || err.Contains("No module named", StringComparison.Ordinal)
            || err.Contains("ImportError", StringComparison.Ordinal))
            return Failed(FailureClass.DependencyCheckFailed, detail);
        if (err.Contains("CUDA is required", StringComparison.Ordinal) || err.Contains("requires CUDA", StringComparison.Ordinal)
            || err.Contains("CUDA is not available", StringComparison.Ordinal) || err.Contains("no CUDA GPUs are available", StringComparison.Ordinal))
            return Failed(FailureClass.DeviceUnavailable, detail);
        if (err.Contains("OutOfMemoryError", StringComparison.Ordinal) || err.Contains("CUDA out of memory", StringComparison.Ordinal))
            return Failed(FailureClass.NonZeroExit, detail + " (out of GPU memory)");
        return Failed(FailureClass.NonZeroExit, detail);
    }
}
