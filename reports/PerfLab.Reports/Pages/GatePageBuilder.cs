using System.Text.Json.Serialization;
using PerfLab.Harness.Analysis;
using PerfLab.Harness.Gating;
using PerfLab.Harness.Storage;
using PerfLab.Reports.Charts;
using PerfLab.Reports.Evidence;
using PerfLab.Reports.Presentation;

namespace PerfLab.Reports.Pages;

/// <summary>The release-gate report: what <see cref="GateEvaluator"/> decided for the candidate build against a release baseline,
/// the <c>perflab gate</c> command that reproduces it, and the candidate's results that may not be cited, with why.</summary>
public static class GatePageBuilder
{
    /// <summary>The tag that marks a released build; the newest such build before the candidate is the default baseline.</summary>
    public const string ReleaseTag = "release";

    /// <summary>The request the gate page asks by default: against the newest build tagged <see cref="ReleaseTag"/> before the
    /// candidate, or the named <paramref name="baseline"/> build, else the same request as the nightly (the last builds on main).</summary>
    public static GateRequest RequestFor(ReportInputs inputs, string candidate, string? baseline)
    {
        if (baseline is not null) return new GateRequest(candidate, new BaselineSpec(BaselineKind.Build, baseline));
        return ReleaseBaseline(inputs, candidate) is { } tag
            ? new GateRequest(candidate, new BaselineSpec(BaselineKind.Tag, $"{ReleaseTag}={tag}"), BaselineBuilds: 1)
            : NightlyPageBuilder.RequestFor(candidate);
    }

    public static GatePage Build(ReportInputs inputs, IChartRenderer charts, Func<string, PageHeader> header, GateReport report)
    {
        var rows = report.Items.Select(VerdictRow.Of)
            .OrderBy(r => r.Severity switch { "bad" => 0, "warn" => 1, "good" => 2, _ => 3 })
            .ThenBy(r => r.Device, StringComparer.Ordinal).ThenBy(r => r.Suite, StringComparer.Ordinal)
            .ThenBy(r => r.Case, StringComparer.Ordinal).ThenBy(r => r.Metric, StringComparer.Ordinal).ToList();
        var candidate = report.Candidate;
        var notGated = EvidenceBuilder.Build(inputs.LatestCases.Where(c => c.Run.Build == candidate)).Excluded.Select(ExcludedView.Of).ToList();
        var detector = new RobustPeltChangePointDetector();
        var seriesByKey = inputs.Series.ToLookup(s => (s.Identity.ComparabilityKey, s.Identity.Metric, s.Unit));
        var charted = report.Items.Where(i => i.Verdict == Verdict.Regression).Take(8)
            .Select(i => (Item: i, Series: seriesByKey[(i.ComparabilityKey, i.Metric, i.Unit)].FirstOrDefault()))
            .Where(x => x.Series is not null).ToList();
        // Two series can share metric, case and device (another suite, or a key property): the suite and key tell them apart.
        var titles = UniqueTitles.Make(charted.Select(x => (
            $"{MetricLabels.Label(x.Series!.Identity.Metric)} — {x.Series.Identity.Case} on {x.Series.Identity.Device}",
            (IReadOnlyList<string>)[x.Series.Identity.Suite, "key " + x.Series.Identity.ComparabilityKey])).ToList());
        var chartViews = charted.Select((x, n) =>
            {
                var s = x.Series!;
                var title = titles[n];
                var pool = BaselineSelector.Pool(s.Points.Where(p => x.Item.BaselineBuilds.Contains(p.Build) && p.Samples.Count > 0));
                var cps = detector.Detect(s).ChangePoints;
                return new ChartView(title, charts.Render(TrendCharts.Of(s, title, MetricLabels.Label(s.Identity.Metric), pool, cps,
                    TrendCharts.Threshold(x.Item.Result))),
                    ChartFiles.Name("gate", s.Identity.Device, s.Identity.Case, s.Identity.Metric, s.Identity.ComparabilityKey),
                    "Median per build with IQR whiskers; shaded band: the IQR of the builds the gate compared with; dashed lines: the gate's " +
                    "threshold around the baseline median; markers: change points. " +
                    "A marker's figure is the step between the medians of the segments before and after it; the table's shift is the gate's " +
                    "Hodges–Lehmann shift of the candidate against its baseline builds, so the two differ.");
            }).ToList();

        var counts = report.Counts.ToDictionary(c => c.Verdict, c => c.Count);
        var (decision, severity) = report.Outcome switch
        {
            GateOutcome.Regression => ("BLOCKED", "bad"),
            GateOutcome.ActionRequired => ("NEEDS ATTENTION", "warn"),
            _ => ("PASSED", "ok"),
        };
        var summary = $"{report.Items.Count} series judged: {counts[Verdict.Regression]} regression(s), {counts[Verdict.Error]} error(s), " +
                      $"{counts[Verdict.Inconclusive]} inconclusive, {counts[Verdict.NoBaseline]} without baseline, " +
                      $"{counts[Verdict.Improvement]} improvement(s), {counts[Verdict.NoChange]} without change; " +
                      $"{notGated.Count} result(s) of the candidate may not be cited (listed below).";
        return new GatePage(header($"Release gate — build {candidate}") with { Emulated = inputs.AnyEmulated },
            candidate, $"{report.BaselineDescription} (--baseline {report.Baseline})", decision, severity, summary, report.OutcomeText,
            report.Command, rows.Where(r => r.IsRegression).ToList(),
            report.Items.Where(i => i.Verdict != Verdict.Regression && report.NeedsAction(i)).Select(VerdictRow.Of).ToList(), rows, notGated, chartViews);
    }

    private static string? ReleaseBaseline(ReportInputs inputs, string candidate)
    {
        var before = inputs.Builds().TakeWhile(b => b != candidate).ToHashSet(StringComparer.Ordinal);
        return inputs.Runs.Where(r => before.Contains(r.Build) && r.Tags.ContainsKey(ReleaseTag))
            .OrderByDescending(r => r.StartedAt).Select(r => r.Tags[ReleaseTag]).FirstOrDefault();
    }
}

/// <summary>The release-gate page.</summary>
/// <param name="Outcome">The gate's outcome as <c>perflab gate</c> prints it.</param>
/// <param name="Command">The <c>perflab gate</c> command that reproduces the page's verdicts.</param>
/// <param name="Blocking">The regressions (they fail the gate).</param>
/// <param name="NeedsAction">Errors, and inconclusive or no-baseline verdicts the gate does not allow: a person must look.</param>
public sealed record GatePage(
    PageHeader Header, string Candidate, string Baseline, string Decision, string Severity, string Summary, string Outcome, string Command,
    IReadOnlyList<VerdictRow> Blocking, IReadOnlyList<VerdictRow> NeedsAction, IReadOnlyList<VerdictRow> Rows, IReadOnlyList<ExcludedView> NotGated, IReadOnlyList<ChartView> Charts)
{
    /// <summary>The rows the page lists (<see cref="Rows"/> stays complete for report.json).</summary>
    [JsonIgnore]
    public VerdictListing Listed => VerdictListing.Of(Rows);

    /// <summary>The results that may not be cited as the page lists them: each reason said once per group of cases.</summary>
    [JsonIgnore]
    public IReadOnlyList<ExcludedGroup> NotGatedGroups => ExcludedGroup.Of(NotGated);
}
