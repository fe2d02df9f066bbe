using System.Globalization;
using System.Text.Json;
using PerfLab.Harness.Analysis;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Gating;
using PerfLab.Reports.Gate;

namespace PerfLab.Cli.Gating;

/// <summary>Prints a gate report as a text table or as the JSON of <c>perflab compare/gate --json</c>, and maps its outcome to an exit code.</summary>
public static class GateOutput
{
    /// <summary>0 pass, 1 regression, 3 action required.</summary>
    public static int ExitCode(GateReport report) => report.Outcome switch
    {
        GateOutcome.Regression => ExitCodes.Failed,
        GateOutcome.ActionRequired => ExitCodes.ActionRequired,
        _ => ExitCodes.Success,
    };

    public static string Json(GateReport report) => JsonSerializer.Serialize(new
    {
        candidate = report.Candidate,
        baseline = report.Baseline,
        command = report.Command,
        baseline_description = report.BaselineDescription,
        outcome = report.Outcome switch { GateOutcome.Regression => "regression", GateOutcome.ActionRequired => "action-required", _ => "pass" },
        gate_exit_code = ExitCode(report),
        counts = report.Counts.ToDictionary(c => c.Verdict.ToWire(), c => c.Count),
        results = report.Items.Select(i => new
        {
            device = i.Device,
            hosts = i.Hosts,
            suite = i.Suite,
            @case = i.Case,
            metric = i.Metric,
            unit = i.Unit,
            better = i.Better == Better.Higher ? "higher" : "lower",
            comparability_key = i.ComparabilityKey,
            verdict = i.Verdict.ToWire(),
            needs_action = report.NeedsAction(i),
            reason = i.Result.Reason,
            shift = N(i.Result.Shift),
            shift_pct = N(i.Result.ShiftPercent),
            test = i.Result.Test.ToWire(),
            interval = double.IsNaN(i.Result.ShiftLow) ? null : new
            {
                low = N(i.Result.ShiftLow), high = N(i.Result.ShiftHigh), low_pct = N(i.Result.ShiftLowPercent), high_pct = N(i.Result.ShiftHighPercent),
                level = N(i.Result.ConfidenceLevel), // the level these sample sizes give; null where only an approximate one is known
            },
            // not rounded: small p-values matter
            p_value = P(i.Result.PValue),
            p_worse = P(i.Result.PWorse),
            p_better = P(i.Result.PBetter),
            q_worse = P(i.Result.QWorse),
            q_better = P(i.Result.QBetter),
            family = i.Result.Family,
            threshold = new
            {
                budget_pct = N(i.Result.Threshold.BudgetPercent),
                budget_source = i.Result.Threshold.BudgetSource,
                noise_pct = N(i.Result.Threshold.NoisePercent),
                effective_pct = N(i.Result.Threshold.EffectivePercent),
            },
            baseline = new { builds = i.BaselineBuilds, samples = i.Result.Baseline.Count, median = N(i.Result.Baseline.Median) },
            candidate = new { build = i.CandidateBuild, run_ids = i.CandidateRunIds, samples = i.Result.Candidate.Count, median = N(i.Result.Candidate.Median) },
            // set when confirming rounds re-measured the series: the verdict rests on the confirming samples
            confirmation = i.Confirmation is { } c ? new
            {
                rounds = c.Rounds,
                first = new { samples = c.FirstCount, median = N(c.FirstMedian) },
                confirming = new { samples = c.ConfirmingCount, median = N(c.ConfirmingMedian) },
            } : null,
        }),
    }, JsonOutput.Options);

    public static void WriteText(GateReport report, TextWriter o, bool isGate)
    {
        o = new PerfLab.Harness.Text.PrintableTextWriter(o); // stored strings reach a terminal or CI log: escaped
        o.WriteLine($"candidate {report.Candidate} against {report.BaselineDescription} ({report.Baseline})");
        if (report.Items.Count == 0) o.WriteLine("nothing to compare: the candidate has no passed case with samples");
        else
        {
            var rows = report.Items.Select(i => new[]
            {
                i.Verdict.ToWire(), i.Device, string.Join(",", i.Hosts), i.Suite, i.Case, i.Metric, GateFigures.ShiftWithInterval(i.Result), GateFigures.Threshold(i.Result),
                GateFigures.Builds(i.BaselineBuilds),
            }).ToList();
            string[] head = ["verdict", "device", "host", "suite", "case", "metric", "shift [interval]", "threshold", "baseline"];
            var widths = new int[head.Length];
            for (var c = 0; c < head.Length; c++)
            {
                var widest = head[c].Length;
                foreach (var r in rows) widest = Math.Max(widest, r[c].Length);
                widths[c] = Math.Min(40, widest);
            }
            o.WriteLine(Row(head, widths));
            foreach (var r in rows) o.WriteLine(Row(r, widths));
        }
        var notable = report.Items.Where(i => i.Verdict == Verdict.Regression || report.NeedsAction(i) || i.Verdict == Verdict.Improvement).ToList();
        if (notable.Count > 0)
        {
            o.WriteLine();
            foreach (var i in notable) o.WriteLine(GateFigures.Headline(i) + (i.Verdict == Verdict.Regression || !double.IsFinite(i.Result.ShiftPercent) ? "" : $" ({i.Result.Reason})") + Confirmed(i));
        }
        o.WriteLine();
        o.WriteLine("counts: " + string.Join(", ", report.Counts.Select(c => $"{c.Verdict.ToWire()} {c.Count.ToString(CultureInfo.InvariantCulture)}")));
        if (isGate) o.WriteLine($"gate: {report.OutcomeText} (exit {ExitCode(report)})");
    }

    /// <summary>For a series confirming rounds re-measured: which samples the verdict rests on, and the first ones beside them.</summary>
    private static string Confirmed(GateItem i) => i.Confirmation is { } c
        ? string.Create(CultureInfo.InvariantCulture, $"; confirmed in {c.Rounds} round(s): first {c.FirstCount}: median {c.FirstMedian:G6}; confirming {c.ConfirmingCount}: median {c.ConfirmingMedian:G6} {i.Unit}")
        : "";

    private static string Row(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, k) => (c.Length > widths[k] ? c[..(widths[k] - 1)] + "…" : c).PadRight(widths[k]))).TrimEnd();

    private static double? N(double v) => double.IsFinite(v) ? Math.Round(v, 6) : null;

    private static double? P(double v) => double.IsFinite(v) ? v : null;
}
