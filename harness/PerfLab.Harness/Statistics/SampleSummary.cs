namespace PerfLab.Harness.Statistics;

/// <summary>Median, quartiles and range of a set of raw samples: the figures a report prints beside n.</summary>
/// <remarks>Quartiles interpolate linearly between order statistics (Hyndman–Fan type 7), the convention of
/// R, NumPy and spreadsheets, so a reader can recompute any printed figure from the stored samples.</remarks>
public sealed record SampleSummary(int Count, double Median, double Q1, double Q3, double Min, double Max)
{
    public double Iqr => Q3 - Q1;

    /// <summary>The summary of <paramref name="values"/>, or null when there is nothing finite to summarise.</summary>
    public static SampleSummary? Of(IEnumerable<double> values)
    {
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        if (sorted.Length == 0) return null;
        return new SampleSummary(sorted.Length, Quantile(sorted, 0.5), Quantile(sorted, 0.25), Quantile(sorted, 0.75),
            sorted[0], sorted[^1]);
    }

    /// <summary>The type-7 quantile of already sorted values.</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0) throw new ArgumentException("no values", nameof(sorted));
        var h = (sorted.Count - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
