using System.CommandLine;
using System.Text;
using PerfLab.Cli.Gating;
using PerfLab.Harness.Gating;
using PerfLab.Reports.Gate;
using PerfLab.Results;

namespace PerfLab.Cli.Commands;

/// <summary><c>perflab gate</c>: the release gate: compare, then exit 0 pass, 1 regression, 3 action required; JUnit and Markdown on request.</summary>
internal static class GateCommand
{
    public static Command Create()
    {
        var o = new GateOptions();
        var junit = new Option<FileInfo?>("--junit") { Description = "Write JUnit XML here: one test case per device × case × metric (regression = failure)." };
        var summary = new Option<FileInfo?>("--summary") { Description = "Write a Markdown summary here (for $GITHUB_STEP_SUMMARY or a PR comment)." };
        var allowMissing = new Option<bool>("--allow-missing-baseline") { Description = "no-baseline verdicts pass instead of needing action (first runs of a new suite or device)." };
        var allowInconclusive = new Option<bool>("--allow-inconclusive") { Description = "inconclusive verdicts (too noisy or too few samples) pass instead of needing action." };
        var command = new Command("gate",
            "Gate a candidate build on its baseline (see 'perflab compare').\n" +
            "Exit codes: 0 pass, 1 a regression, 3 action required (an error, no baseline or an inconclusive verdict; see the --allow-* options), 2 usage.\n" +
            "Example: perflab gate --db perflab.db --candidate $GITHUB_SHA --junit gate.xml --summary $GITHUB_STEP_SUMMARY");
        foreach (var opt in o.All) command.Add(opt);
        command.Add(junit);
        command.Add(summary);
        command.Add(allowMissing);
        command.Add(allowInconclusive);
        command.SetAction((parse, _) => CliAction.RunAsync(() =>
        {
            using var store = ReadDatabase.Open(parse.GetValue(o.Db)!);
            var request = o.Request(parse, parse.GetValue(allowMissing), parse.GetValue(allowInconclusive));
            var report = GateEvaluator.Evaluate(StoreGateHistory.Load(store, request), request);
            var json = parse.GetValue(o.Json);
            var log = json ? System.Console.Error : System.Console.Out;
            if (parse.GetValue(junit) is { } j) { Write(j, JUnitGateWriter.Write(report), append: false); log.WriteLine($"junit: {j.FullName}"); }
            // appended, so several gates can share one $GITHUB_STEP_SUMMARY
            if (parse.GetValue(summary) is { } s) { Write(s, MarkdownGateSummary.Write(report), append: true); log.WriteLine($"summary: {s.FullName}"); }
            if (json) System.Console.WriteLine(GateOutput.Json(report));
            else GateOutput.WriteText(report, System.Console.Out, isGate: true);
            return Task.FromResult(GateOutput.ExitCode(report));
        }));
        return command;
    }

    private static void Write(FileInfo file, string text, bool append)
    {
        try
        {
            if (file.DirectoryName is { } dir) Directory.CreateDirectory(dir);
            if (append) File.AppendAllText(file.FullName, text, new UTF8Encoding(false));
            else File.WriteAllText(file.FullName, text, new UTF8Encoding(false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{file.FullName}: cannot write: {e.Message}");
        }
    }
}
