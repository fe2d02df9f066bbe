using PerfLab.Harness.Storage;
using PerfLab.Reports.Markdown;
using PerfLab.Reports.Tables;
using PerfLab.Results;

namespace PerfLab.Cli;

/// <summary>Writes the Markdown suite reports for what a database holds: one page per suite plus an index.</summary>
public static class ReportWriter
{
    public static IReadOnlyList<string> WriteMarkdown(SqliteResultStore store, string outDirectory, IReadOnlySet<string>? suites = null)
    {
        // Only the newest finished run per suite, host and device is read: a year of farm history stays cheap.
        var runs = store.Queries.LatestRuns()
            .Where(r => suites is null || suites.Contains(r.Suite))
            .Select(r => (r, (IReadOnlyList<StoredCase>)store.Queries.LoadCases(r.Id)))
            .ToList();
        var tables = SuiteTableBuilder.Build(runs);
        Directory.CreateDirectory(outDirectory);
        var generatedAt = DateTimeOffset.UtcNow;
        var written = new List<string>();
        foreach (var table in tables)
        {
            var path = Path.Combine(outDirectory, FileName(table.Suite) + ".md");
            File.WriteAllText(path, MarkdownSuiteReport.Render(table, generatedAt));
            written.Add(path);
        }
        var index = Path.Combine(outDirectory, "index.md");
        File.WriteAllText(index, "# PerfLab reports\n\n" + string.Join("", tables.Select(t =>
            $"- [{MarkdownText.Cell(t.Suite)}]({FileName(t.Suite)}.md): {t.Rows.Count} figure(s), {t.Excluded.Count} excluded\n")));
        written.Insert(0, index);
        return written;
    }

    private static string FileName(string suite) =>
        string.Concat(suite.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
