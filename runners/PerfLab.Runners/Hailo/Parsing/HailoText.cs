using System.Globalization;
using System.Text.RegularExpressions;

namespace PerfLab.Runners.Hailo.Parsing;

/// <summary>Text clean-up and number reading shared by the hailortcli parsers.</summary>
public static partial class HailoText
{
    [GeneratedRegex(@"\x1b\[[0-9;]*[A-Za-z]")]
    private static partial Regex AnsiCode();

    /// <summary>Removes ANSI cursor codes and carriage returns (hailortcli emits them even into pipes) and splits lines.</summary>
    public static IReadOnlyList<string> CleanLines(string text) =>
        Clean(text).Split('\n');

    /// <summary>Removes ANSI cursor codes and carriage returns.</summary>
    public static string Clean(string text) =>
        AnsiCode().Replace(text, "").Replace("\r", "");

    /// <summary>Reads a number the way hailortcli prints it (fixed or default iostream precision); null for NaN or junk.</summary>
    public static double? Number(string text)
    {
        var t = text.Trim();
        if (t.Length == 0) return null;
        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) return null;
        return double.IsFinite(v) ? v : null;
    }

    /// <summary>The unit as PerfLab stores it: hailortcli's bare "C" for chip temperature becomes "°C".</summary>
    public static string Unit(string printed) => printed switch
    {
        "C" => HailoUnits.Celsius,
        _ => printed,
    };
}
