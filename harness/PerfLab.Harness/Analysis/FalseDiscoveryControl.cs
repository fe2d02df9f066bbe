namespace PerfLab.Harness.Analysis;

/// <summary>Benjamini–Hochberg adjusted p-values (q-values): rejecting every series whose q is below α keeps the expected share of
/// false alarms among the alarms at α, and the chance of any false alarm on an unchanged night at α, however many series a gate judges.</summary>
public static class FalseDiscoveryControl
{
    /// <summary>The adjusted p-value of each input, in input order; NaN inputs (no test) stay NaN and are not counted.</summary>
    public static double[] Adjust(IReadOnlyList<double> pValues)
    {
        var q = new double[pValues.Count];
        var tested = new List<int>(pValues.Count);
        for (var i = 0; i < pValues.Count; i++)
        {
            if (double.IsNaN(pValues[i])) q[i] = double.NaN;
            else tested.Add(i);
        }
        tested.Sort((a, b) => pValues[a].CompareTo(pValues[b]));
        var m = tested.Count;
        var running = 1.0;
        for (var rank = m; rank >= 1; rank--)
        {
            var i = tested[rank - 1];
            running = Math.Min(running, pValues[i] * m / rank);
            q[i] = Math.Min(1, running);
        }
        return q;
    }
}
