using PerfLab.Harness.Statistics;
using PerfLab.Harness.Storage;
using PerfLab.Reports.Pages;
using PerfLab.Reports.Presentation;

namespace PerfLab.Reports.Interactive;

/// <summary>Picks the series of a page's interactive trend view from the stored history.</summary>
public static class TrendViewBuilder
{
    /// <summary>The most series one view holds: a farm's page would otherwise carry every device's history (flagged series first).</summary>
    public const int MaxSeries = 60;

    /// <summary>The nightly's view: every series the page flags (regression verdicts, earlier nights, change points), and the same
    /// suite, case and metric on the other devices, so a reader can compare devices; flagged metrics are ticked.</summary>
    public static TrendView? ForNightly(ReportInputs inputs, NightlyPage page)
    {
        var flagged = page.Regressions.Select(r => (r.ComparabilityKey, r.Metric))
            .Concat(page.EarlierRegressions.Select(r => (r.ComparabilityKey, r.Metric)))
            .Concat(page.ChangePoints.OrderByDescending(c => c.IsRegression).Select(c => (c.ComparabilityKey, c.Metric)))
            .Distinct().ToList();
        var flaggedSet = flagged.ToHashSet();
        var flaggedSeries = flagged.Select(f => inputs.Series.FirstOrDefault(s => s.Identity.ComparabilityKey == f.ComparabilityKey && s.Identity.Metric == f.Metric))
            .OfType<MetricSeries>().ToList();
        var groups = flaggedSeries.Select(s => (s.Identity.Suite, s.Identity.Case, s.Identity.Metric)).ToHashSet();
        var peers = inputs.Series.Where(s => groups.Contains((s.Identity.Suite, s.Identity.Case, s.Identity.Metric)))
            .OrderBy(s => s.Identity.Device, StringComparer.Ordinal).ThenBy(s => s.Identity.ComparabilityKey, StringComparer.Ordinal);
        var chosen = flaggedSeries.Concat(peers).DistinctBy(s => (s.Identity.ComparabilityKey, s.Identity.Metric)).ToList();
        var shown = flaggedSeries.Select(s => s.Identity.Metric).ToHashSet(StringComparer.Ordinal);
        return TrendView.Of(Data(inputs, chosen, s => flaggedSet.Contains((s.Identity.ComparabilityKey, s.Identity.Metric)), shown));
    }

    /// <summary>A model page's view: the whitepaper metrics of every device on the page (the keys its performance tables cite),
    /// throughput ticked.</summary>
    public static TrendView? ForModel(ReportInputs inputs, ModelPage page)
    {
        var rows = page.Devices.SelectMany(d => d.Performance).Select(p => (Key: p.Claim.ComparabilityKey, p.Metric)).Distinct().ToHashSet();
        var order = ModelPageBuilder.PerformanceMetrics;
        var chosen = inputs.Series.Where(s => rows.Contains((s.Identity.ComparabilityKey, s.Identity.Metric)))
            .OrderBy(s => Array.IndexOf(order, s.Identity.Metric)).ThenBy(s => s.Identity.Device, StringComparer.Ordinal)
            .ThenBy(s => s.Identity.ComparabilityKey, StringComparer.Ordinal).ToList();
        var shown = chosen.Any(s => s.Identity.Metric == "fps") ? new HashSet<string>(StringComparer.Ordinal) { "fps" }
            : chosen.Take(1).Select(s => s.Identity.Metric).ToHashSet(StringComparer.Ordinal);
        return TrendView.Of(Data(inputs, chosen, _ => false, shown));
    }

    private static TrendViewData Data(ReportInputs inputs, IReadOnlyList<MetricSeries> matched, Func<MetricSeries, bool> flagged, IReadOnlySet<string> shown)
    {
        var series = matched.Where(s => s.Points.Any(p => p.Samples.Count > 0)).ToList();
        var kept = series.Take(MaxSeries).ToList();
        var used = kept.SelectMany(s => s.Points).Where(p => p.Samples.Count > 0).Select(p => p.Build).ToHashSet(StringComparer.Ordinal);
        // The store's build order (first run of each build); a build only some series have still gets its own slot.
        var builds = inputs.Builds().Where(used.Contains).ToList();
        builds.AddRange(used.Except(builds, StringComparer.Ordinal).Order(StringComparer.Ordinal));
        var index = builds.Select((b, i) => (b, i)).ToDictionary(x => x.b, x => x.i, StringComparer.Ordinal);
        var metrics = kept.Select(s => s.Identity.Metric).Distinct(StringComparer.Ordinal)
            .Select(m => kept.First(s => s.Identity.Metric == m))
            .Select(s => new TrendMetric(s.Identity.Metric, MetricLabels.Label(s.Identity.Metric), s.Unit, shown.Contains(s.Identity.Metric),
                ValueAxis.IsThroughputLike(s.Unit, s.Better))).ToList();
        var devices = kept.Select(s => s.Identity.Device).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var views = kept.Select(s => new TrendSeries(s.Identity.Device, s.Identity.Metric, s.Identity.Suite, s.Identity.Case, s.Identity.ComparabilityKey, flagged(s),
            s.Points.Select(p => (p, Summary: SampleSummary.Of(p.Samples))).Where(x => x.Summary is not null)
                .Select(x => new TrendPoint(index[x.p.Build], x.Summary!.Median, x.Summary.Q1, x.Summary.Q3, x.Summary.Count, x.p.RunIds)).ToList())).ToList();
        return new TrendViewData(builds, metrics, devices, views, series.Count - kept.Count);
    }
}
