using PerfLab.Harness.Domain;
using PerfLab.Harness.Execution;
using PerfLab.Runners.Hailo.Parsing;
using PerfLab.Runners.Processes;

namespace PerfLab.Runners.Hailo;

/// <summary><c>hailo.run</c>: throughput (and temperature/power) from one pass, latency from a separate
/// <c>--measure-latency</c> pass, through <c>run --csv</c> on Hailo-8 / HailoRT 4.x and <c>run2 -j</c> where
/// <c>run</c> is refused (Hailo-10H from 5.1).</summary>
public sealed class HailoRunRunner(HailoCli cli) : IStepRunner
{
    private const HailoStepArgs.Keys Accepted = HailoStepArgs.Keys.Hef | HailoStepArgs.Keys.Batch | HailoStepArgs.Keys.TimeOrFrames
        | HailoStepArgs.Keys.Power | HailoStepArgs.Keys.Temp | HailoStepArgs.Keys.Latency | HailoStepArgs.Keys.Command;

    public HailoRunRunner(IProcessLauncher launcher) : this(new HailoCli(launcher)) { }

    public string Name => "hailo.run";

    public string Summary => "hailortcli run/run2 on a HEF: FPS, rates, HW/overall latency (separate pass), chip temperature, power";

    public IReadOnlyList<ArgProblem> Validate(StepSpec step) => HailoStepArgs.Read(step.With, Accepted).Problems;

    public async Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        using var s = HailoSession.For(cli, context, cancellationToken);
        var (prepared, failure) = await HailoPreflight.PrepareHefStepAsync(s, context, Accepted).ConfigureAwait(false);
        if (prepared is null) return failure!;
        var (args, target, hefPath, hef) = prepared;

        var command = HailoInference.ChooseCommand(args.Command, target);
        s.Fact("hailo_command", command);
        if (command == "run2" && args.Frames is not null)
            return s.Fail(HailoFailureClasses.InvalidArguments, "'frames' is not supported by run2 (used on this device); use 'time'");
        int? seconds = args.Time is { } t ? HailoStepArgs.Seconds(t) : args.Frames is null ? 5 : null;

        var throughput = new HailoInference.Pass(command, hefPath, seconds, args.Frames, args.BatchSize,
            args.MeasureTemp, args.MeasurePower, args.MeasureCurrent, Latency: false, OverallLatency: false, Label: command);
        var (samples, passFailure) = await HailoInference.MeasureAsync(s, target, throughput).ConfigureAwait(false);
        if (samples is null) return passFailure!;
        var all = new List<Sample>(samples);

        if (args.MeasureLatency)
        {
            var overall = args.MeasureOverallLatency && hef.Inputs.Count() <= 1;
            if (args.MeasureOverallLatency && !overall)
                s.Checks.Add(new Check("overall-latency", true, "not measured: hailortcli measures overall latency only for single-input networks"));
            // Latency mode sends one frame at a time and drops FPS, so it is its own pass; its frame count is not kept.
            var latency = throughput with { Latency = true, OverallLatency = overall, Temp = false, Power = false, Current = false, Label = command + "-latency" };
            var (lat, latFailure) = await HailoInference.MeasureAsync(s, target, latency).ConfigureAwait(false);
            if (lat is null) return latFailure!;
            all.AddRange(lat.Where(x => x.Metric is HailoMetrics.HwLatency or HailoMetrics.OverallLatency));
        }
        return s.Succeed(all);
    }
}
