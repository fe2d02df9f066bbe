using System.CommandLine;
using PerfLab.Reports.Pages;
using PerfLab.Results;

namespace PerfLab.Cli.Commands;

/// <summary><c>perflab report</c>: renders what a database holds as evidence reports in Markdown, HTML and JSON.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var db = CommonOptions.Database();
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder to write the reports into (created if missing).", Required = true };
        var format = new Option<string>("--format") { Description = "md, html, json or all.", DefaultValueFactory = _ => "all" };
        var templates = new Option<DirectoryInfo?>("--templates") { Description = "Folder of .liquid files replacing the embedded templates of the same name (e.g. model.html.liquid)." };
        var models = new Option<DirectoryInfo?>("--models") { Description = $"Folder of model cards (*.card.yaml) for the model pages. Default: {ReportWriter.DefaultModelsDirectory}." };
        var suite = new Option<string[]>("--suite") { Description = "Only these suites (repeatable). Default: every suite stored." };
        var candidate = new Option<string?>("--candidate") { Description = "Build the nightly summary and the gate judge. Default: the newest build." };
        var baseline = new Option<string?>("--baseline") { Description = "Build the gate compares with. Default: the newest earlier build tagged release=..., else the last 5 builds." };
        var history = new Option<int>("--history")
        {
            Description = "How many of the newest builds the trends, change points and gate read (the latest results of every device are always shown).",
            DefaultValueFactory = _ => ReportInputs.DefaultHistoryBuilds,
        };
        var command = new Command("report",
            "Write the evidence reports: a page per model (the Hailo whitepaper shape), a cross-device matrix per suite, the " +
            "nightly summary (verdicts per device, change points, trends) and the release-gate report, plus an index; " +
            "self-contained HTML, Markdown (charts as PNG files beside it) and report.json. Every figure is a median with " +
            "its spread, scope, comparability key and run ids; excluded results are listed under each table with their reason.\n" +
            "Example: perflab report --db perflab.db --out perflab-out --format html")
        { db, output, format, templates, models, suite, candidate, baseline, history };
        command.SetAction((parse, _) => CliAction.RunAsync(() =>
        {
            if (parse.GetValue(history) < 2) throw new UsageException("--history must be at least 2 builds");
            var formats = ReportOutput.ParseFormat(parse.GetValue(format)!)
                          ?? throw new UsageException($"--format '{parse.GetValue(format)}': expected md, html, json or all");
            using var store = ReadDatabase.Open(parse.GetValue(db)!);
            var suites = parse.GetValue(suite) is { Length: > 0 } s ? s.ToHashSet() : null;
            var written = ReportWriter.Write(store, new ReportWriter.Request(parse.GetValue(output)!.FullName, formats,
                parse.GetValue(templates)?.FullName, parse.GetValue(models)?.FullName, suites, parse.GetValue(candidate), parse.GetValue(baseline), parse.GetValue(history)));
            foreach (var path in written) System.Console.WriteLine(path);
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }
}
