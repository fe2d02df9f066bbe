using System.Globalization;
using System.Text.RegularExpressions;

namespace PerfLab.Results.Import;

/// <summary>Reads the free-text <c>range</c> github-action-benchmark keeps beside a value ("± 1.5", "+/- 2,802", "5%", 0.52)
/// into bounds around that value; a range that is not a number ("stddev: 0.0002") is kept as text.</summary>
public static partial class RangeText
{
    [GeneratedRegex(@"^(?:±|\+-|\+/-)?\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d*\.?\d+(?:[eE][-+]?\d+)?)\s*(%)?$")]
    private static partial Regex Spread();

    /// <summary>Bounds around <paramref name="value"/>, or the text itself when it is not a number.</summary>
    public static ReportedBounds Bounds(double value, string range)
    {
        var m = Spread().Match(range.Trim());
        if (!m.Success || !double.TryParse(m.Groups[1].Value.Replace(",", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out var r) || !double.IsFinite(r))
            return new ReportedBounds(null, null, range);
        var spread = m.Groups[2].Success ? Math.Abs(value) * r / 100 : r;
        return new ReportedBounds(value - spread, value + spread);
    }

    /// <summary>Bounds from a numeric range (± that number).</summary>
    public static ReportedBounds Bounds(double value, double range) => new(value - range, value + range);
}
