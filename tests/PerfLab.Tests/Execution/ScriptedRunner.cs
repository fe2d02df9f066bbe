using PerfLab.Harness.Domain;
using PerfLab.Harness.Execution;

namespace PerfLab.Tests.Execution;

/// <summary>A runner whose outcomes are given in advance, one per call, recording every context it was called with.</summary>
internal sealed class ScriptedRunner(string name, params Func<StepContext, StepOutcome>[] outcomes) : IStepRunner
{
    private int _calls;

    public List<StepContext> Calls { get; } = [];

    public string Name => name;

    public string Summary => "test runner";

    public IReadOnlyList<ArgProblem> Validate(StepSpec step) => [];

    public Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        Calls.Add(context);
        var next = outcomes[Math.Min(_calls++, outcomes.Length - 1)];
        return Task.FromResult(next(context));
    }

    public static Func<StepContext, StepOutcome> Fps(double value) =>
        _ => StepOutcome.Success([new Sample("fps", value, "FPS")], TimeSpan.FromMilliseconds(5), 0);

    public static Func<StepContext, StepOutcome> Fail(FailureClass failure, string message) =>
        _ => StepOutcome.Failed(failure, message, TimeSpan.FromMilliseconds(5), 1);
}

/// <summary>A thermal probe that reads from a list of temperatures, repeating the last one.</summary>
internal sealed class ListThermalProbe(string family, params double?[] readings) : IThermalProbe
{
    private int _reads;

    public int Reads => _reads;

    public string Family => family;

    public Task<double?> ReadCelsiusAsync(Device device, CancellationToken cancellationToken) =>
        Task.FromResult(readings[Math.Min(_reads++, readings.Length - 1)]);
}
