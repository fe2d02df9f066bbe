namespace PerfLab.Harness.Analysis;

/// <summary>Robust location and scale estimates used by the detectors (medians, MAD, first-difference noise).</summary>
public static class RobustScale
{
    /// <summary>Factor that turns a MAD into a normal standard deviation.</summary>
    public const double MadToSigma = 1.4826;

    /// <summary>The median (mean of the two middle values for an even count); NaN when empty.</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return double.NaN;
        var a = values.ToArray();
        Array.Sort(a);
        var h = a.Length / 2;
        return a.Length % 2 == 1 ? a[h] : (a[h - 1] + a[h]) / 2;
    }

    /// <summary>MAD scaled to a normal standard deviation.</summary>
    public static double MadSigma(IReadOnlyList<double> values)
    {
        if (values.Count < 2) return 0;
        var m = Median(values);
        return MadToSigma * Median(values.Select(v => Math.Abs(v - m)).ToArray());
    }

    /// <summary>Point-to-point noise of a series that may contain steps: the MAD of first differences over √2.
    /// Steps touch only one difference each, so they barely move it.</summary>
    public static double DifferenceSigma(IReadOnlyList<double> values)
    {
        if (values.Count < 3) return 0;
        var d = new double[values.Count - 1];
        for (var i = 1; i < values.Count; i++) d[i - 1] = Math.Abs(values[i] - values[i - 1]);
        return MadToSigma * Median(d) / Math.Sqrt(2);
    }

    /// <summary>Sample standard deviation (n − 1); 0 for fewer than two values.</summary>
    public static double StandardDeviation(IReadOnlyList<double> values)
    {
        if (values.Count < 2) return 0;
        var mean = values.Average();
        var ss = values.Sum(v => (v - mean) * (v - mean));
        return Math.Sqrt(ss / (values.Count - 1));
    }
}
