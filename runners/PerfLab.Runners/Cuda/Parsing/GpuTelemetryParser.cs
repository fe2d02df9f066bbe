using System.Globalization;
using PerfLab.Harness.Domain;

namespace PerfLab.Runners.Cuda.Parsing;

/// <summary>Turns nvidia-smi sampling rows (<c>--query-gpu=... -lms N</c>) into telemetry points, flagging throttled readings.</summary>
public static class GpuTelemetryParser
{
    private static readonly (string[] Fields, string Channel, string Unit)[] Channels =
    [
        (["temperature.gpu"], "gpu.temperature", "°C"),
        (["power.draw", "power.draw.average"], "gpu.power", "W"),
        (["clocks.current.sm", "clocks.sm"], "gpu.clock.sm", "MHz"),
        (["clocks.current.memory", "clocks.mem"], "gpu.clock.memory", "MHz"),
        (["utilization.gpu"], "gpu.utilization", "%"),
        (["utilization.memory"], "gpu.memory.utilization", "%"),
        (["memory.used"], "gpu.memory.used", "MiB"),
    ];

    // NVML clocks-event reason bits, used when only the bitmask field is available.
    private static readonly (ulong Bit, string Reason)[] ReasonBits =
    [
        (0x4, "sw_power_cap"), (0x8, "hw_slowdown"), (0x20, "sw_thermal_slowdown"),
        (0x40, "hw_thermal_slowdown"), (0x80, "hw_power_brake_slowdown"),
    ];

    /// <summary>Parses sampling output; a row cut off by the kill that ended sampling is dropped, not an error.</summary>
    /// <param name="fallbackTime">Timestamps for rows without a <c>timestamp</c> field: (row index) → time.</param>
    public static Parsed<IReadOnlyList<TelemetryPoint>> Parse(string text, GpuQueryFields fields, Func<int, DateTimeOffset> fallbackTime)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToList();
        // The last line may be half-written when the sampler is killed: keep it only if it has every column.
        if (lines.Count > 0 && lines[^1].Split(',').Length != fields.Telemetry.Count) lines.RemoveAt(lines.Count - 1);
        var rows = NvidiaSmiCsv.Parse(string.Join('\n', lines), fields.Telemetry);
        if (!rows.Ok) return Parsed<IReadOnlyList<TelemetryPoint>>.Fail(rows.Error!);
        var points = new List<TelemetryPoint>();
        for (var i = 0; i < rows.Value!.Count; i++) points.AddRange(PointsOf(rows.Value[i], fields, fallbackTime(i)));
        return Parsed<IReadOnlyList<TelemetryPoint>>.Of(points);
    }

    /// <summary>The points of one row: one per numeric channel, plus a <c>gpu.throttled</c> 0/1 point when reasons were queried.</summary>
    public static IEnumerable<TelemetryPoint> PointsOf(IReadOnlyDictionary<string, string?> row, GpuQueryFields fields, DateTimeOffset fallback)
    {
        var at = ParseTimestamp(row.GetValueOrDefault("timestamp")) ?? fallback;
        var reasons = ActiveThrottleReasons(row, fields.ThrottlePrefix);
        var flag = reasons.Count > 0 ? "throttled: " + string.Join(",", reasons) : null;
        foreach (var (names, channel, unit) in Channels)
        {
            var field = names.FirstOrDefault(row.ContainsKey);
            if (field is null || row[field] is not { } text) continue;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v))
                yield return new TelemetryPoint(at, channel, v, unit, flag);
        }
        if (fields.ThrottlePrefix is not null) yield return new TelemetryPoint(at, "gpu.throttled", reasons.Count > 0 ? 1 : 0, "bool", flag);
    }

    /// <summary>Power/thermal reasons active in a row, from the named fields or, failing those, the <c>.active</c> bitmask.</summary>
    public static IReadOnlyList<string> ActiveThrottleReasons(IReadOnlyDictionary<string, string?> row, string? prefix)
    {
        if (prefix is null) return [];
        var named = GpuQueryFields.ThrottleReasons.Where(r => row.ContainsKey(prefix + "." + r)).ToList();
        if (named.Count > 0)
            return named.Where(r => string.Equals(row[prefix + "." + r], "Active", StringComparison.OrdinalIgnoreCase)).ToList();
        var mask = row.GetValueOrDefault(prefix + ".active");
        if (mask is null || !mask.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            || !ulong.TryParse(mask[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var bits)) return [];
        return ReasonBits.Where(b => (bits & b.Bit) != 0).Select(b => b.Reason).ToList();
    }

    /// <summary>nvidia-smi prints local time as <c>2026/05/18 12:00:00.123</c>.</summary>
    public static DateTimeOffset? ParseTimestamp(string? text) =>
        text is not null && DateTime.TryParseExact(text, ["yyyy/MM/dd HH:mm:ss.fff", "yyyy/MM/dd HH:mm:ss"], CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeLocal, out var t) ? new DateTimeOffset(t) : null;
}
