using PerfLab.Harness.Domain;
using PerfLab.Harness.Execution;
using PerfLab.Runners.Hailo.Parsing;
using PerfLab.Runners.Processes;

namespace PerfLab.Runners.Hailo;

/// <summary><c>hailo.power</c>: idle power through <c>hailortcli measure-power</c> (one reading, or average/min/max over
/// <c>duration:</c>). A board without a power sensor yields a "power: unsupported on this board" check, not a failure.</summary>
public sealed class HailoIdlePowerRunner(HailoCli cli) : IStepRunner
{
    public HailoIdlePowerRunner(IProcessLauncher launcher) : this(new HailoCli(launcher)) { }

    public string Name => "hailo.power";

    public string Summary => "hailortcli measure-power: idle power in W (board-dependent)";

    public IReadOnlyList<ArgProblem> Validate(StepSpec step) => Read(step.With).Problems;

    private static (TimeSpan? Duration, IReadOnlyList<ArgProblem> Problems) Read(ArgMap map)
    {
        var r = new ArgReader(map);
        var d = r.Duration("duration");
        r.RejectUnknownKeys();
        return (d, r.Problems);
    }

    public async Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        using var s = HailoSession.For(cli, context, cancellationToken);
        var (duration, problems) = Read(context.Step.With);
        if (problems.Count > 0) return s.Fail(HailoFailureClasses.InvalidArguments, string.Join("; ", problems.Select(p => p.Message)));
        var (target, failure) = await HailoPreflight.IdentifyAsync(s, context.Device).ConfigureAwait(false);
        if (target is null) return failure!;

        var a = new List<string> { "measure-power" };
        if (duration is { } d) a.AddRange(["--duration", HailoInference.Text(HailoStepArgs.Seconds(d))]);
        a.AddRange(target.DeviceOptions);
        var result = await s.CallAsync("measure-power", a).ConfigureAwait(false);
        if (result.ExitCode is { } code && code != 0 && HailoErrorClassifier.Classify(code, result.Stderr.Text).PowerUnsupported)
        {
            s.Checks.Add(new Check("power", true, "power: unsupported on this board"));
            s.Fact("power", "unsupported on this board");
            return s.Succeed([]);
        }
        if (s.FailureOf(result, "hailortcli measure-power") is { } pf) return pf;
        var m = HailoMeasurePowerParser.Parse(result.Stdout.Text);
        if (m.State != OutputState.Complete) return s.Unreadable(m, "hailortcli measure-power");
        foreach (var (k, v) in m.Facts) s.Fact(k, v);
        return s.Succeed(m.Samples);
    }
}
