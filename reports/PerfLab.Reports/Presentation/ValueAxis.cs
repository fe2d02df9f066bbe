using PerfLab.Harness.Domain;

namespace PerfLab.Reports.Presentation;

/// <summary>Where a value axis starts: at the data (any metric that is not a rate), at zero, or at the data with an explicit break
/// marker and a percentage scale beside it.</summary>
public enum AxisStart
{
    Data = 0,
    Zero = 1,
    Broken = 2,
}

/// <summary>The range a value axis must cover and where it starts.</summary>
public sealed record ValueAxisPlan(double Min, double Max, AxisStart Start);

/// <summary>The rule for value axes: a throughput-like metric (a higher-is-better rate) starts at zero, so a drop looks as big as it
/// is; only where zero would flatten the data (its spread under <see cref="ZeroBaseMinSpan"/> of its top) does the axis start at the
/// data, and then it shows a break marker and a percentage scale so the eye is not misled.</summary>
public static class ValueAxis
{
    /// <summary>The least spread, as a share of the largest value, that a zero-based axis still shows legibly.</summary>
    public const double ZeroBaseMinSpan = 0.10;

    private static readonly string[] RateUnits = ["fps", "tokens/s", "tok/s", "it/s", "ops/s", "op/s", "req/s", "samples/s", "images/s", "hz", "gb/s", "mb/s", "mib/s", "gib/s", "kib/s", "b/s"];

    /// <summary>True for a higher-is-better rate (FPS, tokens/s, MiB/s, anything "per second").</summary>
    public static bool IsThroughputLike(string? unit, Better better)
    {
        if (better != Better.Higher || string.IsNullOrWhiteSpace(unit)) return false;
        var u = unit.Trim().ToLowerInvariant();
        return RateUnits.Contains(u) || u.EndsWith("/s", StringComparison.Ordinal) || u.EndsWith("/sec", StringComparison.Ordinal) || u.EndsWith(" per second", StringComparison.Ordinal);
    }

    /// <summary>The axis for <paramref name="values"/> (non-finite ones ignored). <paramref name="allowBreak"/>: the chart can draw a break
    /// and a percentage scale; without it a throughput-like axis always starts at zero.</summary>
    public static ValueAxisPlan Plan(IEnumerable<double> values, bool throughputLike, bool allowBreak = true)
    {
        var finite = values.Where(double.IsFinite).ToList();
        if (finite.Count == 0) throw new ArgumentException("A value axis needs at least one finite value.", nameof(values));
        var (min, max) = (finite.Min(), finite.Max());
        if (!throughputLike || min < 0) return new ValueAxisPlan(min, max, AxisStart.Data);
        if (!allowBreak || max == 0 || (max - min) / max >= ZeroBaseMinSpan) return new ValueAxisPlan(0, max, AxisStart.Zero);
        return new ValueAxisPlan(min, max, AxisStart.Broken);
    }

    /// <summary>Percentage ticks for a broken axis from <paramref name="low"/> to <paramref name="high"/> against <paramref name="reference"/>:
    /// each tick's value on the axis and its label ("−4 %", "0 %", "+2 %").</summary>
    public static IReadOnlyList<(double Value, string Label)> PercentTicks(double low, double high, double reference, int maxTicks = 6)
    {
        if (!(reference > 0) || !double.IsFinite(reference)) throw new ArgumentException("A percentage scale needs a positive reference.", nameof(reference));
        var ticks = PerfLab.Reports.Charts.AxisTicks.Nice((low / reference - 1) * 100, (high / reference - 1) * 100, maxTicks);
        return ticks.Values
            .Select(p => (Value: reference * (1 + p / 100), Label: (p > 0 ? "+" : p < 0 ? "\u2212" : "") + ticks.Label(Math.Abs(p)) + " %"))
            .Where(t => t.Value >= low - 1e-9 * Math.Abs(reference) && t.Value <= high + 1e-9 * Math.Abs(reference))
            .ToList();
    }
}
