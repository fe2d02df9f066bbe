using System.Globalization;

namespace PerfLab.Harness.Domain;

/// <summary>Parses durations written as 500ms, 30s, 2m, 1h or a plain number of seconds.</summary>
public static class DurationText
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        var t = text.Trim();
        (string suffix, double scaleSeconds)[] units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)];
        foreach (var (suffix, scale) in units)
        {
            if (t.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(t[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                && v >= 0 && !(suffix == "m" && t.EndsWith("ms", StringComparison.Ordinal)))
            {
                duration = TimeSpan.FromSeconds(v * scale);
                return true;
            }
        }
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            duration = TimeSpan.FromSeconds(seconds);
            return true;
        }
        return false;
    }

    public static string Format(TimeSpan d) =>
        d.TotalSeconds >= 1 ? d.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s"
                            : d.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + "ms";
}
