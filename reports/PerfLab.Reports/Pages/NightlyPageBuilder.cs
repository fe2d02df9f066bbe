using System.Text.Json.Serialization;
using PerfLab.Reports.Evidence;
using PerfLab.Harness.Analysis;
using PerfLab.Harness.Storage;
using PerfLab.Reports.Charts;

namespace PerfLab.Reports.Pages;

/// <summary>The nightly summary: the newest build against the builds before it (verdicts per device), change points over the
/// whole history, and a trend chart for every series with a regression or a change point.</summary>
public static class NightlyPageBuilder
{
    private const int MaxCharts = 12;

    /// <param name="memo">Where the comparisons made are kept for the pages built after this one (the gate); null: not kept.</param>
    public static NightlyPage Build(
        ReportInputs inputs, IChartRenderer charts, Func<string, PageHeader> header, string? candidate = null, ComparisonMemo? memo = null)
    {
        memo ??= new ComparisonMemo();
        var builds = inputs.Builds();
        candidate ??= builds.Count > 0 ? builds[^1] : "";
        var comparer = new MannWhitneyComparer();
        var detector = new RobustPeltChangePointDetector();
        // Each series is judged on its own (comparisons, earlier nights, change points), so a farm's ten thousand series are
        // shared out over the cores; AsOrdered keeps the series order the rows and charts are picked in.
        var analysed = inputs.Series.AsParallel().AsOrdered()
            .Select(series => Analyse(inputs, series, candidate, comparer, detector, memo)).ToList();
        var verdicts = analysed.Where(a => a.Verdict is not null).Select(a => a.Verdict!.Value).ToList();
        var history = analysed.SelectMany(a => a.History).ToList();
        var changes = analysed.SelectMany(a => a.Changes).ToList();

        var devices = verdicts.GroupBy(v => v.Row.Device, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new DeviceVerdicts(g.Key,
                g.Count(v => v.Row.Verdict == "regression"), g.Count(v => v.Row.Verdict == "improvement"),
                g.Count(v => v.Row.Verdict == "no-change"), g.Count(v => v.Row.Verdict is "inconclusive" or "no-baseline"),
                g.Count(v => v.Row.Verdict == "error"),
                changes.Count(c => c.Row.Device == g.Key && c.Row.IsRegression),
                g.Any(v => v.Row.Verdict is "regression" or "error") ? "bad"
                : changes.Any(c => c.Row.Device == g.Key && c.Row.IsRegression) || history.Any(h => h.Device == g.Key) ? "warn" : "ok"))
            .ToList();

        var flagged = verdicts.Where(v => v.Row.IsRegression).Select(v => v.Series)
            .Concat(history.Select(h => inputs.Series.First(s => s.Identity.ComparabilityKey == h.ComparabilityKey && s.Identity.Metric == h.Metric)))
            .Concat(changes.OrderByDescending(c => c.Row.IsRegression).ThenByDescending(c => Math.Abs(c.Row.ChangePercent)).Select(c => c.Series))
            .DistinctBy(s => (s.Identity.ComparabilityKey, s.Identity.Metric, s.Unit)).Take(MaxCharts).ToList();
        var chartViews = flagged.Select(s =>
        {
            var points = changes.Where(c => c.Series == s).Select(c => c.Point).ToList();
            var pool = verdicts.FirstOrDefault(v => v.Series == s).Pool;
            var title = $"{MetricLabels.Label(s.Identity.Metric)} — {s.Identity.Case} on {s.Identity.Device}";
            return new ChartView(title, charts.Render(TrendCharts.Of(s, title, MetricLabels.Label(s.Identity.Metric), pool, points)),
                ChartFiles.Name("trend", s.Identity.Device, s.Identity.Case, s.Identity.Metric, s.Identity.ComparabilityKey),
                $"{s.Identity.Suite}, key {s.Identity.ComparabilityKey}: median per build with IQR whiskers; band: baseline IQR; markers: change points.");
        }).ToList();

        var ordered = verdicts.Select(v => v.Row)
            .OrderBy(r => r.Severity switch { "bad" => 0, "warn" => 1, "good" => 2, _ => 3 })
            .ThenBy(r => r.Device, StringComparer.Ordinal).ThenBy(r => r.Suite, StringComparer.Ordinal)
            .ThenBy(r => r.Case, StringComparer.Ordinal).ThenBy(r => r.Metric, StringComparer.Ordinal).ToList();
        var changeRows = changes.Select(c => c.Row)
            .OrderByDescending(r => r.IsRegression).ThenBy(r => r.Device, StringComparer.Ordinal).ThenBy(r => r.Case, StringComparer.Ordinal)
            .ThenBy(r => r.Metric, StringComparer.Ordinal).ThenBy(r => r.BuildAfter, StringComparer.Ordinal).ToList();
        var buildOrder = builds.Select((b, i) => (b, i)).ToDictionary(x => x.b, x => x.i, StringComparer.Ordinal);
        var previous = builds.TakeWhile(b => b != candidate).TakeLast(comparer.Options.BaselineBuilds).ToList();
        return new NightlyPage(
            header($"Nightly summary — build {candidate}") with { Emulated = inputs.AnyEmulated },
            candidate, previous.Count == 0 ? "none" : string.Join(", ", previous), builds.Count, devices,
            ordered.Where(r => r.IsRegression).ToList(), changeRows.Where(r => r.IsRegression).ToList(),
            history.OrderBy(h => buildOrder[h.Build]).ThenBy(h => h.Device, StringComparer.Ordinal).ThenBy(h => h.Case, StringComparer.Ordinal)
                .ThenBy(h => h.Metric, StringComparer.Ordinal).ToList(),
            ordered, changeRows, chartViews, detector.Configuration.Name + " v" + detector.Configuration.Version,
            $"Mann–Whitney U with Hodges–Lehmann shift, α={FigureText.Number(comparer.Options.Alpha)}, baseline = last {comparer.Options.BaselineBuilds} builds, threshold = max(budget, {FigureText.Number(comparer.Options.NoiseMultiplier)} × between-build noise)");
    }

