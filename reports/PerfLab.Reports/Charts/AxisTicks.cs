using System.Globalization;

namespace PerfLab.Reports.Charts;

/// <summary>Tick marks of one axis: an extent that starts and ends on a tick, the step between ticks and the decimals a label needs.</summary>
public sealed record NiceTicks(double Min, double Max, double Step, int Decimals, IReadOnlyList<double> Values)
{
    /// <summary>The tick value as an axis label: invariant culture, thousands grouped, exactly <see cref="Decimals"/> decimals.</summary>
    public string Label(double value) =>
        value.ToString("N" + Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}

/// <summary>Chooses axis ticks on "nice" steps (1, 2 or 5 × 10^k) that cover a data range.</summary>
public static class AxisTicks
{
    private static readonly double[] Mantissas = [1, 2, 5, 10];

    /// <summary>The smallest nice step whose ticks cover [<paramref name="min"/>, <paramref name="max"/>] with at most
    /// <paramref name="maxTicks"/> ticks. A zero-width range is widened (±10 % of the value, or ±1 around 0) so the axis
    /// always has height.</summary>
    public static NiceTicks Nice(double min, double max, int maxTicks)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
            throw new ArgumentException($"Axis range must be finite, got [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}].");
        if (min > max) throw new ArgumentException($"Axis range is reversed: min {min.ToString(CultureInfo.InvariantCulture)} > max {max.ToString(CultureInfo.InvariantCulture)}.");
        // Two ticks cannot cover a range that straddles zero on a nice step (−s, 0, s), so three is the floor.
        if (maxTicks < 3) throw new ArgumentOutOfRangeException(nameof(maxTicks), maxTicks, "An axis needs at least three ticks.");

        if (max - min <= Math.Abs(max) * 1e-12)
        {
            var pad = min == 0 ? 1 : Math.Abs(min) * 0.1;
            (min, max) = (min - pad, max + pad);
        }

        var rough = (max - min) / (maxTicks - 1);
        var exponent = (int)Math.Floor(Math.Log10(rough));
        // Walk up the 1-2-5 ladder until the covering ticks fit: flooring the start can add one tick.
        for (var e = exponent; e <= exponent + 2; e++)
        {
            foreach (var m in Mantissas)
            {
                var step = m * Math.Pow(10, e);
                if (step < rough * (1 - 1e-9)) continue;
                var first = Math.Floor(min / step + 1e-9);
                var last = Math.Ceiling(max / step - 1e-9);
                var count = (int)(last - first) + 1;
                if (count > maxTicks) continue;
                var stepExponent = m == 10 ? e + 1 : e;
                var decimals = Math.Max(0, -stepExponent);
                var values = new double[count];
                for (var i = 0; i < count; i++) values[i] = Clean(Math.Round((first + i) * step, Math.Min(decimals, 15)));
                return new NiceTicks(values[0], values[^1], step, decimals, values);
            }
        }
        throw new InvalidOperationException("No nice step found; unreachable for maxTicks >= 3.");
    }

    private static double Clean(double v) => v == 0 ? 0 : v; // no "-0" labels
}
