using System.Text;
using PerfLab.Harness.Domain;
using PerfLab.Reports.Tables;

namespace PerfLab.Reports.Markdown;

/// <summary>Renders a <see cref="SuiteTable"/> as a Markdown page: the figures, then what was left out and why.</summary>
public static class MarkdownSuiteReport
{
    public static string Render(SuiteTable table, DateTimeOffset generatedAt)
    {
        var md = new StringBuilder();
        md.Append("# ").Append(MarkdownText.Cell(table.Suite)).Append("\n\n");
        if (table.Rows.Any(r => r.Scope == EvidenceScope.Emulated))
        {
            md.Append("> **Emulated devices.** Rows with scope `emulated` come from PerfLab's device emulators. They ")
              .Append("demonstrate the pipeline and are not evidence about any hardware.\n\n");
        }
        md.Append("Median and interquartile range (Q1–Q3) over the measured repetitions; warm-up repetitions are not included. ")
          .Append("Each row cites its run and comparability key.\n\n");
        md.Append("| case | device | metric | median | spread (Q1–Q3) | min–max | n | unit | scope | key | run |\n");
        md.Append("|---|---|---|---:|---:|---:|---:|---|---|---|---|\n");
        foreach (var r in table.Rows)
        {
            var s = r.Summary;
            md.Append("| ").Append(MarkdownText.Cell(r.Case))
              .Append(" | ").Append(MarkdownText.Cell(r.Device))
              .Append(" | ").Append(MarkdownText.Cell(r.Metric))
              .Append(" | ").Append(NumberFormat.Figure(s.Median))
              .Append(" | ").Append(NumberFormat.Figure(s.Q1)).Append("–").Append(NumberFormat.Figure(s.Q3))
              .Append(" | ").Append(NumberFormat.Figure(s.Min)).Append("–").Append(NumberFormat.Figure(s.Max))
              .Append(" | ").Append(s.Count)
              .Append(" | ").Append(MarkdownText.Cell(r.Unit))
              .Append(" | ").Append(r.Scope.ToName())
              .Append(" | `").Append(r.ComparabilityKey).Append('`')
              .Append(" | `").Append(r.RunId).Append("` |\n");
        }
        if (table.Rows.Count == 0) md.Append("| (no passed case) | | | | | | | | | | |\n");

        if (table.Excluded.Count > 0)
        {
            md.Append("\n## Excluded results\n\n");
            md.Append("Stored for audit, not shown as figures.\n\n");
            md.Append("| case | device | reason | run |\n|---|---|---|---|\n");
            foreach (var e in table.Excluded)
            {
                md.Append("| ").Append(MarkdownText.Cell(e.Case))
                  .Append(" | ").Append(MarkdownText.Cell(e.Device))
                  .Append(" | ").Append(MarkdownText.Cell(e.Reason))
                  .Append(" | `").Append(e.RunId).Append("` |\n");
            }
        }
        md.Append("\nRuns cited: ").Append(string.Join(", ", table.RunIds.Select(id => "`" + id + "`"))).Append('\n');
        md.Append("\n_Generated at ").Append(generatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)).Append(" UTC by PerfLab._\n");
        return md.ToString();
    }
}
