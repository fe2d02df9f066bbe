using System.Text.Json.Serialization;
using PerfLab.Harness.Analysis;
using PerfLab.Harness.Storage;
using PerfLab.Reports.Charts;
using PerfLab.Reports.Evidence;

namespace PerfLab.Reports.Pages;

/// <summary>The release-gate report: the candidate build against a release baseline, gated metrics only (those with a budget
/// or an absolute limit), a decision, and what could not be gated and why.</summary>
public static class GatePageBuilder
{
    /// <summary>The tag that marks a released build; the newest such build before the candidate is the default baseline.</summary>
    public const string ReleaseTag = "release";

    /// <param name="memo">Comparisons the report has made already (the nightly's); null starts afresh.</param>
    public static GatePage Build(
        ReportInputs inputs, IChartRenderer charts, Func<string, PageHeader> header, string? candidate = null, string? baseline = null,
        ComparisonMemo? memo = null)
    {
        memo ??= new ComparisonMemo();
        var builds = inputs.Builds();
        candidate ??= builds.Count > 0 ? builds[^1] : "";
        var comparer = new MannWhitneyComparer();
        string baselineText;
        if (baseline is not null) baselineText = $"build {baseline} (named)";
        else if (ReleaseBaseline(inputs, builds, candidate) is { } release)
        {
            baseline = release.Build;
            baselineText = $"build {release.Build} (newest build tagged {ReleaseTag}={release.Tag})";
        }
        else baselineText = $"the last {comparer.Options.BaselineBuilds} builds before the candidate (no build is tagged {ReleaseTag})";

        var rows = inputs.Series
            .Select(series => (Series: series, Spec: inputs.SpecFor(series)))
            .Where(x => x.Spec is not null && (x.Spec.Gate.BudgetPercent is not null || x.Spec.Gate.Min is not null || x.Spec.Gate.Max is not null)
                        && x.Series.Points.Any(p => p.Build == candidate))
            .Select(x =>
            {
                var (row, _, pool) = memo.Compare(comparer, x.Spec!, x.Series, candidate, baseline);
                return (Row: row, x.Series, Pool: pool);
            })
            .ToList();
        var ordered = rows.Select(r => r.Row)
            .OrderBy(r => r.Severity switch { "bad" => 0, "warn" => 1, "good" => 2, _ => 3 })
            .ThenBy(r => r.Device, StringComparer.Ordinal).ThenBy(r => r.Suite, StringComparer.Ordinal)
            .ThenBy(r => r.Case, StringComparer.Ordinal).ThenBy(r => r.Metric, StringComparer.Ordinal).ToList();

        var notGated = EvidenceBuilder.Build(inputs.LatestCases.Where(c => c.Run.Build == candidate)).Excluded.Select(ExcludedView.Of).ToList();
        var detector = new RobustPeltChangePointDetector();
        var chartViews = rows.Where(r => r.Row.IsRegression).Take(8).Select(r =>
        {
            var title = $"{MetricLabels.Label(r.Series.Identity.Metric)} — {r.Series.Identity.Case} on {r.Series.Identity.Device}";
            var cps = detector.Detect(r.Series).ChangePoints;
            return new ChartView(title, charts.Render(TrendCharts.Of(r.Series, title, MetricLabels.Label(r.Series.Identity.Metric), r.Pool, cps)),
                ChartFiles.Name("gate", r.Series.Identity.Device, r.Series.Identity.Case, r.Series.Identity.Metric, r.Series.Identity.ComparabilityKey),
                "Median per build with IQR whiskers; band: the gate's baseline IQR; markers: change points.");
        }).ToList();

        var regressions = ordered.Count(r => r.Verdict == "regression");
        var errors = ordered.Count(r => r.Verdict == "error");
        var unsure = ordered.Count(r => r.Verdict is "inconclusive" or "no-baseline");
        var (decision, severity) = regressions > 0 ? ("BLOCKED", "bad")
            : errors > 0 || notGated.Count > 0 ? ("NEEDS ATTENTION", "warn")
            : ("PASSED", "ok");
        var summary = $"{ordered.Count} gated series: {regressions} regression(s), {errors} error(s), {unsure} inconclusive or without baseline, " +
                      $"{ordered.Count(r => r.Verdict == "improvement")} improvement(s), {ordered.Count(r => r.Verdict == "no-change")} without change; " +
                      $"{notGated.Count} result(s) of the candidate excluded.";
        return new GatePage(header($"Release gate — build {candidate}") with { Emulated = inputs.AnyEmulated },
            candidate, baselineText, decision, severity, summary, ordered.Where(r => r.Severity is "bad").ToList(), ordered, notGated, chartViews);
    }

    private static (string Build, string Tag)? ReleaseBaseline(ReportInputs inputs, IReadOnlyList<string> builds, string candidate)
    {
        var before = builds.TakeWhile(b => b != candidate).ToHashSet(StringComparer.Ordinal);
        return inputs.Runs.Where(r => before.Contains(r.Build) && r.Tags.ContainsKey(ReleaseTag))
            .OrderByDescending(r => r.StartedAt).Select(r => ((string Build, string Tag)?)(r.Build, r.Tags[ReleaseTag])).FirstOrDefault();
    }
}

/// <summary>The release-gate page.</summary>
public sealed record GatePage(
    PageHeader Header, string Candidate, string Baseline, string Decision, string Severity, string Summary,
    IReadOnlyList<VerdictRow> Blocking, IReadOnlyList<VerdictRow> Rows, IReadOnlyList<ExcludedView> NotGated, IReadOnlyList<ChartView> Charts)
{
    /// <summary>The gated rows the page lists (<see cref="Rows"/> stays complete for report.json).</summary>
    [JsonIgnore]
    public VerdictListing Listed => VerdictListing.Of(Rows);
}
