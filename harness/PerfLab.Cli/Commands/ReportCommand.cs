using System.CommandLine;
using PerfLab.Results;

namespace PerfLab.Cli.Commands;

/// <summary><c>perflab report</c>: renders what a database holds as Markdown tables, one page per suite.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var db = CommonOptions.Database();
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write the reports into (created if missing).", Required = true };
        var suite = new Option<string[]>("--suite") { Description = "Only these suites (repeatable). Default: every suite stored." };
        var command = new Command("report",
            "Write a Markdown report per suite: for the newest run of each suite on each device, a row per case, device " +
            "and metric with median, spread (Q1–Q3 and min–max), n, unit, scope, comparability key and run id; failed and " +
            "excluded cases are listed under the table with their reason.\nExample: perflab report --db perflab.db --out perflab-out")
        { db, output, suite };
        command.SetAction((parse, _) => CliAction.RunAsync(() =>
        {
            using var store = SqliteResultStore.Open(CliAction.ExistingDatabase(parse.GetValue(db)!).FullName);
            var suites = parse.GetValue(suite) is { Length: > 0 } s ? s.ToHashSet() : null;
            foreach (var path in ReportWriter.WriteMarkdown(store, parse.GetValue(output)!.FullName, suites)) System.Console.WriteLine(path);
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }
}
