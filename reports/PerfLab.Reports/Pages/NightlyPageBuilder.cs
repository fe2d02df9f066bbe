using System.Text.Json.Serialization;
using PerfLab.Reports.Evidence;
using PerfLab.Harness.Analysis;
using PerfLab.Harness.Gating;
using PerfLab.Harness.Storage;
using PerfLab.Reports.Charts;
using PerfLab.Reports.Presentation;

namespace PerfLab.Reports.Pages;

/// <summary>The nightly summary: the gate's verdicts for the newest build against the builds before it (per device), change points over the
/// whole history, and a trend chart for every series with a regression or a change point.</summary>
public static class NightlyPageBuilder
{
    private const int MaxCharts = 12;

    /// <summary>The request the nightly judges with: the candidate against the last builds on main (the defaults of <c>perflab gate</c>).</summary>
    public static GateRequest RequestFor(string candidate) => new(candidate, BaselineSpec.Default);

    /// <param name="report">The gate's verdicts for the candidate (<see cref="RequestFor"/>), which the page shows as they are.</param>
    public static NightlyPage Build(ReportInputs inputs, IChartRenderer charts, Func<string, PageHeader> header, GateReport report)
    {
        var builds = inputs.Builds();
        var candidate = report.Candidate;
        var comparer = new SeriesComparer();
        var detector = new RobustPeltChangePointDetector();
        // Each series is judged on its own (earlier nights, change points), so a farm's ten thousand series are shared out over
        // the cores; AsOrdered keeps the series order the rows and charts are picked in.
        var analysed = inputs.Series.AsParallel().AsOrdered()
            .Select(series => Analyse(inputs, series, candidate, comparer, detector)).ToList();
        var history = analysed.SelectMany(a => a.History).ToList();
        var changes = analysed.SelectMany(a => a.Changes).ToList();
        var verdicts = report.Items.Select(VerdictRow.Of).ToList();
        var seriesByKey = inputs.Series.ToLookup(s => (s.Identity.ComparabilityKey, s.Identity.Metric, s.Unit));

        var devices = verdicts.GroupBy(v => v.Device, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new DeviceVerdicts(g.Key,
                g.Count(v => v.Verdict == "regression"), g.Count(v => v.Verdict == "improvement"),
                g.Count(v => v.Verdict == "no-change"), g.Count(v => v.Verdict is "inconclusive" or "no-baseline"),
                g.Count(v => v.Verdict == "error"),
                changes.Count(c => c.Row.Device == g.Key && c.Row.IsRegression),
                g.Any(v => v.Verdict is "regression" or "error") ? "bad"
                : changes.Any(c => c.Row.Device == g.Key && c.Row.IsRegression) || history.Any(h => h.Device == g.Key) ? "warn" : "ok"))
            .ToList();

        var regressed = report.Items.Where(i => i.Verdict == Verdict.Regression)
            .Select(i => (Item: i, Series: seriesByKey[(i.ComparabilityKey, i.Metric, i.Unit)].FirstOrDefault())).Where(x => x.Series is not null).ToList();
        var flagged = regressed.Select(x => x.Series!)
            .Concat(history.Select(h => inputs.Series.First(s => s.Identity.ComparabilityKey == h.ComparabilityKey && s.Identity.Metric == h.Metric)))
            .Concat(changes.OrderByDescending(c => c.Row.IsRegression).ThenByDescending(c => Math.Abs(c.Row.ChangePercent)).Select(c => c.Series))
            .DistinctBy(s => (s.Identity.ComparabilityKey, s.Identity.Metric, s.Unit)).Take(MaxCharts).ToList();
        // Two series can share metric, case and device (another suite, or a key property): the suite and key tell them apart.
        var titles = UniqueTitles.Make(flagged.Select(s => (
            $"{MetricLabels.Label(s.Identity.Metric)} — {s.Identity.Case} on {s.Identity.Device}",
            (IReadOnlyList<string>)[s.Identity.Suite, "key " + s.Identity.ComparabilityKey])).ToList());
        var chartViews = flagged.Select((s, n) =>
        {
            var points = changes.Where(c => c.Series == s).Select(c => c.Point).ToList();
            var item = report.Items.FirstOrDefault(i => i.ComparabilityKey == s.Identity.ComparabilityKey && i.Metric == s.Identity.Metric && i.Unit == s.Unit);
            var pool = item is null ? null : BaselineSelector.Pool(s.Points.Where(p => item.BaselineBuilds.Contains(p.Build) && p.Samples.Count > 0));
            var title = titles[n];
            return new ChartView(title, charts.Render(TrendCharts.Of(s, title, MetricLabels.Label(s.Identity.Metric), pool, points)),
                ChartFiles.Name("trend", s.Identity.Device, s.Identity.Case, s.Identity.Metric, s.Identity.ComparabilityKey),
                $"{s.Identity.Suite}, key {s.Identity.ComparabilityKey}: median per build with IQR whiskers; band: the IQR of the builds the " +
                "gate compared with; markers: change points. A marker's figure is the step between the medians of the segments before " +
                "and after it; the verdict table's shift is the gate's Hodges–Lehmann shift of the candidate against its baseline builds, so the two differ.");
        }).ToList();

        var ordered = verdicts
            .OrderBy(r => r.Severity switch { "bad" => 0, "warn" => 1, "good" => 2, _ => 3 })
            .ThenBy(r => r.Device, StringComparer.Ordinal).ThenBy(r => r.Suite, StringComparer.Ordinal)
            .ThenBy(r => r.Case, StringComparer.Ordinal).ThenBy(r => r.Metric, StringComparer.Ordinal).ToList();
        var changeRows = changes.Select(c => c.Row)
            .OrderByDescending(r => r.IsRegression).ThenBy(r => r.Device, StringComparer.Ordinal).ThenBy(r => r.Case, StringComparer.Ordinal)
            .ThenBy(r => r.Metric, StringComparer.Ordinal).ThenBy(r => r.BuildAfter, StringComparer.Ordinal).ToList();
        var buildOrder = builds.Select((b, i) => (b, i)).ToDictionary(x => x.b, x => x.i, StringComparer.Ordinal);
        var o = comparer.Options;
        return new NightlyPage(
            header($"Nightly summary — build {candidate}") with { Emulated = inputs.AnyEmulated },
            candidate, report.BaselineDescription, builds.Count, devices,
            ordered.Where(r => r.IsRegression).ToList(), changeRows.Where(r => r.IsRegression).ToList(),
            history.OrderBy(h => buildOrder[h.Build]).ThenBy(h => h.Device, StringComparer.Ordinal).ThenBy(h => h.Case, StringComparer.Ordinal)
                .ThenBy(h => h.Metric, StringComparer.Ordinal).ToList(),
            ordered, changeRows, chartViews, detector.Configuration.Name + " v" + detector.Configuration.Version,
            $"the gate's rules (docs/gating.md §4): a regression is a shift beyond max(budget, {FigureText.Number(o.NoiseMultiplier)} × between-build noise) " +
            $"that is significant at α={FigureText.Number(o.Alpha)} after false-discovery control over the night's series (Mann–Whitney on the samples, " +
            $"or the candidate's value against the last {o.HistoryBuilds} builds' values where builds carry fewer than {o.MinSamples} samples)",
            report.OutcomeText, report.Command);
    }

