namespace PerfLab.Harness.Analysis;

/// <summary>Distribution-free (Moses) confidence interval of the location shift y − x: order statistics of the pairwise
/// differences at the ranks given by the Mann–Whitney U distribution, exact for small samples and by the normal approximation
/// (continuity corrected) for large ones. The level returned is the one the sizes actually give, never more.</summary>
public static class ShiftInterval
{
    /// <summary>(low, high, level) of the shift of <paramref name="y"/> over <paramref name="x"/> aiming at <paramref name="level"/>.
    /// When the samples are too small for that level, the widest interval (all differences) with the level it has.</summary>
    public static (double Low, double High, double Level) Compute(IReadOnlyList<double> x, IReadOnlyList<double> y, double level)
    {
        if (x.Count == 0 || y.Count == 0) return (double.NaN, double.NaN, double.NaN);
        var diffs = new double[x.Count * y.Count];
        var k = 0;
        foreach (var b in y)
            foreach (var a in x)
                diffs[k++] = b - a;
        Array.Sort(diffs);
        var (c, achieved) = Rank(x.Count, y.Count, level);
        return (diffs[c - 1], diffs[diffs.Length - c], achieved);
    }

    /// <summary>The order-statistic rank c (1-based) of the interval and the level it achieves.</summary>
    public static (int C, double Level) Rank(int n, int m, double level)
    {
        var halfAlpha = (1 - level) / 2;
        if (MannWhitneyDistribution.IsExact(n, m))
        {
            var tail = MannWhitneyDistribution.LowerTail(n, m);
            // the largest c with P(U ≤ c − 1) ≤ α/2; c = 1 (all differences) when even that is more likely
            var c = 1;
            while (c < tail.Length && tail[c] <= halfAlpha) c++;
            return (c, 1 - 2 * tail[c - 1]);
        }
        double nn = n, mm = m;
        var z = NormalQuantile(1 - halfAlpha);
        var approx = (int)Math.Floor(nn * mm / 2 - z * Math.Sqrt(nn * mm * (nn + mm + 1) / 12) - 0.5);
        return approx < 1 ? (1, double.NaN) : (approx, level);
    }

    /// <summary>Standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9).</summary>
    public static double NormalQuantile(double p)
    {
        if (p <= 0 || p >= 1) throw new ArgumentOutOfRangeException(nameof(p));
        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double low = 0.02425;
        if (p < low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - low) return -NormalQuantile(1 - p);
        var r = p - 0.5;
        var s = r * r;
        return (((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * r / (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1);
    }
}
