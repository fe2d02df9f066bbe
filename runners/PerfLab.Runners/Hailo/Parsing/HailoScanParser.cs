using System.Text.RegularExpressions;

namespace PerfLab.Runners.Hailo.Parsing;

/// <summary>Reads <c>hailortcli scan</c>: the device ids it lists (empty for "Hailo devices not found").</summary>
public static partial class HailoScanParser
{
    // ≤4.9 printed "[-] Device BDF: <bdf>"; later versions "[-] Device: <id>".
    [GeneratedRegex(@"^\[-\] Device(?: BDF)?: (\S+)\s*$")]
    private static partial Regex DeviceLine();

    public static IReadOnlyList<string> Parse(string stdout) =>
        HailoText.CleanLines(stdout)
            .Select(l => DeviceLine().Match(l.Trim()))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .ToList();
}
