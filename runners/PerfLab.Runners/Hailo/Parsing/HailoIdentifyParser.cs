using System.Text.RegularExpressions;

namespace PerfLab.Runners.Hailo.Parsing;

/// <summary>Reads <c>hailortcli fw-control identify [--extended]</c>: one identity per "Executing on device" block.</summary>
public static partial class HailoIdentifyParser
{
    private const string NotConfigured = "<N/A>";

    [GeneratedRegex(@"^Executing on device: (\S+)\s*$")]
    private static partial Regex DeviceHeader();

    [GeneratedRegex(@"^(\d+\.\d+\.\d+)\s*(?:\((.*)\))?$")]
    private static partial Regex FirmwareValue();

    // v4.22/v4.23 print "LCS: <n>" without a newline, gluing the next field onto it ("LCS: 3SoC ID: ...").
    [GeneratedRegex(@"^LCS: \d+(?=[A-Z])")]
    private static partial Regex GluedLcs();

    public static IReadOnlyList<HailoIdentity> Parse(string stdout)
    {
        var result = new List<HailoIdentity>();
        string? device = null;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);

        void Flush()
        {
            if (device is not null) result.Add(Build(device, fields));
            fields = new Dictionary<string, string>(StringComparer.Ordinal);
        }

        foreach (var raw in HailoText.CleanLines(stdout))
        {
            var line = GluedLcs().Replace(raw.TrimEnd(), "");
            var header = DeviceHeader().Match(line);
            if (header.Success)
            {
                Flush();
                device = header.Groups[1].Value;
                continue;
            }
            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (device is null || colon <= 0) continue;
            fields.TryAdd(line[..colon].Trim(), line[(colon + 2)..].Trim());
        }
        Flush();
        return result;
    }

    private static HailoIdentity Build(string device, Dictionary<string, string> f)
    {
        string? Get(string key) =>
            f.TryGetValue(key, out var v) && v.Length > 0 && v != NotConfigured ? v : null;

        string? firmware = null, build = null;
        if (Get("Firmware Version") is { } fw)
        {
            var m = FirmwareValue().Match(fw);
            firmware = m.Success ? m.Groups[1].Value : fw;
            build = m.Success && m.Groups[2].Success ? m.Groups[2].Value : null;
        }
        var features = Get("Device supported features")?.Split(", ", StringSplitOptions.RemoveEmptyEntries) ?? [];
        return new HailoIdentity(device, Get("Control Protocol Version"), firmware, build, Get("Board Name"),
            Get("Device Architecture"), Get("Serial Number"), Get("Part Number"), Get("Product Name"), features);
    }
}
