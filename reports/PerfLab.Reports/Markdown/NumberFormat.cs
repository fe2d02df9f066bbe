using System.Globalization;

namespace PerfLab.Reports.Markdown;

/// <summary>Prints figures with a sensible number of significant digits, always in the invariant culture.</summary>
public static class NumberFormat
{
    /// <summary>At least four significant digits and two decimals (the precision of the seed tables), no exponent form.</summary>
    public static string Figure(double value)
    {
        if (value == 0) return "0";
        var magnitude = Math.Floor(Math.Log10(Math.Abs(value)));
        var decimals = (int)Math.Clamp(3 - magnitude, 2, 6);
        return value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}
