using System.Globalization;
using System.Text;
using PerfLab.Harness.Analysis;
using PerfLab.Harness.Gating;
using PerfLab.Reports.Markdown;

namespace PerfLab.Reports.Gate;

/// <summary>Writes a gate as Markdown for a CI job summary or a PR comment, within a byte budget whatever the gate's size:
/// outcome and verdict counts first, then every blocking item (regressions, then what needs action), then the rest grouped by
/// suite × device and listed until the budget is spent, with a line saying how many were left out and where the full list is.
/// Pure: report in, text out.</summary>
public static class MarkdownGateSummary
{
    /// <summary>Default budget: half of the 1 MiB GitHub accepts for one step's summary, so two gates can share a step.</summary>
    public const int DefaultBudgetBytes = 512 * 1024;

    // Kept free for the closing lines (cut notes, </details>, the shift explanation), so they are always written.
    private const int ClosingReserveBytes = 4 * 1024;

    private const string TableHead = "| device | suite | case | metric | shift [interval] | threshold | baseline | candidate |\n|---|---|---|---|---|---|---|---|";

    /// <summary>The summary of <paramref name="report"/>.</summary>
    /// <param name="fullReport">Where the complete list is (a path or URL to name in the cut line); null names the command that prints it.</param>
    /// <param name="budgetBytes">Most UTF-8 bytes the summary may take (at least 16 KiB).</param>
    public static string Write(GateReport report, string? fullReport = null, int budgetBytes = DefaultBudgetBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(budgetBytes, 16 * 1024);
        var md = new BudgetedText(budgetBytes);
        var where = fullReport is null
            ? $"`perflab compare --candidate {Code(report.Candidate)} --baseline {Code(report.Baseline)} --json` (or the gate's `--junit` file)"
            : $"`{Code(fullReport)}`";

        var icon = report.Outcome switch { GateOutcome.Regression => "❌", GateOutcome.ActionRequired => "⚠️", _ => "✅" };
        md.Line($"## {icon} PerfLab gate: {MarkdownText.Cell(report.OutcomeText)}").Line();
        md.Line($"Candidate `{Code(report.Candidate)}` against {MarkdownText.Cell(report.BaselineDescription)} (`{Code(report.Baseline)}`); " +
                $"{report.Items.Count} comparison(s), one per device × case × metric.").Line();
        md.Line("| verdict | count |").Line("|---|---:|");
        foreach (var (v, n) in report.Counts) md.Line($"| {v.ToWire()} | {n} |");
        md.Line();

        var regressions = report.Items.Where(i => i.Verdict == Verdict.Regression).ToList();
        if (regressions.Count > 0)
        {
            md.Line($"### Regressions ({regressions.Count})").Line();
            md.Line(TableHead);
            var shown = md.Rows(regressions, RegressionRow);
            md.Line();
            foreach (var i in regressions.Take(shown))
                if (!md.TryLine($"- {MarkdownText.Cell($"{i.Device} / {i.Case} / {i.Metric}")}: {MarkdownText.Cell(i.Result.Reason)}")) break;
            md.CutNote(regressions.Count - shown, "regression(s)", where);
            md.Line();
        }

        var action = report.Items.Where(i => i.Verdict != Verdict.Regression && report.NeedsAction(i)).ToList();
        if (action.Count > 0)
        {
            md.Line($"### Needs action ({action.Count})").Line();
            md.Line("| verdict | device | suite | case | metric | reason |").Line("|---|---|---|---|---|---|");
            var shown = md.Rows(action, i =>
                $"| {i.Verdict.ToWire()} | {MarkdownText.Cell(i.Device)} | {MarkdownText.Cell(i.Suite)} | {MarkdownText.Cell(i.Case)} | {MarkdownText.Cell(i.Metric)} | {MarkdownText.Cell(i.Result.Reason)} |");
            md.CutNote(action.Count - shown, "item(s) needing action", where);
            md.Line();
        }

        var rest = report.Items.Where(i => i.Verdict != Verdict.Regression && !report.NeedsAction(i)).ToList();
        if (rest.Count > 0) WriteRest(md, rest, where);

        md.Closing("Shift = Hodges–Lehmann estimate of candidate − baseline in % of the baseline median, with its distribution-free " +
                   "confidence interval; a verdict needs the change to be significant (one-sided Mann–Whitney) and beyond the threshold.");
        return md.ToString();
    }

