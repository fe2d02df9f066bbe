using PerfLab.Harness.Domain;
using PerfLab.Harness.Execution;
using PerfLab.Runners.Hailo.Parsing;
using PerfLab.Runners.Processes;

namespace PerfLab.Runners.Hailo;

/// <summary><c>hailo.benchmark</c>: <c>hailortcli benchmark</c>. On 4.x: FPS hw_only and streaming, HW latency and
/// streaming power where the board measures it; on 5.x: FPS and chip temperature mean/min/max.</summary>
public sealed class HailoBenchmarkRunner(HailoCli cli) : IStepRunner
{
    private const HailoStepArgs.Keys Accepted = HailoStepArgs.Keys.Hef | HailoStepArgs.Keys.Batch | HailoStepArgs.Keys.TimeOnly | HailoStepArgs.Keys.Power;

    public HailoBenchmarkRunner(IProcessLauncher launcher) : this(new HailoCli(launcher)) { }

    public string Name => "hailo.benchmark";

    public string Summary => "hailortcli benchmark on a HEF: FPS (hw_only/streaming on 4.x), HW latency, power; FPS and temperature on 5.x";

    public IReadOnlyList<ArgProblem> Validate(StepSpec step) => HailoStepArgs.Read(step.With, Accepted).Problems;

    public async Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        using var s = HailoSession.For(cli, context, cancellationToken);
        var (prepared, failure) = await HailoPreflight.PrepareHefStepAsync(s, context, Accepted).ConfigureAwait(false);
        if (prepared is null) return failure!;
        var (args, target, hefPath, hef) = prepared;

        var a = new List<string> { "benchmark", hefPath };
        if (args.Time is { } t) a.AddRange(["-t", HailoInference.Text(HailoStepArgs.Seconds(t))]);
        if (args.BatchSize is { } b) a.AddRange(["--batch-size", HailoInference.Text(b)]);
        // Up to 4.18 benchmark measured power unless told not to; 4.19 detects the sensor itself (and 4.20 dropped the flag).
        if (!args.MeasurePower && !target.Version.AtLeast(4, 19)) a.AddRange(["--no-power", "true"]);
        a.AddRange(target.DeviceOptions);
        s.Fact("hailo_command", "benchmark");

        var result = await s.CallAsync("benchmark", a).ConfigureAwait(false);
        if (s.FailureOf(result, "hailortcli benchmark") is { } bf) return bf;
        var m = HailoBenchmarkParser.Parse(result.Stdout.Text);
        if (m.State != OutputState.Complete) return s.Unreadable(m, "hailortcli benchmark");
        foreach (var (k, v) in m.Facts) s.Fact(k, v);

        var hasPower = m.Samples.Any(x => x.Metric is HailoMetrics.BenchPowerAvg or HailoMetrics.BenchCurrentAvg);
        if (HailoErrorClassifier.ReportsPowerUnsupported(result.Stderr.Text) || (args.MeasurePower && !hasPower))
        {
            s.Checks.Add(new Check("power", true, "power: unsupported on this board"));
            s.Fact("power", "unsupported on this board");
        }
        return s.Succeed(m.Samples);
    }
}
