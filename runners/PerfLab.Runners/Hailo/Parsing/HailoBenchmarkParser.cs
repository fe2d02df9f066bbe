using System.Text.RegularExpressions;
using PerfLab.Harness.Domain;

namespace PerfLab.Runners.Hailo.Parsing;

/// <summary>Reads <c>hailortcli benchmark</c> stdout: the 4.x three-phase summary or the 5.x run2-based summary.</summary>
public static partial class HailoBenchmarkParser
{
    [GeneratedRegex(@"^FPS\s+\(hw_only\)\s+= (\S+)$")]
    private static partial Regex HwOnlyFps();

    [GeneratedRegex(@"^\s+\(streaming\)\s+= (\S+)$")]
    private static partial Regex StreamingFps();

    [GeneratedRegex(@"^Latency \(hw\)\s+= (\S+) (ms)$")]
    private static partial Regex HwLatency();

    [GeneratedRegex(@"^\s+\(overall\)\s+= (\S+) (ms)$")]
    private static partial Regex OverallLatency();

    [GeneratedRegex(@"^Device (\S+):$")]
    private static partial Regex DeviceHeader4();

    // The legacy doc format (S6) prints the power lines without the "Device" header and indent.
    [GeneratedRegex(@"^\s*Power in streaming mode \(average\) = (\S+) (\S+)$")]
    private static partial Regex PowerAverage();

    [GeneratedRegex(@"^\s+\(max\)\s+= (\S+) (\S+)$")]
    private static partial Regex PowerMax();

    [GeneratedRegex(@"^(.+): FPS: (\S+)$")]
    private static partial Regex NetworkFps5();

    [GeneratedRegex(@"^(\S+):$")]
    private static partial Regex DeviceHeader5();

    [GeneratedRegex(@"^  (power|current|temperature): mean=(\S+) min=(\S+) max=(\S+)$")]
    private static partial Regex Measurement5();

    [GeneratedRegex(@"^Network (\S+): \d+% \|")]
    private static partial Regex ProgressLine();

    public static HailoMeasurement Parse(string stdout)
    {
        var lines = HailoText.CleanLines(stdout).Select(l => l.TrimEnd()).ToList();
        var summary = lines.FindIndex(l => l == "Summary");
        var started = lines.Any(l => l.StartsWith("Starting Measurements", StringComparison.Ordinal)
                                     || l.StartsWith("Measuring FPS", StringComparison.Ordinal));
        if (summary < 0)
        {
            return started
                ? new HailoMeasurement([], ProgressFacts(lines), OutputState.Truncated, "benchmark output ends before its Summary")
                : HailoMeasurement.Garbage("no benchmark Summary in the output");
        }
        var tail = lines.Skip(summary + 1).ToList();
        return tail.Any(l => HwOnlyFps().IsMatch(l)) || started
            ? ParseGeneration4(tail, ProgressFacts(lines))
            : ParseGeneration5(tail);
    }

    private static Dictionary<string, string> ProgressFacts(List<string> lines)
    {
        var facts = new Dictionary<string, string>(StringComparer.Ordinal);
        var network = lines.Select(l => ProgressLine().Match(l)).FirstOrDefault(m => m.Success);
        if (network is not null) facts["network"] = network.Groups[1].Value;
        return facts;
    }

