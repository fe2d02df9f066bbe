using PerfLab.Harness.Analysis;

namespace PerfLab.Benchmarks.Detection;

/// <summary>The TCPDBench accuracy metrics (F1 with a margin, segmentation cover), scored against several annotators.</summary>
public static class TcpdScorer
{
    /// <summary>TCPDBench's default margin: a prediction within this many indices of a true change point finds it.</summary>
    public const int DefaultMargin = 5;

    /// <summary>Drops duplicates and every index outside 1..n-2, as TCPDBench does before scoring.</summary>
    public static IReadOnlyList<int> CleanPredictions(IEnumerable<int> predictions, int length) =>
        predictions.Where(p => p >= 1 && p <= length - 2).Distinct().Order().ToArray();

    /// <summary>The true points that some prediction finds; each prediction is used once, by the closest true point that claims it first.</summary>
    public static IReadOnlySet<int> TruePositives(IEnumerable<int> truth, IEnumerable<int> predictions, int margin = DefaultMargin)
    {
        var free = new SortedSet<int>(predictions);
        var found = new HashSet<int>();
        foreach (var tau in truth.Distinct().Order())
        {
            int? best = null;
            foreach (var x in free)
            {
                var d = Math.Abs(tau - x);
                if (d > margin) continue;
                // ties go to the smaller index because the set is walked in ascending order
                if (best is null || d < Math.Abs(tau - best.Value)) best = x;
            }
            if (best is null) continue;
            found.Add(tau);
            free.Remove(best.Value);
        }
        return found;
    }

    /// <summary>F1 (precision over the union of annotators, recall averaged per annotator), index 0 added to every set.</summary>
    public static TcpdScore F1(IReadOnlyDictionary<string, IReadOnlyList<int>> annotations, IEnumerable<int> predictions, int margin = DefaultMargin)
    {
        if (annotations.Count == 0) throw new ArgumentException("at least one annotator is needed", nameof(annotations));
        var sets = annotations.Values.Select(a => new HashSet<int>(a) { 0 }).ToArray();
        var x = new HashSet<int>(predictions) { 0 };
        var union = new HashSet<int>(sets.SelectMany(s => s));
        var precision = (double)TruePositives(union, x, margin).Count / x.Count;
        var recall = sets.Average(s => (double)TruePositives(s, x, margin).Count / s.Count);
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new TcpdScore(f1, precision, recall);
    }

    /// <summary>Segmentation cover of each annotator's segmentation by the predicted one, averaged over annotators.</summary>
    public static double Cover(IReadOnlyDictionary<string, IReadOnlyList<int>> annotations, IEnumerable<int> predictions, int length)
    {
        if (annotations.Count == 0) throw new ArgumentException("at least one annotator is needed", nameof(annotations));
        if (length <= 0) throw new ArgumentOutOfRangeException(nameof(length), "a series needs at least one point");
        var predicted = Segments(predictions, length);
        return annotations.Values.Average(a => CoverSingle(predicted, Segments(a, length), length));
    }

    /// <summary>Segments [start, end) of 0..n-1 cut at the given change points (first index of each new segment).</summary>
    public static IReadOnlyList<(int Start, int End)> Segments(IEnumerable<int> changePoints, int length)
    {
        var cuts = changePoints.Where(c => c > 0 && c < length).Distinct().Order().ToList();
        var result = new List<(int, int)>(cuts.Count + 1);
        var start = 0;
        foreach (var c in cuts)
        {
            result.Add((start, c));
            start = c;
        }
        result.Add((start, length));
        return result;
    }

    private static double CoverSingle(IReadOnlyList<(int Start, int End)> predicted, IReadOnlyList<(int Start, int End)> truth, int length)
    {
        var total = 0.0;
        foreach (var r in truth)
        {
            var best = 0.0;
            foreach (var p in predicted)
            {
                var inter = Math.Min(r.End, p.End) - Math.Max(r.Start, p.Start);
                if (inter <= 0) continue;
                var union = Math.Max(r.End, p.End) - Math.Min(r.Start, p.Start);
                best = Math.Max(best, (double)inter / union);
            }
            total += (r.End - r.Start) * best;
        }
        return total / length;
    }
}
