using System.Globalization;
using PerfLab.Harness.Gating;
using PerfLab.Reports.Charts;
using PerfLab.Reports.Interactive;

namespace PerfLab.Reports.Pages;

/// <summary>Every page of one report, built from one <see cref="ReportInputs"/>; rendering it is deterministic apart from
/// <see cref="GeneratedAt"/>, which appears on exactly one line of each file.</summary>
public sealed record ReportSet(
    string GeneratedAt,
    bool Emulated,
    IndexPage Index,
    IReadOnlyList<ModelPage> Models,
    IReadOnlyList<MatrixPage> Matrices,
    NightlyPage Nightly,
    GatePage Gate)
{
    /// <summary>Options of the nightly and gate pages.</summary>
    public sealed record Options(string? Candidate = null, string? Baseline = null);

    public static ReportSet Build(ReportInputs inputs, IChartRenderer charts, DateTimeOffset generatedAt, Options? options = null)
    {
        options ??= new Options();
        var stamp = generatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        PageHeader Header(string title) => new(title, "", inputs.AnyEmulated, stamp, "");
        var candidate = options.Candidate ?? inputs.Candidate;
        var history = inputs.GateHistory();
        var nightlyRequest = NightlyPageBuilder.RequestFor(candidate);
        var gateRequest = GatePageBuilder.RequestFor(inputs, candidate, options.Baseline);
        var nightlyReport = Judge(history, nightlyRequest);
        var gateReport = gateRequest == nightlyRequest ? nightlyReport : Judge(history, gateRequest);
        // The model pages' headlines carry the gate's news (then the nightly's) about each model's latest build.
        var models = ModelPageBuilder.Build(inputs, charts, Header, [new JudgedBuild(gateReport, "gate", "release gate"), new JudgedBuild(nightlyReport, "nightly", "nightly summary")])
            .Select(m => m with { Trends = TrendViewBuilder.ForModel(inputs, m) }).ToList();
        var matrices = MatrixPageBuilder.Build(inputs, charts, Header);
        var nightly = NightlyPageBuilder.Build(inputs, charts, Header, nightlyReport);
        nightly = nightly with { Trends = TrendViewBuilder.ForNightly(inputs, nightly) };
        var gate = GatePageBuilder.Build(inputs, charts, Header, gateReport);
        var links = new List<IndexLink>();
        links.Add(new IndexLink("Release gate", "gate", $"{gate.Decision}: build {gate.Candidate} against {gate.Baseline}", gate.Severity));
        links.Add(new IndexLink("Nightly summary", "nightly",
            $"build {nightly.Build}: {nightly.Regressions.Count} regression verdict(s); {nightly.EarlierRegressions.Count} regression verdict(s) on earlier nights; {nightly.RegressionChanges.Count} regression change point(s) in {nightly.BuildCount} builds",
            nightly.AnyFinding ? "bad" : "ok"));
        foreach (var m in matrices) links.Add(new IndexLink($"Cross-device matrix: {m.Suite}", m.FileStem, $"{m.Rows.Count} row(s), {m.Columns.Count} metric(s), {m.Excluded.Count} excluded", "info"));
        foreach (var m in models) links.Add(new IndexLink($"Model: {m.Name}", m.FileStem, $"{m.Devices.Count} device(s), {m.Excluded.Count} excluded", "info"));
        var index = new IndexPage(Header("PerfLab reports"), links, inputs.Runs.Count, inputs.Builds().Count,
            inputs.Runs.Select(r => r.DeviceId).Distinct(StringComparer.Ordinal).Count(), inputs.Runs.Sum(r => r.CasesPassed + r.CasesFailed));
        return new ReportSet(stamp, inputs.AnyEmulated, index, models, matrices, nightly, gate);
    }

    /// <summary>The gate's verdicts; an empty store (no candidate) is judged as nothing compared.</summary>
    private static GateReport Judge(GateHistory history, GateRequest request)
    {
        try { return GateEvaluator.Evaluate(history, request); }
        catch (GateInputException e) when (history.Runs.Count == 0 || request.Candidate.Length == 0)
        {
            return new GateReport(request.Candidate, request.Baseline.ToString(), e.Message, [], false, false, request.Command(history.Source));
        }
    }
}

/// <summary>A gate's verdicts for a build and the page that shows them (file stem and its name in words).</summary>
public sealed record JudgedBuild(GateReport Report, string Page, string PageName);

/// <summary>The landing page.</summary>
/// <param name="Cases">The cases the <paramref name="Runs"/> hold (what 'perflab run' and the demo count).</param>
public sealed record IndexPage(PageHeader Header, IReadOnlyList<IndexLink> Links, int Runs, int Builds, int Devices, int Cases);

/// <summary>A link to a page (file stem without extension).</summary>
public sealed record IndexLink(string Title, string FileStem, string Summary, string Severity);
