using System.Globalization;

namespace PerfLab.Reports.Evidence;

/// <summary>Prints figures the same way everywhere: invariant culture, four significant digits at least, no exponent.</summary>
public static class FigureText
{
    public static string Number(double value)
    {
        if (double.IsNaN(value)) return "n/a";
        if (double.IsInfinity(value)) return value > 0 ? "∞" : "−∞";
        if (value == 0) return "0";
        var magnitude = Math.Floor(Math.Log10(Math.Abs(value)));
        var decimals = (int)Math.Clamp(3 - magnitude, 0, 6);
        if (Math.Abs(value) >= 1e6) decimals = 0;
        return value.ToString("#,0." + new string('0', decimals), CultureInfo.InvariantCulture).TrimEnd('.');
    }

    public static string Percent(double value) =>
        double.IsNaN(value) ? "n/a" : (value > 0 ? "+" : "") + value.ToString("0.0", CultureInfo.InvariantCulture) + " %";
}
