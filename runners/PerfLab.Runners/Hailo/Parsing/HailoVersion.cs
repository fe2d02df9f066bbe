using System.Globalization;
using System.Text.RegularExpressions;

namespace PerfLab.Runners.Hailo.Parsing;

/// <summary>A HailoRT version (major.minor.patch), ordered numerically.</summary>
public sealed partial record HailoVersion(int Major, int Minor, int Patch) : IComparable<HailoVersion>
{
    [GeneratedRegex(@"(\d+)\.(\d+)\.(\d+)")]
    private static partial Regex Triple();

    [GeneratedRegex(@"^HailoRT-CLI version (\d+\.\d+\.\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex CliLine();

    /// <summary>Reads <c>hailortcli --version</c> stdout ("HailoRT-CLI version 4.23.0"); null when absent.</summary>
    public static HailoVersion? FromCliOutput(string stdout)
    {
        var m = CliLine().Match(HailoText.Clean(stdout));
        return m.Success ? Parse(m.Groups[1].Value) : null;
    }

    /// <summary>Reads the first "a.b.c" in a text; null when there is none.</summary>
    public static HailoVersion? Parse(string text)
    {
        var m = Triple().Match(text);
        if (!m.Success) return null;
        return new HailoVersion(
            int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture),
            int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
            int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture));
    }

    public int CompareTo(HailoVersion? other)
    {
        if (other is null) return 1;
        var c = Major.CompareTo(other.Major);
        if (c != 0) return c;
        c = Minor.CompareTo(other.Minor);
        return c != 0 ? c : Patch.CompareTo(other.Patch);
    }

    public bool AtLeast(int major, int minor) => CompareTo(new HailoVersion(major, minor, 0)) >= 0;

    public override string ToString() => $"{Major}.{Minor}.{Patch}";
}