    /// <summary>Earlier nights looked back over for "regressions flagged on earlier nights": a week of nightly builds.</summary>
    public const int NightsLookedBack = 7;

    private static SeriesAnalysis Analyse(
        ReportInputs inputs, MetricSeries series, string candidate, MannWhitneyComparer comparer, RobustPeltChangePointDetector detector, ComparisonMemo memo)
    {
        var spec = inputs.SpecFor(series);
        (VerdictRow Row, MetricSeries Series, BaselinePool Pool)? verdict = null;
        var history = new List<VerdictRow>();
        if (spec is not null && series.Points.Any(p => p.Build == candidate))
        {
            var (row, _, pool) = memo.Compare(comparer, spec, series, candidate, null);
            verdict = (row, series, pool);
        }
        // What each earlier night reported: the first night a regression was flagged is where it came in.
        if (spec is not null)
        {
            foreach (var point in series.Points.Skip(1).Where(p => p.Build != candidate).TakeLast(NightsLookedBack))
            {
                // Most nights are quiet: a bound over sample pairs rules out most, one rank test the rest, and only a
                // regression gets the full comparison its row shows.
                var pool = BaselineSelector.LastBuilds(series, point.Build, comparer.Options.BaselineBuilds);
                if (!comparer.MayRegress(spec, pool, point.Samples) || !comparer.Regresses(spec, pool, point.Samples)) continue;
                var (past, _, _) = VerdictRow.Compare(comparer, spec, series, point.Build, null, pool);
                if (past.IsRegression) history.Add(past with { Build = point.Build });
            }
        }
        var changes = detector.Detect(series).ChangePoints.Select(p => (Row: ChangePointRow.Of(series, p), Series: series, Point: p)).ToList();
        return new SeriesAnalysis(verdict, history, changes);
    }

    private sealed record SeriesAnalysis(
        (VerdictRow Row, MetricSeries Series, BaselinePool Pool)? Verdict, IReadOnlyList<VerdictRow> History,
        IReadOnlyList<(ChangePointRow Row, MetricSeries Series, ChangePoint Point)> Changes);
}

/// <summary>The nightly summary page.</summary>
public sealed record NightlyPage(
    PageHeader Header, string Build, string BaselineBuilds, int BuildCount, IReadOnlyList<DeviceVerdicts> Devices,
    IReadOnlyList<VerdictRow> Regressions, IReadOnlyList<ChangePointRow> RegressionChanges, IReadOnlyList<VerdictRow> EarlierRegressions,
    IReadOnlyList<VerdictRow> Verdicts, IReadOnlyList<ChangePointRow> ChangePoints, IReadOnlyList<ChartView> Charts,
    string Detector, string Method)
{
    public bool AnyFinding => Regressions.Count > 0 || RegressionChanges.Count > 0 || EarlierRegressions.Count > 0;

    /// <summary>The verdict rows the page lists (<see cref="Verdicts"/> stays complete for report.json).</summary>
    [JsonIgnore]
    public VerdictListing Listed => VerdictListing.Of(Verdicts);
}

/// <summary>Verdict counts of one device.</summary>
public sealed record DeviceVerdicts(string Device, int Regressions, int Improvements, int NoChange, int Inconclusive, int Errors, int RegressionChanges, string Severity);
