using PerfLab.Harness.Domain;

namespace PerfLab.Harness.Execution;

/// <summary>Runs one kind of suite step (a command, a hailortcli benchmark, a Hydra decode...) for one repetition.</summary>
/// <remarks>A runner owns its process, timeout and exit code; the pure parser it calls owns the output format.
/// It never throws for a device or tool failure: it returns <see cref="StepOutcome.Failed"/> with a class.</remarks>
public interface IStepRunner
{
    /// <summary>The name suites write in <c>runner:</c>, e.g. "command" or "hailo.benchmark".</summary>
    string Name { get; }

    /// <summary>One line for <c>--help</c> and docs.</summary>
    string Summary { get; }

    /// <summary>Checks a step's arguments (before substitution) without running anything.</summary>
    IReadOnlyList<ArgProblem> Validate(StepSpec step);

    /// <summary>Runs one repetition of the (substituted) step on the case's device.</summary>
    Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken);
}

/// <summary>What a runner gets for one repetition.</summary>
/// <param name="Step">The step with every <c>${var}</c> already substituted.</param>
/// <param name="SuiteDirectory">Relative paths in a suite resolve against the suite file's folder.</param>
/// <param name="RunEnvironment">PERFLAB_BUILD, PERFLAB_RUN_ID, PERFLAB_DEVICE_ID and the like, set by the engine.</param>
public sealed record StepContext(
    StepSpec Step,
    PlannedCase Case,
    int Repetition,
    bool Warmup,
    TimeSpan Timeout,
    string SuiteDirectory,
    IReadOnlyDictionary<string, string> RunEnvironment)
{
    public Device Device => Case.Device;

    /// <summary>The variables every process of this step gets: the engine's, then the device's (an emulator's PATH).</summary>
    public IReadOnlyDictionary<string, string?> ProcessEnvironment()
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (k, v) in RunEnvironment) env[k] = v;
        foreach (var (k, v) in Device.Environment) env[k] = v;
        return env;
    }

    /// <summary>A suite-relative path made absolute against the suite's folder.</summary>
    public string ResolvePath(string path) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(SuiteDirectory, path));
}

/// <summary>Names of the variables the engine sets for every step's processes.</summary>
public static class RunEnvironmentNames
{
    public const string Build = "PERFLAB_BUILD";
    public const string RunId = "PERFLAB_RUN_ID";
    public const string DeviceId = "PERFLAB_DEVICE_ID";
    public const string Repetition = "PERFLAB_REPETITION";
    /// <summary>0 for a build's first measurement, N for the N-th confirming round (<c>--confirm</c>), so an emulated device can
    /// tell a first measurement from a re-measurement.</summary>
    public const string ConfirmRound = "PERFLAB_CONFIRM_ROUND";
}
