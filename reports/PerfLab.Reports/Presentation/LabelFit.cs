using PerfLab.Reports.Charts;

namespace PerfLab.Reports.Presentation;

/// <summary>A label fitted into a width: the lines to print, and whether anything was left out (then the full text must be on
/// hover, in an SVG &lt;title&gt; or an HTML title attribute).</summary>
public sealed record FittedLabel(IReadOnlyList<string> Lines, string Full, bool Shortened)
{
    /// <summary>The widest line at <paramref name="fontSize"/> (estimated).</summary>
    public double Width(double fontSize) => Lines.Count == 0 ? 0 : Lines.Max(l => SvgText.EstimateWidth(l, fontSize));
}

/// <summary>Fits labels (device names, build ids) into the room a chart has, so none is ever cut by the chart's edge: identifiers
/// shortened first, then wrapped at natural breaks, and only then truncated with an ellipsis.</summary>
public static class LabelFit
{
    /// <summary>Fits <paramref name="text"/> into lines of at most <paramref name="maxWidth"/> (estimated at <paramref name="fontSize"/>),
    /// at most <paramref name="maxLines"/> of them. Breaks go before " (" and after spaces, ':', ',', '/' and '_'.</summary>
    public static FittedLabel Fit(string text, double maxWidth, double fontSize, int maxLines = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLines, 1);
        text ??= "";
        var shortText = Identifiers.Shorten(text);
        var shortened = shortText != text;
        if (SvgText.EstimateWidth(shortText, fontSize) <= maxWidth) return new FittedLabel([shortText], text, shortened);

        var maxChars = Math.Max(2, (int)Math.Floor(maxWidth / SvgText.EstimateWidth("x", fontSize)));
        var lines = new List<string>();
        var rest = shortText;
        while (rest.Length > 0 && lines.Count < maxLines)
        {
            if (rest.Length <= maxChars) { lines.Add(rest); rest = ""; break; }
            if (lines.Count == maxLines - 1)
            {
                lines.Add(SvgText.Truncate(rest, maxChars));
                rest = "";
                shortened = true;
                break;
            }
            var cut = BreakAt(rest, maxChars);
            lines.Add(rest[..cut].TrimEnd());
            rest = rest[cut..].TrimStart();
        }
        return new FittedLabel(lines, text, shortened);
    }

    /// <summary>The widest label a set may print on one line before it wraps: the natural widest, capped at <paramref name="cap"/>.</summary>
    public static double Room(IEnumerable<string> texts, double fontSize, double cap) =>
        Math.Min(cap, texts.Select(t => SvgText.EstimateWidth(Identifiers.Shorten(t), fontSize)).DefaultIfEmpty(0).Max());

    // The last natural break at or before maxChars, best first: before " (" (a device's id), at a space, after ':' ',' '/' '_';
    // else a hard break at maxChars.
    private static int BreakAt(string text, int maxChars)
    {
        var end = Math.Min(maxChars, text.Length - 1);
        Func<int, bool>[] kinds =
        [
            i => text[i] == '(' && text[i - 1] == ' ',
            i => text[i] == ' ',
            i => text[i - 1] is ':' or ',' or '/' or '_',
        ];
        foreach (var kind in kinds)
        {
            for (var i = end; i > 0; i--)
            {
                if (kind(i)) return i;
            }
        }
        return maxChars;
    }
}