    private static HailoMeasurement ParseGeneration4(List<string> tail, Dictionary<string, string> facts)
    {
        var samples = new List<Sample>();
        facts["benchmark_format"] = "4.x";
        foreach (var line in tail)
        {
            if (HwOnlyFps().Match(line) is { Success: true } a) Add(samples, HailoMetrics.BenchFpsHwOnly, a.Groups[1].Value, HailoUnits.Fps);
            else if (StreamingFps().Match(line) is { Success: true } b) Add(samples, HailoMetrics.BenchFpsStreaming, b.Groups[1].Value, HailoUnits.Fps);
            else if (HwLatency().Match(line) is { Success: true } c) Add(samples, HailoMetrics.BenchHwLatency, c.Groups[1].Value, c.Groups[2].Value);
            else if (OverallLatency().Match(line) is { Success: true } d) Add(samples, HailoMetrics.BenchOverallLatency, d.Groups[1].Value, d.Groups[2].Value);
            else if (DeviceHeader4().Match(line) is { Success: true } e) facts["device_id"] = e.Groups[1].Value;
            else if (PowerAverage().Match(line) is { Success: true } f) Add(samples, UnitMetric(f.Groups[2].Value, HailoMetrics.BenchPowerAvg, HailoMetrics.BenchCurrentAvg), f.Groups[1].Value, f.Groups[2].Value);
            else if (PowerMax().Match(line) is { Success: true } g) Add(samples, UnitMetric(g.Groups[2].Value, HailoMetrics.BenchPowerMax, HailoMetrics.BenchCurrentMax), g.Groups[1].Value, g.Groups[2].Value);
        }
        var whole = samples.Any(s => s.Metric == HailoMetrics.BenchFpsHwOnly) && samples.Any(s => s.Metric == HailoMetrics.BenchFpsStreaming);
        return new HailoMeasurement(samples, facts, whole ? OutputState.Complete : OutputState.Truncated,
            whole ? null : "benchmark Summary lacks its FPS lines");
    }

    private static HailoMeasurement ParseGeneration5(List<string> tail)
    {
        var samples = new List<Sample>();
        var facts = new Dictionary<string, string>(StringComparer.Ordinal) { ["benchmark_format"] = "5.x" };
        var fpsLines = tail.Select(l => NetworkFps5().Match(l)).Where(m => m.Success).ToList();
        foreach (var m in fpsLines)
        {
            // One network is the common case; several get the network name appended so no figure is merged.
            var metric = fpsLines.Count == 1 ? HailoMetrics.BenchFps : $"{HailoMetrics.BenchFps}.{m.Groups[1].Value}";
            Add(samples, metric, m.Groups[2].Value, HailoUnits.Fps);
        }
        if (fpsLines.Count > 0) facts["network"] = string.Join(",", fpsLines.Select(m => m.Groups[1].Value));
        foreach (var line in tail)
        {
            if (NetworkFps5().IsMatch(line)) continue;
            if (Measurement5().Match(line) is { Success: true } m)
            {
                // 5.x prints no units; source: power W, current mA, temperature °C.
                var (avg, min, max, unit) = m.Groups[1].Value switch
                {
                    "power" => (HailoMetrics.BenchPowerAvg, HailoMetrics.BenchPowerMin, HailoMetrics.BenchPowerMax, HailoUnits.Watts),
                    "current" => (HailoMetrics.BenchCurrentAvg, HailoMetrics.BenchCurrentMin, HailoMetrics.BenchCurrentMax, HailoUnits.Milliamps),
                    _ => (HailoMetrics.BenchTempAvg, HailoMetrics.BenchTempMin, HailoMetrics.BenchTempMax, HailoUnits.Celsius),
                };
                Add(samples, avg, m.Groups[2].Value, unit);
                Add(samples, min, m.Groups[3].Value, unit);
                Add(samples, max, m.Groups[4].Value, unit);
            }
            else if (DeviceHeader5().Match(line) is { Success: true } d)
            {
                facts["device_id"] = d.Groups[1].Value;
            }
        }
        return fpsLines.Count > 0
            ? new HailoMeasurement(samples, facts, OutputState.Complete, null)
            : new HailoMeasurement(samples, facts, OutputState.Truncated, "benchmark Summary has no FPS line");
    }

    private static string UnitMetric(string unit, string power, string current) => unit == HailoUnits.Milliamps ? current : power;

    private static void Add(List<Sample> samples, string metric, string number, string unit)
    {
        if (HailoText.Number(number) is { } v) samples.Add(new Sample(metric, v, HailoText.Unit(unit)));
    }
}
