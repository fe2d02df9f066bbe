using PerfLab.Harness.Domain;

namespace PerfLab.Runners.Hailo;

/// <summary>The arguments the Hailo runners accept, read the same way in Validate and Execute.</summary>
/// <remarks>A value still holding <c>${...}</c> (Validate runs before substitution) is only checked to be present.</remarks>
public sealed record HailoStepArgs(
    string? Hef,
    int? BatchSize,
    TimeSpan? Time,
    int? Frames,
    bool MeasurePower,
    bool MeasureCurrent,
    bool MeasureTemp,
    bool MeasureLatency,
    bool MeasureOverallLatency,
    string Command,
    TimeSpan? Duration,
    TimeSpan? Window,
    double ThrottleDropPercent)
{
    /// <summary>Which keys a runner reads; the rest are rejected as unknown.</summary>
    [Flags]
    public enum Keys
    {
        None = 0,
        Hef = 1,
        Batch = 2,
        TimeOrFrames = 4,
        Power = 8,
        Temp = 16,
        Latency = 32,
        Command = 64,
        Soak = 128,
        TimeOnly = 256,
    }

    public static (HailoStepArgs Args, IReadOnlyList<ArgProblem> Problems) Read(ArgMap map, Keys keys)
    {
        var r = new ArgReader(map);
        string? hef = null;
        if (keys.HasFlag(Keys.Hef)) hef = r.String("hef", required: true);
        var batch = keys.HasFlag(Keys.Batch) ? Deferred(r, "batch_size", () => r.Integer("batch_size", min: 1)) : null;
        TimeSpan? time = null;
        int? frames = null;
        if (keys.HasFlag(Keys.TimeOrFrames) || keys.HasFlag(Keys.TimeOnly))
        {
            time = DeferredValue(r, "time", () => r.Duration("time"));
            if (time is { } t && t < TimeSpan.FromSeconds(1)) r.Problem(map["time"]!.Position, "'time' must be at least 1s (hailortcli counts whole seconds)");
        }
        if (keys.HasFlag(Keys.TimeOrFrames))
        {
            frames = Deferred(r, "frames", () => r.Integer("frames", min: 1));
            if (map.Has("time") && map.Has("frames")) r.Problem(map["frames"]!.Position, "give either 'time' or 'frames', not both");
        }
        var power = keys.HasFlag(Keys.Power) && (DeferredBool(r, "measure_power") ?? false);
        var current = keys.HasFlag(Keys.Power) && (DeferredBool(r, "measure_current") ?? false);
        if (power && current) r.Problem(map["measure_current"]!.Position, "'measure_power' and 'measure_current' exclude each other");
        var temp = !keys.HasFlag(Keys.Temp) || (DeferredBool(r, "measure_temp") ?? true);
        var latency = keys.HasFlag(Keys.Latency) && (DeferredBool(r, "measure_latency") ?? true);
        var overall = keys.HasFlag(Keys.Latency) && (DeferredBool(r, "measure_overall_latency") ?? true);
        var command = "auto";
        if (keys.HasFlag(Keys.Command))
        {
            command = r.String("command") ?? "auto";
            if (command is not ("auto" or "run" or "run2") && !command.Contains("${", StringComparison.Ordinal))
                r.Problem(map["command"]!.Position, $"'command' must be auto, run or run2, got '{command}'");
        }
        TimeSpan? duration = null, window = null;
        double drop = 3;
        if (keys.HasFlag(Keys.Soak))
        {
            duration = DeferredValue(r, "duration", () => r.Duration("duration"));
            window = DeferredValue(r, "window", () => r.Duration("window"));
            if (window is { } w && w < TimeSpan.FromSeconds(1)) r.Problem(map["window"]!.Position, "'window' must be at least 1s");
            drop = Deferred(r, "throttle_drop_pct", () => r.Number("throttle_drop_pct", min: 0)) ?? 3;
        }
        r.RejectUnknownKeys();
        var args = new HailoStepArgs(hef, batch, time, frames, power, current, temp, latency, overall, command,
            duration, window, drop);
        return (args, r.Problems);
    }

    /// <summary>Whole seconds for <c>-t</c>: hailortcli takes an integer.</summary>
    public static int Seconds(TimeSpan t) => Math.Max(1, (int)Math.Ceiling(t.TotalSeconds - 1e-9));

    private static bool IsDeferred(ArgReader r, string key) =>
        r.Map[key] is ArgScalar s && s.Value.Contains("${", StringComparison.Ordinal);

    private static T? Deferred<T>(ArgReader r, string key, Func<T?> read) where T : struct
    {
        if (!IsDeferred(r, key)) return read();
        r.String(key);
        return null;
    }

    private static TimeSpan? DeferredValue(ArgReader r, string key, Func<TimeSpan?> read)
    {
        if (!IsDeferred(r, key)) return read();
        r.String(key);
        return null;
    }

    private static bool? DeferredBool(ArgReader r, string key)
    {
        if (!IsDeferred(r, key)) return r.Bool(key);
        r.String(key);
        return null;
    }
}
