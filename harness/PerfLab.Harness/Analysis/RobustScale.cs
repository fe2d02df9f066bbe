using System.Runtime.InteropServices;

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
        // Reports take medians of a few samples hundreds of thousands of times: small inputs are sorted on the stack.
        var a = values.Count <= 64 ? stackalloc double[values.Count] : new double[values.Count];
        if (values is double[] or List<double>) SpanOf(values).CopyTo(a);
        else for (var i = 0; i < a.Length; i++) a[i] = values[i];
        Sort(a);
        var h = a.Length / 2;
        return a.Length % 2 == 1 ? a[h] : (a[h - 1] + a[h]) / 2;
    }

    /// <summary>Sorts ascending, in the order <see cref="double.CompareTo(double)"/> gives (NaN first), as <c>Span.Sort</c> does.</summary>
    /// <remarks>Short spans by insertion in this assembly's own code: the framework's sort for doubles is not in its precompiled
    /// image, so a short process (a report, a gate) runs it unoptimised for its whole life (the tier-up delay outlasts it), and
    /// medians of a few samples are taken millions of times in a farm's report.</remarks>
    public static void Sort(Span<double> a)
    {
        if (a.Length > 64)
        {
            a.Sort();
            return;
        }
        for (var i = 1; i < a.Length; i++)
        {
            var x = a[i];
            var j = i - 1;
            while (j >= 0 && a[j].CompareTo(x) > 0)
            {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = x;
        }
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
        var v = SpanOf(values);
        var sum = 0.0;
        foreach (var x in v) sum += x;
        var mean = sum / v.Length;
        var ss = 0.0;
        foreach (var x in v) ss += (x - mean) * (x - mean);
        return Math.Sqrt(ss / (v.Length - 1));
    }

    /// <summary>The values as a span: the array or list behind them without a copy, any other list copied.</summary>
    public static ReadOnlySpan<double> SpanOf(IReadOnlyList<double> values) => values switch
    {
        double[] array => array,
        List<double> list => CollectionsMarshal.AsSpan(list),
        _ => values.ToArray(),
    };

    /// <summary>Noise of differences at lag <paramref name="lag"/>: the MAD of x[i+lag] − x[i] over √2. Equal to the lag-1 noise for
    /// independent noise around steps; larger when the series drifts or wanders (0 when fewer than 3 differences).</summary>
    public static double LagSigma(IReadOnlyList<double> values, int lag)
    {
        if (lag < 1) throw new ArgumentOutOfRangeException(nameof(lag));
        if (values.Count - lag < 3) return 0;
        var d = new double[values.Count - lag];
        for (var i = lag; i < values.Count; i++) d[i - lag] = Math.Abs(values[i] - values[i - lag]);
        return MadToSigma * Median(d) / Math.Sqrt(2);
    }

    /// <summary>Standard deviation of the residuals around the best single split into two means (each side ≥ <paramref name="minSegment"/>
    /// points; no split when the series is too short). One step does not inflate it; trends and several steps do.</summary>
    public static double SplitResidualSigma(IReadOnlyList<double> values, int minSegment)
    {
        var n = values.Count;
        if (n < 3) return 0;
        var sum = new double[n + 1];
        var sumSq = new double[n + 1];
        for (var i = 0; i < n; i++)
        {
            sum[i + 1] = sum[i] + values[i];
            sumSq[i + 1] = sumSq[i] + values[i] * values[i];
        }
        double Rss(int from, int to) => sumSq[to] - sumSq[from] - (sum[to] - sum[from]) * (sum[to] - sum[from]) / (to - from);
        var best = Rss(0, n);
        for (var t = Math.Max(1, minSegment); t <= n - Math.Max(1, minSegment); t++) best = Math.Min(best, Rss(0, t) + Rss(t, n));
        return Math.Sqrt(Math.Max(0, best) / (n - 2));
    }

    /// <summary>Standard error of a build's median from the spread of samples within builds: σ_w = 1.0483 × the median of |x_i − x_j| over
    /// all pairs of samples of the same build (a pooled Shamos estimate, unbiased whatever the samples per build, robust to outlier
    /// samples), times 1.2533/√m (m = median samples per build). 0 when no build has two samples.</summary>
    public static double MedianStandardError(IReadOnlyList<IReadOnlyList<double>> builds)
    {
        // Sized up front: reports call this for every series of a farm.
        var pairCount = 0;
        var buildCount = 0;
        foreach (var b in builds)
        {
            if (b.Count < 2) continue;
            pairCount += b.Count * (b.Count - 1) / 2;
            buildCount++;
        }
        if (pairCount == 0) return 0;
        var pairs = new double[pairCount];
        var counts = new double[buildCount];
        var p = 0;
        var c = 0;
        foreach (var b in builds)
        {
            if (b.Count < 2) continue;
            for (var i = 0; i < b.Count; i++)
                for (var j = i + 1; j < b.Count; j++) pairs[p++] = Math.Abs(b[i] - b[j]);
            counts[c++] = b.Count;
        }
        // a difference of two samples has σ√2; its median absolute value is 0.6745·√2·σ
        var sigma = Median(pairs) / (0.6745 * Math.Sqrt(2));
        return 1.2533 * sigma / Math.Sqrt(Median(counts));
    }
}
