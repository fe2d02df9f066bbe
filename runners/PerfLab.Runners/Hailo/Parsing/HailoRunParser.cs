using System.Text.RegularExpressions;
using PerfLab.Harness.Domain;

namespace PerfLab.Runners.Hailo.Parsing;

/// <summary>Reads <c>hailortcli run</c> stdout: the "> Inference result:" block and its device measurements.</summary>
/// <remarks>With <c>--measure-latency</c> the tool omits FPS and rates, so a result with only latencies is complete.
/// Groups with several networks repeat the per-network lines; the first occurrence of each figure is kept.</remarks>
public static partial class HailoRunParser
{
    [GeneratedRegex(@"^Running (\S+) inference \((.*)\):$")]
    private static partial Regex Header();

    [GeneratedRegex(@"^ Network group: (\S+)$")]
    private static partial Regex Group();

    [GeneratedRegex(@"^    Frames count: (\d+)$")]
    private static partial Regex Frames();

    [GeneratedRegex(@"^    Duration: (\S+)$")]
    private static partial Regex Duration();

    [GeneratedRegex(@"^    FPS: (\S+)$")]
    private static partial Regex Fps();

    [GeneratedRegex(@"^    (Send|Recv) Rate: (\S+) (Mbit/s)$")]
    private static partial Regex Rate();

    [GeneratedRegex(@"^    (HW|Overall) Latency: (\S+) (ms)$")]
    private static partial Regex Latency();

    [GeneratedRegex(@"^  Device: (\S+)$")]
    private static partial Regex Device();

    [GeneratedRegex(@"^    (Minimum|Average|Maximum) (power|current) consumption: (\S+) (\S+)$")]
    private static partial Regex Consumption();

    // Default iostream precision, "C" glued to the number: "Average chip temperature: 38.2565C".
    [GeneratedRegex(@"^    (Minimum|Average|Maximum) chip temperature: (\S+?)(C)$")]
    private static partial Regex Temperature();

    public static HailoMeasurement Parse(string stdout)
    {
        var lines = HailoText.CleanLines(stdout).Select(l => l.TrimEnd()).ToList();
        var facts = new Dictionary<string, string>(StringComparer.Ordinal);
        var samples = new List<Sample>();
        var header = lines.Select(l => Header().Match(l)).FirstOrDefault(m => m.Success);
        if (header is not null) facts["inference_mode"] = header.Groups[1].Value;
        var result = lines.FindIndex(l => l == "> Inference result:");
        if (result < 0)
        {
            return header is not null
                ? new HailoMeasurement([], facts, OutputState.Truncated, "run output ends before '> Inference result:'")
                : HailoMeasurement.Garbage("no hailortcli run header or result in the output");
        }

        foreach (var line in lines.Skip(result + 1))
        {
            if (Group().Match(line) is { Success: true } g) facts.TryAdd("network_group", g.Groups[1].Value);
            else if (Frames().Match(line) is { Success: true } f) Add(samples, HailoMetrics.Frames, f.Groups[1].Value, HailoUnits.Frames);
            else if (Duration().Match(line) is { Success: true } d) facts.TryAdd("duration", d.Groups[1].Value);
            else if (Fps().Match(line) is { Success: true } p) Add(samples, HailoMetrics.Fps, p.Groups[1].Value, HailoUnits.Fps);
            else if (Rate().Match(line) is { Success: true } r) Add(samples, r.Groups[1].Value == "Send" ? HailoMetrics.SendRate : HailoMetrics.RecvRate, r.Groups[2].Value, r.Groups[3].Value);
            else if (Latency().Match(line) is { Success: true } l) Add(samples, l.Groups[1].Value == "HW" ? HailoMetrics.HwLatency : HailoMetrics.OverallLatency, l.Groups[2].Value, l.Groups[3].Value);
            else if (Device().Match(line) is { Success: true } dev) facts.TryAdd("device_id", dev.Groups[1].Value);
            else if (Consumption().Match(line) is { Success: true } c) Add(samples, ConsumptionMetric(c.Groups[1].Value, c.Groups[2].Value), c.Groups[3].Value, c.Groups[4].Value);
            else if (Temperature().Match(line) is { Success: true } t) Add(samples, Stat(t.Groups[1].Value, HailoMetrics.TempMin, HailoMetrics.TempAvg, HailoMetrics.TempMax), t.Groups[2].Value, t.Groups[3].Value);
        }
        var whole = samples.Any(s => s.Metric is HailoMetrics.Fps or HailoMetrics.HwLatency);
        return new HailoMeasurement(samples, facts, whole ? OutputState.Complete : OutputState.Truncated,
            whole ? null : "run result has neither FPS nor HW Latency");
    }

    internal static string ConsumptionMetric(string stat, string kind) => kind == "power"
        ? Stat(stat, HailoMetrics.PowerMin, HailoMetrics.PowerAvg, HailoMetrics.PowerMax)
        : Stat(stat, HailoMetrics.CurrentMin, HailoMetrics.CurrentAvg, HailoMetrics.CurrentMax);

    internal static string Stat(string stat, string min, string avg, string max) => stat switch
    {
        "Minimum" => min,
        "Average" => avg,
        _ => max,
    };

    private static void Add(List<Sample> samples, string metric, string number, string unit)
    {
        if (samples.Any(s => s.Metric == metric)) return;
        if (HailoText.Number(number) is { } v) samples.Add(new Sample(metric, v, HailoText.Unit(unit)));
    }
}
