using System.Text.RegularExpressions;

namespace PerfLab.Runners.Hailo.Parsing;

/// <summary>Reads <c>hailortcli parse-hef</c> stdout (4.x and 5.x headers, VStream infos, NMS outputs).</summary>
public static partial class HefParser
{
    [GeneratedRegex(@"^(?:HEF Compatible for|Architecture HEF was compiled for): (.+)$")]
    private static partial Regex ArchHeader();

    [GeneratedRegex(@"^HEF Compiler Version: (.+)$")]
    private static partial Regex CompilerHeader();

    // 4.13+: "Network group name: x, Single Context"; ≤4.10: "Network group name: x (Single Context)".
    [GeneratedRegex(@"^Network group name: ([^,(\s]+)")]
    private static partial Regex GroupHeader();

    [GeneratedRegex(@"^\s+Network name: (\S+)\s*$")]
    private static partial Regex NetworkHeader();

    [GeneratedRegex(@"^\s+(Input|Output)\s+(\S+)\s+(\S+),\s+([A-Za-z0-9_ ]+?)\((.*)\)\s*$")]
    private static partial Regex StreamLine();

    /// <summary>Null when the text holds no network group (not parse-hef output).</summary>
    public static HefDescription? Parse(string stdout)
    {
        var archs = new List<string>();
        string? compiler = null;
        var groups = new List<string>();
        var streams = new List<HefStream>();
        string network = "";
        string group = "";
        foreach (var line in HailoText.CleanLines(stdout))
        {
            var trimmed = line.TrimEnd();
            if (ArchHeader().Match(trimmed) is { Success: true } a)
            {
                archs.AddRange(a.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
            else if (CompilerHeader().Match(trimmed) is { Success: true } c)
            {
                compiler = c.Groups[1].Value.Trim();
            }
            else if (GroupHeader().Match(trimmed) is { Success: true } g)
            {
                groups.Add(g.Groups[1].Value);
                group = network = g.Groups[1].Value;
            }
            else if (NetworkHeader().Match(trimmed) is { Success: true } n)
            {
                network = n.Groups[1].Value;
            }
            else if (StreamLine().Match(trimmed) is { Success: true } s)
            {
                var direction = s.Groups[1].Value == "Input" ? StreamDirection.Input : StreamDirection.Output;
                streams.Add(new HefStream(network, direction, s.Groups[2].Value, s.Groups[3].Value,
                    s.Groups[4].Value.Trim(), s.Groups[5].Value, group));
            }
        }
        return groups.Count == 0 ? null : new HefDescription(archs, compiler, groups, streams);
    }
}
