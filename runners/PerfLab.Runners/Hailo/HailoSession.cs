using System.Diagnostics;
using System.Globalization;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Execution;
using PerfLab.Runners.Hailo.Parsing;
using PerfLab.Runners.Processes;

namespace PerfLab.Runners.Hailo;

/// <summary>One repetition of a Hailo step: its tool calls under one deadline, and the facts, checks and artifacts
/// they produce. Every process gets the step's environment (the device's PATH included).</summary>
internal sealed class HailoSession : IDisposable
{
    private readonly HailoCli _cli;
    private readonly IReadOnlyDictionary<string, string?> _environment;
    private readonly DateTimeOffset _deadline;
    private readonly CancellationToken _cancellation;
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private int? _lastExit;

    public HailoSession(HailoCli cli, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout, CancellationToken cancellation)
    {
        _cli = cli;
        _environment = environment;
        _deadline = DateTimeOffset.UtcNow + timeout;
        _cancellation = cancellation;
        WorkDirectory = Path.Combine(Path.GetTempPath(), "perflab-hailo-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(WorkDirectory);
    }

    public static HailoSession For(HailoCli cli, StepContext context, CancellationToken cancellation) =>
        new(cli, context.ProcessEnvironment(), context.Timeout, cancellation);

    /// <summary>Where the tool writes its CSV/JSON files for this repetition; deleted afterwards.</summary>
    public string WorkDirectory { get; }

    public List<Artifact> Artifacts { get; } = [];

    public List<Check> Checks { get; } = [];

    public List<TelemetryPoint> Telemetry { get; } = [];

    public Dictionary<string, string> Facts { get; } = new(StringComparer.Ordinal);

    public List<string> KeyFacts { get; } = [];

    public void Fact(string name, string? value, bool key = false)
    {
        if (value is null) return;
        Facts[name] = value;
        if (key && !KeyFacts.Contains(name)) KeyFacts.Add(name);
    }

    public string WorkFile(string name) => Path.Combine(WorkDirectory, name);

    /// <summary>Runs hailortcli; <paramref name="label"/> names the artifacts its output is kept under.</summary>
    public async Task<ProcessResult> CallAsync(string label, IReadOnlyList<string> arguments, bool keep = true)
    {
        var remaining = _deadline - DateTimeOffset.UtcNow;
        if (remaining <= TimeSpan.Zero) remaining = TimeSpan.FromMilliseconds(1);
        var result = await _cli.RunAsync(arguments, _environment, WorkDirectory, remaining, _cancellation).ConfigureAwait(false);
        _lastExit = result.ExitCode;
        if (keep || !result.ExitedCleanly)
        {
            Keep(label + ".stdout", result.Stdout);
            Keep(label + ".stderr", result.Stderr);
        }
        return result;
    }

    /// <summary>The failure a process result stands for, or null when it exited 0.</summary>
    public StepOutcome? FailureOf(ProcessResult result, string what)
    {
        if (result.SpawnError is { } spawn)
            return Fail(FailureClass.SpawnFailed, $"{what}: {spawn}");
        if (result.TimedOut)
            return Fail(FailureClass.Timeout, $"{what}: killed at the step timeout after {result.Wall.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s");
        if (result.Cancelled)
            return Fail(FailureClass.Cancelled, $"{what}: cancelled");
        if (result.ExitCode == 0) return null;
        var error = HailoErrorClassifier.Classify(result.ExitCode ?? -1, result.Stderr.Text);
        return Fail(error.Class, $"{what}: {error.Message}");
    }

    public StepOutcome Fail(FailureClass failure, string message) =>
        StepOutcome.Failed(failure, message, _wall.Elapsed, _lastExit, Checks, Artifacts, Telemetry, Facts);

    /// <summary>The failure for an output that did not parse whole.</summary>
    public StepOutcome Unreadable(HailoMeasurement m, string what) =>
        Fail(m.State == OutputState.Truncated ? FailureClass.TruncatedOutput : FailureClass.GarbageOutput,
            $"{what}: {m.Problem}");

    public StepOutcome Succeed(IReadOnlyList<Sample> samples) =>
        StepOutcome.Success(samples, _wall.Elapsed, _lastExit, Checks, Artifacts, Telemetry, Facts, KeyFacts);

    public TimeSpan Elapsed => _wall.Elapsed;

    private void Keep(string name, CapturedOutput output)
    {
        if (output.TotalBytes == 0) return;
        Artifacts.Add(new Artifact(name, "text/plain", output.Bytes, output.Sha256, output.TotalBytes));
    }

    public void Dispose()
    {
        try { Directory.Delete(WorkDirectory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