    // The rest: first a count per suite × device and verdict (small even for a farm), then the comparisons themselves,
    // improvements first, listed while the budget lasts.
    private static void WriteRest(BudgetedText md, List<GateItem> rest, string where)
    {
        var verdicts = GateReport.Order.Where(v => rest.Any(i => i.Verdict == v)).ToList();
        var groups = rest.GroupBy(i => (i.Suite, i.Device))
            .OrderBy(g => g.Key.Suite, StringComparer.Ordinal).ThenBy(g => g.Key.Device, StringComparer.Ordinal).ToList();
        md.Line($"### Other comparisons by suite and device ({rest.Count})").Line();
        md.Line($"| suite | device | {string.Join(" | ", verdicts.Select(v => v.ToWire()))} |");
        md.Line($"|---|---|{string.Concat(verdicts.Select(_ => "---:|"))}");
        var groupsShown = md.Rows(groups, g =>
            $"| {MarkdownText.Cell(g.Key.Suite)} | {MarkdownText.Cell(g.Key.Device)} | " +
            string.Join(" | ", verdicts.Select(v => g.Count(i => i.Verdict == v).ToString(CultureInfo.InvariantCulture))) + " |");
        md.CutNote(groups.Count - groupsShown, "suite × device group(s)", where);
        md.Line();

        Verdict[] rank = [Verdict.Improvement, Verdict.Inconclusive, Verdict.NoBaseline, Verdict.NoChange];
        var ordered = groups.SelectMany(g => g).OrderBy(i => Array.IndexOf(rank, i.Verdict)).ToList();
        if (!md.TryLine($"<details><summary>All other comparisons ({rest.Count})</summary>")) { md.CutNote(rest.Count, "comparison(s)", where); return; }
        md.Line();
        md.Line("| verdict | device | suite | case | metric | shift [interval] | threshold |").Line("|---|---|---|---|---|---|---|");
        var shown = md.Rows(ordered, i =>
            $"| {i.Verdict.ToWire()} | {MarkdownText.Cell(i.Device)} | {MarkdownText.Cell(i.Suite)} | {MarkdownText.Cell(i.Case)} | {MarkdownText.Cell(i.Metric)} | " +
            $"{MarkdownText.Cell(GateFigures.ShiftWithInterval(i.Result))} | {MarkdownText.Cell(GateFigures.Threshold(i.Result))} |");
        md.CutNote(ordered.Count - shown, "comparison(s)", where);
        md.Closing("").Closing("</details>").Closing("");
    }

    private static string RegressionRow(GateItem i)
    {
        var r = i.Result;
        return $"| {MarkdownText.Cell(i.Device)} | {MarkdownText.Cell(i.Suite)} | {MarkdownText.Cell(i.Case)} | {MarkdownText.Cell(i.Metric)} | " +
               $"**{MarkdownText.Cell(GateFigures.ShiftWithInterval(r))}** | {MarkdownText.Cell(GateFigures.Threshold(r))} | " +
               $"{MarkdownText.Cell(GateFigures.Builds(i.BaselineBuilds))}: {MarkdownText.Cell(GateFigures.Side(r.Baseline, i.Unit))} | " +
               $"{MarkdownText.Cell(i.CandidateBuild)}: {MarkdownText.Cell(GateFigures.Side(r.Candidate, i.Unit))} |";
    }

    private static string Code(string s) => PerfLab.Harness.Text.PrintableText.Escape(s).Replace("`", "'");

    /// <summary>Markdown lines counted in UTF-8 bytes: lines are taken while they fit the budget; closing lines and cut notes
    /// always go in (they come out of the reserve the caller kept).</summary>
    private sealed class BudgetedText(int totalBytes)
    {
        private readonly int _budget = totalBytes - ClosingReserveBytes;
        private readonly StringBuilder _text = new();
        private int _bytes;

        public BudgetedText Line(string line = "")
        {
            TryLine(line);
            return this;
        }

        public bool TryLine(string line)
        {
            var size = Encoding.UTF8.GetByteCount(line) + 1;
            if (_bytes + size > _budget) return false;
            Append(line, size);
            return true;
        }

        /// <summary>Writes rows in order until one does not fit; returns how many went in.</summary>
        public int Rows<T>(IReadOnlyList<T> items, Func<T, string> row)
        {
            var n = 0;
            while (n < items.Count && TryLine(row(items[n]))) n++;
            return n;
        }

        public void CutNote(int left, string what, string where)
        {
            if (left > 0) Closing($"\n*{left} more {what} not shown here (this summary is kept under {totalBytes / 1024} KiB); the full list: {where}.*");
        }

        public BudgetedText Closing(string line)
        {
            Append(line, Encoding.UTF8.GetByteCount(line) + 1);
            return this;
        }

        private void Append(string line, int size)
        {
            _text.Append(line).Append('\n');
            _bytes += size;
        }

        public override string ToString() => _text.ToString();
    }
}
