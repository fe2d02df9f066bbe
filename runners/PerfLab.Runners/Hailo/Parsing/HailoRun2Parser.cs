using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using PerfLab.Harness.Domain;

namespace PerfLab.Runners.Hailo.Parsing;

/// <summary>Reads <c>hailortcli run2</c>: its live stdout (last refresh wins) and the <c>-j PATH.json</c> file.</summary>
public static partial class HailoRun2Parser
{
    // "{name}:" padded to the longest name, then " fps: x" | " | hw latency: x ms" | " | overall latency: x ms".
    [GeneratedRegex(@"^(\S+?):\s+((?:fps|hw latency|overall latency): .*)$")]
    private static partial Regex NetworkLine();

    [GeneratedRegex(@"^(fps|hw latency|overall latency): (\S+)(?: (ms))?")]
    private static partial Regex Field();

    [GeneratedRegex(@"^Measurements for device (\S+)$")]
    private static partial Regex DeviceHeader();

    [GeneratedRegex(@"^\s*(Minimum|Average|Maximum) (power consumption|current consumption|chip temperature): (\S+) (\S+)$")]
    private static partial Regex MeasurementLine();

    [GeneratedRegex(@"^\[=*>?\s*\]\s+\d+%")]
    private static partial Regex ProgressBar();

