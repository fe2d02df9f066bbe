namespace PerfLab.Harness.Analysis;

/// <summary>The exact null distribution of the Mann–Whitney U statistic for small samples (no ties): the counts of rank
/// arrangements per U are the coefficients of the Gaussian binomial [n+m choose n], built factor by factor.</summary>
public static class MannWhitneyDistribution
{
    /// <summary>Largest n·m for which <see cref="LowerTail"/> is computed exactly (counts stay exact in a double).</summary>
    public const int MaxExactPairs = 400;

    /// <summary>True when the exact distribution is available for these sizes.</summary>
    public static bool IsExact(int n, int m) => n > 0 && m > 0 && n * m <= MaxExactPairs && Math.Min(n, m) <= 20;

    /// <summary>P(U ≤ u) for u = 0 … n·m (cumulative), exact; only for <see cref="IsExact"/> sizes.</summary>
    public static double[] LowerTail(int n, int m)
    {
        if (!IsExact(n, m)) throw new ArgumentOutOfRangeException(nameof(n), $"no exact distribution for {n} × {m}");
        var max = n * m;
        var counts = new double[max + 1];
        counts[0] = 1;
        var degree = 0;
        // [m+k choose k]_q = [m+k-1 choose k-1]_q · (1 − q^(m+k)) / (1 − q^k); every partial product is a polynomial.
        for (var k = 1; k <= n; k++)
        {
            var next = degree + m;
            for (var u = next; u >= m + k; u--) counts[u] -= counts[u - m - k];
            for (var u = k; u <= next; u++) counts[u] += counts[u - k];
            degree = next;
        }
        var total = 0.0;
        foreach (var c in counts) total += c;
        var tail = new double[max + 1];
        var run = 0.0;
        for (var u = 0; u <= max; u++) tail[u] = (run += counts[u]) / total;
        return tail;
    }
}