    /// <summary>Earlier nights looked back over for "regressions flagged on earlier nights": a week of nightly builds.</summary>
    public const int NightsLookedBack = 7;

    private static SeriesAnalysis Analyse(
        ReportInputs inputs, MetricSeries series, string candidate, SeriesComparer comparer, RobustPeltChangePointDetector detector)
    {
        var spec = inputs.SpecFor(series);
        var history = new List<VerdictRow>();
        // What each earlier night's series verdict was, on its own (no false-discovery control over that night's other series):
        // the first night a regression was flagged is where it came in.
        if (spec is not null)
        {
            foreach (var point in series.Points.Skip(1).Where(p => p.Build != candidate).TakeLast(NightsLookedBack))
            {
                // Most nights are quiet: a bound over sample pairs rules out most, and only a regression gets the row it shows.
                var pool = BaselineSelector.LastBuilds(series, point.Build, comparer.Options.BaselineBuilds, comparer.Options.HistoryBuilds);
                if (!comparer.MayRegress(spec, pool, point.Samples)) continue;
                var result = comparer.Compare(spec, pool, point.Samples);
                if (result.Verdict != Verdict.Regression) continue;
                var id = series.Identity;
                var used = result.Test == SeriesTest.BuildDistribution ? pool.HistoryOrPool.Builds : pool.Builds;
                history.Add(VerdictRow.Of(new GateItem(id.Device, id.Suite, id.Case, id.Metric, series.Unit, series.Better, id.ComparabilityKey,
                    point.Build, point.RunIds, used, result)) with { Build = point.Build });
            }
        }
        var changes = detector.Detect(series).ChangePoints.Select(p => (Row: ChangePointRow.Of(series, p), Series: series, Point: p)).ToList();
        return new SeriesAnalysis(history, changes);
    }

    private sealed record SeriesAnalysis(
        IReadOnlyList<VerdictRow> History, IReadOnlyList<(ChangePointRow Row, MetricSeries Series, ChangePoint Point)> Changes);
}

/// <summary>The nightly summary page.</summary>
public sealed record NightlyPage(
    PageHeader Header, string Build, string BaselineBuilds, int BuildCount, IReadOnlyList<DeviceVerdicts> Devices,
    IReadOnlyList<VerdictRow> Regressions, IReadOnlyList<ChangePointRow> RegressionChanges, IReadOnlyList<VerdictRow> EarlierRegressions,
    IReadOnlyList<VerdictRow> Verdicts, IReadOnlyList<ChangePointRow> ChangePoints, IReadOnlyList<ChartView> Charts,
    string Detector, string Method, string Outcome, string Command)
{
    /// <summary>The interactive trend view of the HTML page (the flagged series and their peers on other devices), or null.</summary>
    [JsonIgnore]
    public Interactive.TrendView? Trends { get; init; }

    public bool AnyFinding => Regressions.Count > 0 || RegressionChanges.Count > 0 || EarlierRegressions.Count > 0;

    /// <summary>The verdict rows the page lists (<see cref="Verdicts"/> stays complete for report.json).</summary>
    [JsonIgnore]
    public VerdictListing Listed => VerdictListing.Of(Verdicts);
}

/// <summary>Verdict counts of one device.</summary>
public sealed record DeviceVerdicts(string Device, int Regressions, int Improvements, int NoChange, int Inconclusive, int Errors, int RegressionChanges, string Severity);
