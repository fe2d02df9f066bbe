using System.CommandLine;
using System.Globalization;
using PerfLab.Cli.Gating;
using PerfLab.Harness.Analysis;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Execution;
using PerfLab.Harness.Gating;
using PerfLab.Results;

namespace PerfLab.Cli.Commands;

/// <summary>The <c>--confirm</c> options of <c>perflab run</c> and <c>perflab agent</c>, and what they print: after the build's
/// suites ran, the cases the gate calls regression or inconclusive are re-measured (docs/gating.md, "Confirming a verdict").</summary>
internal sealed class ConfirmStep
{
    private readonly Option<bool> _confirm = new("--confirm")
    {
        Description = "After the suites ran, ask the gate (as 'perflab gate --candidate BUILD' would) and re-measure the cases whose " +
                      "verdict is regression or inconclusive as confirming runs of the same build; the gate then judges a confirmed " +
                      "series on its confirming samples. The exit code becomes the gate's (0 pass, 1 regression or a failed case, 3 action required).",
    };

    private readonly Option<int> _rounds = new("--confirm-rounds")
    {
        Description = $"Most confirming rounds (1 to {ConfirmationOptions.MaxRounds}); each re-measures what is still in doubt.",
        DefaultValueFactory = _ => 2,
        HelpName = "N",
    };

    private readonly Option<int?> _repetitions = new("--confirm-repetitions")
    {
        Description = "Measured repetitions per re-measured case and round. Default: the case's own count.",
        HelpName = "N",
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_confirm);
        command.Options.Add(_rounds);
        command.Options.Add(_repetitions);
    }

    /// <summary>The options given, or null without <c>--confirm</c>; bad values are a usage error.</summary>
    public ConfirmationOptions? Read(ParseResult parse)
    {
        var rounds = parse.GetValue(_rounds);
        var repetitions = parse.GetValue(_repetitions);
        if (!parse.GetValue(_confirm))
        {
            if (parse.GetResult(_rounds) is { Implicit: false } || repetitions is not null)
                throw new UsageException("--confirm-rounds and --confirm-repetitions need --confirm");
            return null;
        }
        var options = new ConfirmationOptions(rounds, repetitions);
        if (options.Problem() is { } problem) throw new UsageException(problem);
        return options;
    }

    /// <summary>Runs the confirmation over <paramref name="firstRuns"/>, printing progress to <paramref name="progress"/>.</summary>
    public static Task<ConfirmationOutcome> RunAsync(
        ConfirmationOptions options, SqliteResultStore store, SuiteExecutor executor, IRunProgress progress,
        IReadOnlyList<RunOutcome> firstRuns, RunRequest request, CancellationToken ct,
        Func<Device, CancellationToken, Task<IDisposable?>>? hold = null)
    {
        var loop = new ConfirmationLoop(executor, gate => GateEvaluator.Evaluate(StoreGateHistory.Load(store, gate), gate), progress, options, hold);
        return loop.RunAsync(firstRuns, request, ct);
    }

    /// <summary>One closing line per series the confirmation concerned, then the gate's outcome.</summary>
    public static void Write(ConfirmationOutcome outcome, TextWriter log)
    {
        var o = new PerfLab.Harness.Text.PrintableTextWriter(log); // stored names reach a terminal or CI log: escaped
        if (outcome.Rounds == 0)
            o.WriteLine("confirm: nothing to confirm (no regression or inconclusive verdict)");
        foreach (var s in outcome.Series)
            o.WriteLine($"confirm: {s.Final.Device} / {s.Final.Suite} / {s.Final.Case} / {s.Final.Metric}: {s.Describe()}");
        o.WriteLine($"confirm: gate {outcome.Final.OutcomeText} (exit {GateOutput.ExitCode(outcome.Final)}) after {outcome.Rounds} confirming round(s); " +
                    $"reproduce with: {outcome.Final.Command}");
    }

    /// <summary>The <c>confirmation</c> object of <c>--json</c>.</summary>
    public static object Json(ConfirmationOptions options, ConfirmationOutcome outcome) => new
    {
        rounds = options.Rounds,
        repetitions = options.Repetitions,
        rounds_run = outcome.Rounds,
        first_outcome = Wire(outcome.First.Outcome),
        outcome = Wire(outcome.Final.Outcome),
        gate_exit_code = GateOutput.ExitCode(outcome.Final),
        command = outcome.Final.Command,
        series = outcome.Series.Select(s => new
        {
            device = s.Final.Device, suite = s.Final.Suite, @case = s.Final.Case, metric = s.Final.Metric, unit = s.Final.Unit,
            comparability_key = s.Final.ComparabilityKey,
            first_verdict = s.First?.Verdict.ToWire(),
            verdict = s.Final.Verdict.ToWire(),
            status = s.Status,
            reason = s.Final.Result.Reason,
            first = s.Final.Confirmation is { } c ? new { samples = c.FirstCount, median = N(c.FirstMedian) } : null,
            confirming = s.Final.Confirmation is { } d ? new { samples = d.ConfirmingCount, median = N(d.ConfirmingMedian), rounds = d.Rounds } : null,
        }),
        runs = outcome.ConfirmingRuns.Select(r => new
        {
            id = r.Run.Id, suite = r.Run.Suite, device = r.Run.Device.Id,
            round = ConfirmationTags.RoundOf(r.Run.Tags), confirms = r.Run.Tags.GetValueOrDefault(ConfirmationTags.Confirms),
            status = r.Status.ToString().ToLowerInvariant(), cases = r.Cases.Count, failed = r.Cases.Count(c => c.Status != CaseStatus.Passed),
        }),
    };

    /// <summary>The exit code of a run or agent with <c>--confirm</c>: a failed case stays 1; otherwise the confirmed gate's.</summary>
    public static int ExitCode(ConfirmationOutcome outcome, int failedCases) =>
        failedCases > 0 ? ExitCodes.Failed : GateOutput.ExitCode(outcome.Final);

    private static string Wire(GateOutcome o) => o switch { GateOutcome.Regression => "regression", GateOutcome.ActionRequired => "action-required", _ => "pass" };

    private static double? N(double v) => double.IsFinite(v) ? Math.Round(v, 6) : null;
}
