using PerfLab.Harness.Domain;
using PerfLab.Harness.Execution;
using PerfLab.Harness.Suites;

namespace PerfLab.Tests.Suites;

/// <summary>A validation-only runner for suite tests: requires <c>argv</c> (a list), accepts <c>env</c> (a map).</summary>
/// <remarks>Keeps the loader tests independent of the real Command runner, whose arguments evolve on their own.</remarks>
internal sealed class ArgvTestRunner(string name = ArgvTestRunner.DefaultName) : IStepRunner
{
    public const string DefaultName = "argv-test";

    public string Name => name;

    public string Summary => "test runner: argv (required list), env (optional map)";

    public IReadOnlyList<ArgProblem> Validate(StepSpec step)
    {
        var reader = new ArgReader(step.With);
        reader.StringList("argv", required: true);
        reader.StringMap("env");
        reader.RejectUnknownKeys();
        return reader.Problems;
    }

    public Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken) =>
        throw new NotSupportedException("ArgvTestRunner only validates; suite loading never executes a step");

    public static SuiteLoader Loader(params IStepRunner[] extra) =>
        new(new RunnerCatalog([new ArgvTestRunner(), .. extra]));
}
