using System.CommandLine;
using PerfLab.Cli.Gating;
using PerfLab.Harness.Gating;
using PerfLab.Results;

namespace PerfLab.Cli.Commands;

/// <summary><c>perflab compare</c>: verdicts of a candidate build against its baseline, per device × case × metric; informational (exit 0).</summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var o = new GateOptions();
        var command = new Command("compare",
            "Compare a candidate build with its baseline, per device × case × metric: regression, improvement, no-change, " +
            "inconclusive, no-baseline or error, each with the shift and its interval, the samples used and the threshold. " +
            "Always exits 0 (2 on usage errors); use 'perflab gate' to fail a CI job.\n" +
            "Example: perflab compare --db perflab.db --candidate 4f2a9c1 --baseline tag:release=1.4");
        foreach (var opt in o.All) command.Add(opt);
        command.SetAction((parse, _) => CliAction.RunAsync(() =>
        {
            using var store = ReadDatabase.Open(parse.GetValue(o.Db)!);
            var request = o.Request(parse);
            var report = GateEvaluator.Evaluate(StoreGateHistory.Load(store, request), request);
            if (parse.GetValue(o.Json)) System.Console.WriteLine(GateOutput.Json(report));
            else GateOutput.WriteText(report, System.Console.Out, isGate: false);
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }
}
