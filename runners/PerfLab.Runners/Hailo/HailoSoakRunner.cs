using System.Globalization;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Execution;
using PerfLab.Runners.Hailo.Parsing;
using PerfLab.Runners.Processes;

namespace PerfLab.Runners.Hailo;

/// <summary><c>hailo.soak</c>: sustained inference for <c>duration</c> in <c>window</c>-long invocations (run or run2 with
/// <c>--measure-temp</c>), keeping a per-window trace of FPS and chip temperature and flagging throttling.</summary>
/// <remarks>Throttling is FPS falling by more than <c>throttle_drop_pct</c> from the first to the last window while the
/// chip temperature rose; it is a failed check (and flagged telemetry), not a failed step: the figures stand, the
/// evidence layer excludes them as <c>throttled</c>.</remarks>
public sealed class HailoSoakRunner(HailoCli cli, TimeProvider? clock = null) : IStepRunner
{
    private const HailoStepArgs.Keys Accepted = HailoStepArgs.Keys.Hef | HailoStepArgs.Keys.Batch | HailoStepArgs.Keys.Soak
        | HailoStepArgs.Keys.Command | HailoStepArgs.Keys.Power;

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public HailoSoakRunner(IProcessLauncher launcher) : this(new HailoCli(launcher)) { }

    public string Name => "hailo.soak";

    public string Summary => "sustained hailortcli inference in windows: per-window FPS and chip temperature trace, throttling check";

    public IReadOnlyList<ArgProblem> Validate(StepSpec step) => HailoStepArgs.Read(step.With, Accepted).Problems;

    /// <summary>One window of the soak.</summary>
    public sealed record Window(int Index, DateTimeOffset At, double Fps, double? TempMax, double? TempAvg);

    public async Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        using var s = HailoSession.For(cli, context, cancellationToken);
        var (prepared, failure) = await HailoPreflight.PrepareHefStepAsync(s, context, Accepted).ConfigureAwait(false);
        if (prepared is null) return failure!;
        var (args, target, hefPath, hef) = prepared;

        var command = HailoInference.ChooseCommand(args.Command, target);
        s.Fact("hailo_command", command);
        var window = HailoStepArgs.Seconds(args.Window ?? TimeSpan.FromSeconds(30));
        var total = args.Duration ?? TimeSpan.FromMinutes(10);
        var count = Math.Max(1, (int)Math.Ceiling(total.TotalSeconds / window - 1e-9));
        s.Fact("soak_windows", count.ToString(CultureInfo.InvariantCulture));
        s.Fact("soak_window_seconds", window.ToString(CultureInfo.InvariantCulture));

        var windows = new List<Window>();
        var samples = new List<Sample>();
        for (var i = 0; i < count; i++)
        {
            var pass = new HailoInference.Pass(command, hefPath, window, null, args.BatchSize, Temp: true,
                Power: args.MeasurePower, Current: false, Latency: false, OverallLatency: false, Label: $"{command}-window{i + 1}");
            var (figures, passFailure) = await HailoInference.MeasureAsync(s, target, pass).ConfigureAwait(false);
            if (figures is null) return passFailure!;
            var fps = figures.FirstOrDefault(f => f.Metric == HailoMetrics.Fps);
            if (fps is null) return s.Fail(FailureClass.NoMetric, $"window {i + 1}: the tool reported no FPS");
            var w = new Window(i + 1, _clock.GetUtcNow(), fps.Value,
                figures.FirstOrDefault(f => f.Metric == HailoMetrics.TempMax)?.Value,
                figures.FirstOrDefault(f => f.Metric == HailoMetrics.TempAvg)?.Value);
            windows.Add(w);
            samples.Add(new Sample(HailoMetrics.SoakFps, w.Fps, HailoUnits.Fps));
            s.Telemetry.Add(new TelemetryPoint(w.At, "fps", w.Fps, HailoUnits.Fps));
            if (w.TempMax is { } tm)
            {
                samples.Add(new Sample(HailoMetrics.SoakTempMax, tm, HailoUnits.Celsius));
                s.Telemetry.Add(new TelemetryPoint(w.At, "chip_temperature_max", tm, HailoUnits.Celsius));
            }
        }

        var verdict = Throttling(windows, args.ThrottleDropPercent);
        samples.Add(new Sample(HailoMetrics.SoakFpsDrop, verdict.DropPercent, HailoUnits.Percent));
        s.Checks.Add(new Check("throttling", !verdict.Throttled, verdict.Detail));
        if (verdict.Throttled)
        {
            var last = windows[^1];
            s.Telemetry.Add(new TelemetryPoint(last.At, "fps", last.Fps, HailoUnits.Fps,
                $"throttled: FPS -{verdict.DropPercent.ToString("0.0", CultureInfo.InvariantCulture)} % while temperature rose"));
        }
        return s.Succeed(samples);
    }

    /// <summary>Whether the trace shows throttling: FPS falling by more than the threshold while the temperature rose.</summary>
    public static (bool Throttled, double DropPercent, string Detail) Throttling(IReadOnlyList<Window> windows, double thresholdPercent)
    {
        var first = windows[0];
        var last = windows[^1];
        var drop = first.Fps > 0 ? (first.Fps - last.Fps) / first.Fps * 100 : 0;
        var rise = first.TempMax is { } a && last.TempMax is { } b ? b - a : (double?)null;
        var throttled = windows.Count > 1 && drop > thresholdPercent && rise is > 0;
        string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
        var temps = rise is null ? "chip temperature not reported" : $"chip temperature {F(first.TempMax!.Value)} → {F(last.TempMax!.Value)} °C";
        var detail = $"FPS window 1 → {windows.Count}: {F(first.Fps)} → {F(last.Fps)} ({(drop >= 0 ? "-" : "+")}{F(Math.Abs(drop))} %), {temps}; "
                     + (throttled ? "FPS fell while the chip heated: throttling" : $"no throttling (threshold {F(thresholdPercent)} %)");
        return (throttled, drop, detail);
    }
}
