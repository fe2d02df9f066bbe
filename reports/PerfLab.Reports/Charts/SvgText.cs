using System.Globalization;
using System.Text;

namespace PerfLab.Reports.Charts;

/// <summary>Turns stored strings and figures into SVG text: XML-escaped, free of characters XML forbids, numbers in the invariant culture.</summary>
public static class SvgText
{
    /// <summary>Escapes markup characters (also quotes, so the result is safe in attributes) and replaces characters XML 1.0 cannot hold with U+FFFD.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            switch (ch)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                case '\t' or '\n' or '\r': sb.Append(' '); break;
                case < ' ' or '\uFFFE' or '\uFFFF': sb.Append('\uFFFD'); break;
                default:
                    if (char.IsHighSurrogate(ch) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        sb.Append(ch).Append(text[++i]);
                    }
                    else if (char.IsSurrogate(ch))
                    {
                        sb.Append('\uFFFD');
                    }
                    else if (PerfLab.Harness.Text.PrintableText.NeedsEscape(ch))
                    {
                        sb.Append(PerfLab.Harness.Text.PrintableText.Escape(ch.ToString()));
                    }
                    else
                    {
                        sb.Append(ch);
                    }
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>A coordinate with one fixed decimal ("12.0", never "-0.0").</summary>
    public static string Coordinate(double value)
    {
        var rounded = Math.Round(value, 1, MidpointRounding.AwayFromZero);
        if (rounded == 0) rounded = 0;
        return rounded.ToString("F1", CultureInfo.InvariantCulture);
    }

    /// <summary>A data value for a label: about four significant digits, thousands grouped, no exponent form.</summary>
    public static string Value(double value)
    {
        if (!double.IsFinite(value)) return "n/a";
        if (value == 0) return "0";
        var magnitude = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        var decimals = Math.Clamp(3 - magnitude, 0, 6);
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        return rounded == 0 ? "0" : rounded.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>A setting such as a limit, as short as it is exact ("85", "72.5").</summary>
    public static string Setting(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>A signed percentage with one decimal ("+12.3%", "−4.0%").</summary>
    public static string Percent(double value) =>
        !double.IsFinite(value) ? "n/a"
        : (value >= 0 ? "+" : "\u2212") + Math.Abs(value).ToString("F1", CultureInfo.InvariantCulture) + "%";

    /// <summary>"label (unit)", or the label alone when there is no unit.</summary>
    public static string WithUnit(string label, string? unit) =>
        string.IsNullOrWhiteSpace(unit) ? label : $"{label} ({unit})";

    /// <summary>A rough width of <paramref name="text"/> at <paramref name="fontSize"/> in a sans-serif font; generous so estimates err towards no overlap.</summary>
    public static double EstimateWidth(string text, double fontSize) => text.Length * fontSize * 0.6;

    /// <summary>Shortens <paramref name="text"/> to at most <paramref name="maxChars"/> characters, ending in an ellipsis when cut.</summary>
    public static string Truncate(string text, int maxChars) =>
        text.Length <= maxChars ? text : text[..Math.Max(1, maxChars - 1)].TrimEnd() + "\u2026";
}
