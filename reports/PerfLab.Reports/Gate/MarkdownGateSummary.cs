using System.Text;
using PerfLab.Harness.Analysis;
using PerfLab.Reports.Markdown;

namespace PerfLab.Reports.Gate;

/// <summary>Writes a gate as Markdown for a CI job summary or a PR comment: outcome and verdict counts first, then every
/// regression with its figures, then what needs action, then the rest collapsed. Pure: report in, text out.</summary>
public static class MarkdownGateSummary
{
    private const string TableHead = "| device | suite | case | metric | shift [interval] | threshold | baseline | candidate |\n|---|---|---|---|---|---|---|---|";

    public static string Write(GateReport report)
    {
        var sb = new StringBuilder();
        var icon = report.Outcome switch { GateOutcome.Regression => "❌", GateOutcome.ActionRequired => "⚠️", _ => "✅" };
        sb.AppendLine($"## {icon} PerfLab gate: {MarkdownText.Cell(report.OutcomeText)}").AppendLine();
        sb.AppendLine($"Candidate `{Code(report.Candidate)}` against {MarkdownText.Cell(report.BaselineDescription)} (`{Code(report.Baseline)}`); " +
                      $"{report.Items.Count} comparison(s), one per device × case × metric.").AppendLine();
        sb.AppendLine("| verdict | count |").AppendLine("|---|---:|");
        foreach (var (v, n) in report.Counts) sb.AppendLine($"| {v.ToWire()} | {n} |");
        sb.AppendLine();

        var regressions = report.Items.Where(i => i.Verdict == Verdict.Regression).ToList();
        if (regressions.Count > 0)
        {
            sb.AppendLine($"### Regressions ({regressions.Count})").AppendLine();
            Table(sb, regressions);
            sb.AppendLine();
            foreach (var i in regressions) sb.AppendLine($"- {MarkdownText.Cell($"{i.Device} / {i.Case} / {i.Metric}")}: {MarkdownText.Cell(i.Result.Reason)}");
            sb.AppendLine();
        }

        var action = report.Items.Where(i => i.Verdict != Verdict.Regression && report.NeedsAction(i)).ToList();
        if (action.Count > 0)
        {
            sb.AppendLine($"### Needs action ({action.Count})").AppendLine();
            sb.AppendLine("| verdict | device | suite | case | metric | reason |").AppendLine("|---|---|---|---|---|---|");
            foreach (var i in action)
                sb.AppendLine($"| {i.Verdict.ToWire()} | {MarkdownText.Cell(i.Device)} | {MarkdownText.Cell(i.Suite)} | {MarkdownText.Cell(i.Case)} | {MarkdownText.Cell(i.Metric)} | {MarkdownText.Cell(i.Result.Reason)} |");
            sb.AppendLine();
        }

        var rest = report.Items.Where(i => i.Verdict != Verdict.Regression && !report.NeedsAction(i)).ToList();
        if (rest.Count > 0)
        {
            sb.AppendLine($"<details><summary>All other comparisons ({rest.Count})</summary>").AppendLine();
            sb.AppendLine("| verdict | device | suite | case | metric | shift [interval] | threshold |").AppendLine("|---|---|---|---|---|---|---|");
            foreach (var i in rest)
                sb.AppendLine($"| {i.Verdict.ToWire()} | {MarkdownText.Cell(i.Device)} | {MarkdownText.Cell(i.Suite)} | {MarkdownText.Cell(i.Case)} | {MarkdownText.Cell(i.Metric)} | " +
                              $"{MarkdownText.Cell(GateFigures.ShiftWithInterval(i.Result))} | {MarkdownText.Cell(GateFigures.Threshold(i.Result))} |");
            sb.AppendLine().AppendLine("</details>").AppendLine();
        }
        sb.AppendLine("Shift = Hodges–Lehmann estimate of candidate − baseline in % of the baseline median, with its distribution-free " +
                      "confidence interval; a verdict needs the change to be significant (one-sided Mann–Whitney) and beyond the threshold.");
        return sb.ToString();
    }

    private static void Table(StringBuilder sb, IEnumerable<GateItem> items)
    {
        sb.AppendLine(TableHead);
        foreach (var i in items)
        {
            var r = i.Result;
            sb.AppendLine($"| {MarkdownText.Cell(i.Device)} | {MarkdownText.Cell(i.Suite)} | {MarkdownText.Cell(i.Case)} | {MarkdownText.Cell(i.Metric)} | " +
                          $"**{MarkdownText.Cell(GateFigures.ShiftWithInterval(r))}** | {MarkdownText.Cell(GateFigures.Threshold(r))} | " +
                          $"{MarkdownText.Cell(GateFigures.Builds(i.BaselineBuilds))}: {MarkdownText.Cell(GateFigures.Side(r.Baseline, i.Unit))} | " +
                          $"{MarkdownText.Cell(i.CandidateBuild)}: {MarkdownText.Cell(GateFigures.Side(r.Candidate, i.Unit))} |");
        }
    }

    private static string Code(string s) => PerfLab.Harness.Text.PrintableText.Escape(s).Replace("`", "'");
}
