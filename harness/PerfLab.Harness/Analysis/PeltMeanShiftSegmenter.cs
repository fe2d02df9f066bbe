namespace PerfLab.Harness.Analysis;

/// <summary>Exact penalised segmentation by PELT with a Gaussian mean-shift cost (sum of squared deviations) on values
/// already divided by their noise scale, so the penalty is in units of that noise.</summary>
public static class PeltMeanShiftSegmenter
{
    /// <summary>0-based first indices of the new segments; every segment has at least <paramref name="minSegment"/> points.</summary>
    public static int[] Segment(ReadOnlySpan<double> values, double penalty, int minSegment)
    {
        var n = values.Length;
        if (minSegment < 1) throw new ArgumentOutOfRangeException(nameof(minSegment));
        if (n < 2 * minSegment) return [];
        var sum = new double[n + 1];
        var sumSq = new double[n + 1];
        for (var i = 0; i < n; i++)
        {
            sum[i + 1] = sum[i] + values[i];
            sumSq[i + 1] = sumSq[i] + values[i] * values[i];
        }

        // best[t]: optimal cost of values[0..t); last[t]: start of the final segment in that optimum
        var best = new double[n + 1];
        var last = new int[n + 1];
        best[0] = -penalty;
        var candidates = new List<int>(n) { 0 };
        var costs = new double[n + 1];
        for (var t = minSegment; t <= n; t++)
        {
            // a start s becomes admissible for end t once the segment [s, t) can hold minSegment points
            if (t >= 2 * minSegment) candidates.Add(t - minSegment);
            var bestCost = double.PositiveInfinity;
            var bestStart = 0;
            foreach (var s in candidates)
            {
                if (t - s < minSegment) { costs[s] = double.PositiveInfinity; continue; }
                var c = best[s] + Cost(sum, sumSq, s, t) + penalty;
                costs[s] = c;
                if (c < bestCost) { bestCost = c; bestStart = s; }
            }
            best[t] = bestCost;
            last[t] = bestStart;
            // PELT pruning: a start that is already worse than the optimum by more than the penalty never wins later
            candidates.RemoveAll(s => costs[s] - penalty > bestCost && t - s >= minSegment);
        }

        var cps = new List<int>();
        for (var t = n; last[t] > 0; t = last[t]) cps.Add(last[t]);
        cps.Reverse();
        return cps.ToArray();
    }

    private static double Cost(double[] sum, double[] sumSq, int s, int t)
    {
        var len = t - s;
        var total = sum[t] - sum[s];
        return Math.Max(0, sumSq[t] - sumSq[s] - total * total / len);
    }
}