    /// <summary>Reads the live stdout. With several networks (several <c>set-net</c>), every network keeps its own figures:
    /// "fps.yolov8s", "fps.scrfd_2_5g" (as <see cref="HailoBenchmarkParser"/> names them), never one overwriting the other.</summary>
    public static HailoMeasurement ParseStdout(string stdout)
    {
        var lines = HailoText.CleanLines(stdout).Select(l => l.TrimEnd()).ToList();
        var latest = new Dictionary<string, Sample>(StringComparer.Ordinal);
        var perNetwork = new Dictionary<string, Dictionary<string, Sample>>(StringComparer.Ordinal);
        var networks = new List<string>();
        var facts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (NetworkLine().Match(line) is { Success: true } n)
            {
                var network = n.Groups[1].Value;
                if (!perNetwork.TryGetValue(network, out var figures))
                {
                    perNetwork[network] = figures = new Dictionary<string, Sample>(StringComparer.Ordinal);
                    networks.Add(network);
                }
                foreach (var part in n.Groups[2].Value.Split(" | "))
                {
                    if (Field().Match(part.Trim()) is not { Success: true } f) continue;
                    var (metric, unit) = f.Groups[1].Value switch
                    {
                        "fps" => (HailoMetrics.Fps, HailoUnits.Fps),
                        "hw latency" => (HailoMetrics.HwLatency, HailoUnits.Milliseconds),
                        _ => (HailoMetrics.OverallLatency, HailoUnits.Milliseconds),
                    };
                    Put(figures, metric, f.Groups[2].Value, f.Groups[3].Success ? f.Groups[3].Value : unit);
                }
            }
            else if (DeviceHeader().Match(line) is { Success: true } d)
            {
                facts["device_id"] = d.Groups[1].Value;
            }
            else if (MeasurementLine().Match(line) is { Success: true } m)
            {
                var metric = m.Groups[2].Value switch
                {
                    "power consumption" => HailoRunParser.ConsumptionMetric(m.Groups[1].Value, "power"),
                    "current consumption" => HailoRunParser.ConsumptionMetric(m.Groups[1].Value, "current"),
                    _ => HailoRunParser.Stat(m.Groups[1].Value, HailoMetrics.TempMin, HailoMetrics.TempAvg, HailoMetrics.TempMax),
                };
                Put(latest, metric, m.Groups[3].Value, m.Groups[4].Value);
            }
        }
        if (networks.Count > 0) facts["network"] = string.Join(",", networks);
        foreach (var network in networks)
            foreach (var figure in perNetwork[network].Values)
                latest[PerNetwork(figure.Metric, network, networks.Count)] = figure with { Metric = PerNetwork(figure.Metric, network, networks.Count) };
        if (latest.Count > 0) return new HailoMeasurement(latest.Values.ToList(), facts, OutputState.Complete, null);
        return lines.Any(l => ProgressBar().IsMatch(l))
            ? new HailoMeasurement([], facts, OutputState.Truncated, "run2 printed progress but no network figures")
            : HailoMeasurement.Garbage("no run2 network line in the output");
    }

    /// <summary>Reads the run2 JSON: FPS and measurement values are strings ("855.620000", "53.500000 C"), latencies numbers.</summary>
    public static HailoMeasurement ParseJson(string json)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json); }
        catch (JsonException e) { return HailoMeasurement.Garbage("run2 JSON does not parse: " + e.Message); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("network_groups", out var groups)
                || groups.ValueKind != JsonValueKind.Array || groups.GetArrayLength() == 0)
                return HailoMeasurement.Garbage("run2 JSON has no network_groups");

            var samples = new List<Sample>();
            var facts = new Dictionary<string, string>(StringComparer.Ordinal);
            var count = groups.GetArrayLength();
            var names = new List<string>();
            var index = 0;
            foreach (var group in groups.EnumerateArray())
            {
                index++;
                var network = group.ValueKind == JsonValueKind.Object && group.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
                    ? name.GetString()! : "";
                if (count > 1 && (network.Length == 0 || names.Contains(network)))
                    return HailoMeasurement.Garbage($"run2 JSON network group {index} of {count} has no name of its own, so its figures cannot be told apart");
                names.Add(network);
                if (group.ValueKind != JsonValueKind.Object) continue;
                if (group.TryGetProperty("FPS", out var fps) && ReadNumber(fps) is { } f) samples.Add(new Sample(PerNetwork(HailoMetrics.Fps, network, count), f, HailoUnits.Fps));
                if (group.TryGetProperty("hw_latency", out var hw) && ReadNumber(hw) is { } h) samples.Add(new Sample(PerNetwork(HailoMetrics.HwLatency, network, count), h, HailoUnits.Milliseconds));
                if (group.TryGetProperty("overall_latency", out var ov) && ReadNumber(ov) is { } o) samples.Add(new Sample(PerNetwork(HailoMetrics.OverallLatency, network, count), o, HailoUnits.Milliseconds));
            }
            facts["network"] = string.Join(",", names);
            if (root.TryGetProperty("inference_mode", out var mode)) facts["inference_mode"] = mode.GetString() ?? "";

            if (root.TryGetProperty("devices", out var devices) && devices.ValueKind == JsonValueKind.Array && devices.GetArrayLength() > 0)
            {
                var device = devices[0];
                if (device.TryGetProperty("device_id", out var id)) facts["device_id"] = id.GetString() ?? "";
                AddStats(samples, device, "power", HailoMetrics.PowerMin, HailoMetrics.PowerAvg, HailoMetrics.PowerMax);
                AddStats(samples, device, "current", HailoMetrics.CurrentMin, HailoMetrics.CurrentAvg, HailoMetrics.CurrentMax);
                AddStats(samples, device, "temperature", HailoMetrics.TempMin, HailoMetrics.TempAvg, HailoMetrics.TempMax);
            }
            return samples.Count > 0
                ? new HailoMeasurement(samples, facts, OutputState.Complete, null)
                : new HailoMeasurement(samples, facts, OutputState.Truncated, "run2 JSON names a network group but holds no figure");
        }
    }

    private static void AddStats(List<Sample> samples, JsonElement device, string key, string min, string avg, string max)
    {
        if (!device.TryGetProperty(key, out var stats) || stats.ValueKind != JsonValueKind.Object) return;
        foreach (var (field, metric) in new[] { ("min", min), ("average", avg), ("max", max) })
        {
            if (!stats.TryGetProperty(field, out var v) || v.ValueKind != JsonValueKind.String) continue;
            var parts = (v.GetString() ?? "").Split(' ', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && HailoText.Number(parts[0]) is { } n) samples.Add(new Sample(metric, n, HailoText.Unit(parts[1])));
        }
    }

    private static double? ReadNumber(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.String => HailoText.Number(e.GetString() ?? ""),
        _ => null,
    };

    /// <summary>One network keeps the plain metric name; several get theirs appended ("fps.yolov8s"), so no figure is merged.</summary>
    public static string PerNetwork(string metric, string network, int networks) => networks == 1 ? metric : $"{metric}.{network}";

    private static void Put(Dictionary<string, Sample> latest, string metric, string number, string unit)
    {
        if (HailoText.Number(number) is { } v) latest[metric] = new Sample(metric, v, HailoText.Unit(unit));
    }

    internal static string Format(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);
}
