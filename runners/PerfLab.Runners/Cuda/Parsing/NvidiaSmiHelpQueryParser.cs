using System.Text.RegularExpressions;

namespace PerfLab.Runners.Cuda.Parsing;

/// <summary>Reads the field names <c>nvidia-smi --help-query-gpu</c> lists, aliases included.</summary>
/// <remarks>A field entry is a line of quoted names joined by "or" (<c>"clocks_event_reasons.active" or
/// "clocks_throttle_reasons.active"</c>); description lines also quote things ("Not Active") but never start that way
/// and continue with prose, so only lines made of quoted names alone are taken.</remarks>
public static partial class NvidiaSmiHelpQueryParser
{
    [GeneratedRegex(@"^""[a-z0-9_.\[\]]+""(?:\s+or\s+""[a-z0-9_.\[\]]+"")*$")]
    private static partial Regex EntryLine();

    [GeneratedRegex(@"""([^""]+)""")]
    private static partial Regex Quoted();

    public static Parsed<IReadOnlySet<string>> Parse(string helpText)
    {
        var fields = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in helpText.Split('\n'))
        {
            var line = raw.TrimEnd('\r').Trim();
            if (!EntryLine().IsMatch(line)) continue;
            foreach (Match m in Quoted().Matches(line)) fields.Add(m.Groups[1].Value);
        }
        return fields.Count == 0
            ? Parsed<IReadOnlySet<string>>.Fail("no query field names in the --help-query-gpu output")
            : Parsed<IReadOnlySet<string>>.Of(fields);
    }
}
