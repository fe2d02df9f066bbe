using System.Text;
using System.Text.RegularExpressions;

namespace PerfLab.Reports.Charts;

/// <summary>Makes ScottPlot's SVG stable and inlinable: its clip-path ids come from a process-wide counter (so the same chart drawn
/// twice, or on another thread, gets other ids), and two charts inlined into one HTML page must not share an id.</summary>
internal static partial class SvgIds
{
    /// <summary>Renumbers every <c>id="…"</c> in order of appearance as <paramref name="prefix"/>-1, -2, …, each reference
    /// (<c>url(#…)</c>, <c>href="#…"</c>) pointing at the latest definition of its old id; drops the XML declaration and the indentation.</summary>
    public static string Normalize(string svg, string prefix)
    {
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        if (start < 0) throw new InvalidDataException("not an SVG document");
        var text = svg[start..];
        var current = new Dictionary<string, string>(StringComparer.Ordinal);
        var next = 0;
        var sb = new StringBuilder(text.Length);
        var at = 0;
        foreach (Match m in IdOrReference().Matches(text))
        {
            sb.Append(text, at, m.Index - at);
            at = m.Index + m.Length;
            if (m.Groups["def"].Success)
            {
                var id = $"{prefix}-{++next}";
                current[m.Groups["def"].Value] = id;
                sb.Append("id=\"").Append(id).Append('"');
            }
            else
            {
                var old = m.Groups["url"].Success ? m.Groups["url"].Value : m.Groups["href"].Value;
                // A reference to an id that was never defined is left as it is: it points at nothing either way.
                var id = current.TryGetValue(old, out var n) ? n : old;
                sb.Append(m.Groups["url"].Success ? $"url(#{id})" : $"href=\"#{id}\"");
            }
        }
        sb.Append(text, at, text.Length - at);
        // ScottPlot indents its output and pads text with the indentation: a text's content is trimmed (what a reader and a
        // script see is the label itself), and indentation between elements dropped.
        var compact = TextContent().Replace(sb.ToString(), m => m.Groups[1].Value + m.Groups[2].Value.Trim() + m.Groups[3].Value);
        return Indentation().Replace(compact, ">\n<").TrimEnd() + "\n";
    }

    [GeneratedRegex(@"(<text\b[^>]*>)([^<]*)(</text>)")]
    private static partial Regex TextContent();

    [GeneratedRegex(@">\s*\n\s*<")]
    private static partial Regex Indentation();

    [GeneratedRegex("\\bid=\"(?<def>[^\"]*)\"|url\\(#(?<url>[^)]*)\\)|href=\"#(?<href>[^\"]*)\"")]
    private static partial Regex IdOrReference();
}
