using PerfLab.Harness.Storage;

namespace PerfLab.Harness.Analysis;

/// <summary>Picks the baseline builds of a series: the last N before a candidate, or one named build, with the longer history
/// before the candidate that noise and the one-value-per-build test read.</summary>
public static class BaselineSelector
{
    /// <summary>The named <paramref name="baselineBuild"/>, or when it is null the last <see cref="ComparisonOptions.BaselineBuilds"/>
    /// builds before the candidate; either way with the last <see cref="ComparisonOptions.HistoryBuilds"/> builds before the candidate
    /// as history.</summary>
    public static BaselinePool For(MetricSeries series, string candidateBuild, string? baselineBuild, ComparisonOptions options) =>
        baselineBuild is null
            ? LastBuilds(series, candidateBuild, options.BaselineBuilds, options.HistoryBuilds)
            : NamedBuild(series, baselineBuild);

    /// <summary>The last <paramref name="count"/> builds before <paramref name="candidateBuild"/> in series order that have samples
    /// (all builds of the series, minus the candidate, when the candidate is not in it), with the last <paramref name="historyCount"/>
    /// such builds as history.</summary>
    public static BaselinePool LastBuilds(MetricSeries series, string candidateBuild, int count, int historyCount = 0)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), "a baseline needs at least one build");
        var points = series.Points;
        var at = points.Count;
        for (var i = 0; i < points.Count; i++)
            if (points[i].Build == candidateBuild) { at = i; break; }
        // Walk back from the candidate: reports ask this for every series and several candidates, so it stays O(history).
        var picked = new List<BuildPoint>(Math.Max(count, historyCount));
        for (var i = at - 1; i >= 0 && picked.Count < Math.Max(count, historyCount); i--)
            if (points[i].Samples.Count > 0) picked.Add(points[i]);
        picked.Reverse();
        var history = historyCount > 0 ? HistoryOf(picked.TakeLast(historyCount).ToList()) : null;
        return Pool(picked.Skip(Math.Max(0, picked.Count - count)).ToList(), history);
    }

    /// <summary>The named build's samples (several runs of it are pooled by the store already).</summary>
    public static BaselinePool NamedBuild(MetricSeries series, string build) =>
        Pool(series.Points.Where(p => p.Build == build && p.Samples.Count > 0));

    /// <summary>One value per build (its median), oldest first.</summary>
    public static BuildHistory HistoryOf(IReadOnlyList<BuildPoint> points)
    {
        var builds = new string[points.Count];
        var medians = new double[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            builds[i] = points[i].Build;
            medians[i] = RobustScale.Median(points[i].Samples);
        }
        return new BuildHistory(builds, medians);
    }

    /// <summary>Pools the given builds' samples and keeps each build's median.</summary>
    public static BaselinePool Pool(IEnumerable<BuildPoint> points, BuildHistory? history = null)
    {
        // Reports pool every series for several candidates: arrays sized once, no iterator per build.
        var list = points as IReadOnlyList<BuildPoint> ?? points.ToArray();
        var builds = new string[list.Count];
        var medians = new double[list.Count];
        var total = 0;
        for (var i = 0; i < list.Count; i++) total += list[i].Samples.Count;
        var samples = new double[total];
        var at = 0;
        for (var i = 0; i < list.Count; i++)
        {
            var point = list[i];
            builds[i] = point.Build;
            medians[i] = RobustScale.Median(point.Samples);
            for (var j = 0; j < point.Samples.Count; j++) samples[at++] = point.Samples[j];
        }
        return new BaselinePool(builds, samples, medians, history);
    }
}
