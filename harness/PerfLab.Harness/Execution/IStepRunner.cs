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
public sealed record StepContext(
    StepSpec Step,
    PlannedCase Case,
    int Repetition,
    bool Warmup,
    TimeSpan Timeout,
    string SuiteDirectory)
{
    public Device Device => Case.Device;
}
