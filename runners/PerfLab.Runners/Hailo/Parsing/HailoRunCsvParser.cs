using PerfLab.Harness.Domain;

namespace PerfLab.Runners.Hailo.Parsing;

/// <summary>Reads the file <c>hailortcli run --csv PATH</c> writes: a header and one row per network group.</summary>
/// <remarks>Empty fields were not measured. A failed run writes "name,status,description" plus 11 commas and no
/// newline; such a row yields no figures and its status in the facts.</remarks>
public static class HailoRunCsvParser
{
    private static readonly (string Column, string Metric, string Unit)[] Columns =
    [
        ("fps", HailoMetrics.Fps, HailoUnits.Fps),
        ("num_of_frames", HailoMetrics.Frames, HailoUnits.Frames),
        ("send_rate", HailoMetrics.SendRate, HailoUnits.MegabitsPerSecond),
        ("recv_rate", HailoMetrics.RecvRate, HailoUnits.MegabitsPerSecond),
        ("hw_latency", HailoMetrics.HwLatency, HailoUnits.Milliseconds),
        ("overall_latency", HailoMetrics.OverallLatency, HailoUnits.Milliseconds),
        ("min_power", HailoMetrics.PowerMin, HailoUnits.Watts),
        ("average_power", HailoMetrics.PowerAvg, HailoUnits.Watts),
        ("max_power", HailoMetrics.PowerMax, HailoUnits.Watts),
        ("min_current", HailoMetrics.CurrentMin, HailoUnits.Milliamps),
        ("average_current", HailoMetrics.CurrentAvg, HailoUnits.Milliamps),
        ("max_current", HailoMetrics.CurrentMax, HailoUnits.Milliamps),
        ("min_temp", HailoMetrics.TempMin, HailoUnits.Celsius),
        ("average_temp", HailoMetrics.TempAvg, HailoUnits.Celsius),
        ("max_temp", HailoMetrics.TempMax, HailoUnits.Celsius),
    ];

    public static HailoMeasurement Parse(string csv)
    {
        var lines = HailoText.Clean(csv).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0 || !lines[0].StartsWith("net_name,status,", StringComparison.Ordinal))
            return HailoMeasurement.Garbage("the CSV has no 'net_name,status,...' header");
        var header = lines[0].Split(',');
        if (lines.Length < 2)
            return new HailoMeasurement([], new Dictionary<string, string>(), OutputState.Truncated, "the CSV has a header but no row");

        var row = lines[1].Split(',');
        string Field(string name)
        {
            var i = Array.IndexOf(header, name);
            return i >= 0 && i < row.Length ? row[i] : "";
        }
        var facts = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["network_group"] = Field("net_name"),
            ["csv_status"] = Field("status"),
            ["csv_status_description"] = Field("status_description"),
        };
        if (Field("status") != "0")
            return new HailoMeasurement([], facts, OutputState.Complete, null);

        var samples = new List<Sample>();
        foreach (var (column, metric, unit) in Columns)
        {
            if (HailoText.Number(Field(column)) is { } v) samples.Add(new Sample(metric, v, unit));
        }
        var whole = row.Length == header.Length;
        return new HailoMeasurement(samples, facts, whole ? OutputState.Complete : OutputState.Truncated,
            whole ? null : $"the CSV row has {row.Length} fields, the header {header.Length}");
    }
}
