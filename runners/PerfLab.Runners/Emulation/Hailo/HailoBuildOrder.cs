using System.Globalization;
using System.Text.RegularExpressions;

namespace PerfLab.Runners.Emulation.Hailo;

/// <summary>How the emulator orders build ids for injected regressions: by the number at the end of the id
/// ("8", "build-8", "nightly.12" → 8, 8, 12). An id without a trailing number (a git sha) matches no regression.</summary>
public static partial class HailoBuildOrder
{
    [GeneratedRegex(@"(\d+)$")]
    private static partial Regex TrailingNumber();

    public static long? Number(string? build)
    {
        if (string.IsNullOrWhiteSpace(build)) return null;
        var m = TrailingNumber().Match(build.Trim());
        return m.Success && long.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    /// <summary>True when <paramref name="build"/> is at or after <paramref name="fromBuild"/>.</summary>
    public static bool AtOrAfter(string? build, string fromBuild) =>
        Number(build) is { } b && Number(fromBuild) is { } f && b >= f;
}
