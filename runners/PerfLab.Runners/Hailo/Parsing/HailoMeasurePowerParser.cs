using System.Text.RegularExpressions;
using PerfLab.Harness.Domain;

namespace PerfLab.Runners.Hailo.Parsing;

/// <summary>Reads <c>hailortcli measure-power [--duration S]</c>: one reading, or average/min/max over the duration.</summary>
public static partial class HailoMeasurePowerParser
{
    [GeneratedRegex(@"^(Current power consumption|Average value|Max value|Min value) \((W|mA|mV)\): (\S+)$")]
    private static partial Regex ValueLine();

    [GeneratedRegex(@"^Total samples: (\d+)$")]
    private static partial Regex TotalSamples();

    [GeneratedRegex(@"^Executing on device: (\S+)$")]
    private static partial Regex DeviceLine();

    public static HailoMeasurement Parse(string stdout)
    {
        var samples = new List<Sample>();
        var facts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in HailoText.CleanLines(stdout).Select(l => l.Trim()))
        {
            if (DeviceLine().Match(line) is { Success: true } d) facts.TryAdd("device_id", d.Groups[1].Value);
            else if (TotalSamples().Match(line) is { Success: true } t) facts["power_samples"] = t.Groups[1].Value;
            else if (ValueLine().Match(line) is { Success: true } m && HailoText.Number(m.Groups[3].Value) is { } v)
            {
                var unit = m.Groups[2].Value;
                var stem = unit switch { "W" => HailoMetrics.IdlePower, "mA" => "idle_current", _ => "idle_voltage" };
                var metric = m.Groups[1].Value switch
                {
                    "Max value" => stem + "_max",
                    "Min value" => stem + "_min",
                    _ => stem,
                };
                samples.Add(new Sample(metric, v, unit));
            }
        }
        return samples.Count > 0
            ? new HailoMeasurement(samples, facts, OutputState.Complete, null)
            : facts.Count > 0
                ? new HailoMeasurement([], facts, OutputState.Truncated, "measure-power named its device but printed no value")
                : HailoMeasurement.Garbage("no measure-power value in the output");
    }
}
