using System.Globalization;
using PerfLab.Harness.Analysis;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Execution;

namespace PerfLab.Harness.Gating;

/// <summary><c>--confirm</c>: after a build's suites ran, asks the gate (the same request as <c>perflab gate --candidate BUILD</c>),
/// re-measures exactly the cases behind <c>regression</c> and <c>inconclusive</c> series as confirming runs of the same build, and
/// asks again, until nothing is left to confirm or the rounds are spent. The verdicts it ends with are the gate's on the stored
/// data, so <c>perflab gate</c> afterwards prints the same.</summary>
/// <param name="evaluate">The gate over the store as it is now (<see cref="GateEvaluator"/> over freshly loaded history).</param>
/// <param name="hold">Takes a device for a confirming run (an agent's device lock); null from it skips the device. Null: no locking.</param>
public sealed class ConfirmationLoop(
    SuiteExecutor executor, Func<GateRequest, GateReport> evaluate, IRunProgress progress, ConfirmationOptions options,
    Func<Device, CancellationToken, Task<IDisposable?>>? hold = null)
{
    /// <summary>Confirms what <paramref name="firstRuns"/> (this invocation's runs of <paramref name="request"/>'s build) left in doubt.</summary>
    public async Task<ConfirmationOutcome> RunAsync(IReadOnlyList<RunOutcome> firstRuns, RunRequest request, CancellationToken cancellationToken)
    {
        var gate = new GateRequest(request.Build, BaselineSpec.Default);
        var targets = firstRuns
            .SelectMany(r => r.Cases.Select((c, i) => (Run: r, Result: c, Planned: r.Planned[i])))
            .Where(x => x.Result.Status == CaseStatus.Passed)
            .ToLookup(x => (x.Run.Run.Suite, x.Result.ComparabilityKey));
        var first = evaluate(gate);
        var current = first;
        var confirmingRuns = new List<RunOutcome>();
        var rounds = 0;
        for (var round = 1; round <= options.Rounds && !cancellationToken.IsCancellationRequested; round++)
        {
            var flagged = current.Items.Where(StillInDoubt).ToList();
            var picks = flagged.SelectMany(i => targets[(i.Suite, i.ComparabilityKey)])
                .DistinctBy(x => (x.Run.Run.Id, x.Result.Name)).ToList();
            if (picks.Count == 0) break;
            rounds = round;
            progress.Note(string.Create(CultureInfo.InvariantCulture,
                $"confirming {picks.Count} case(s), round {round} of {options.Rounds}: {string.Join(", ", picks.Select(p => $"{p.Run.Run.Suite} {p.Result.Name} on {p.Run.Run.Device.Id}"))}"));
            foreach (var group in picks.GroupBy(p => p.Run.Run.Id))
            {
                if (cancellationToken.IsCancellationRequested) break;
                var run = group.First().Run;
                var suite = group.First().Planned.Suite;
                var device = run.Run.Device;
                using var lease = hold is null ? null : await hold(device, cancellationToken).ConfigureAwait(false);
                if (hold is not null && lease is null)
                {
                    progress.Note($"confirm: device {device.Id} could not be taken; its cases are not re-measured in round {round}");
                    continue;
                }
                var outcome = await executor.RunConfirmationAsync(suite, device, group.Select(p => p.Planned).ToList(), request,
                    new ConfirmationRound(round, run.Run.Id, options.Repetitions), cancellationToken).ConfigureAwait(false);
                confirmingRuns.Add(outcome);
            }
            current = evaluate(gate);
        }
        // Error items (a failed case, an aborted run) may share a series' names; the first of each is enough here.
        var firstItems = new Dictionary<(string, string, string, string), GateItem>();
        foreach (var i in first.Items) firstItems.TryAdd(SeriesOf(i), i);
        var series = current.Items.Where(i => i.Confirmation is not null || (firstItems.TryGetValue(SeriesOf(i), out var f) && NeedsConfirming(f)))
            .Select(i => new ConfirmedSeries(firstItems.GetValueOrDefault(SeriesOf(i)), i,
                targets.Contains((i.Suite, i.ComparabilityKey))))
            .ToList();
        return new ConfirmationOutcome(first, current, rounds, confirmingRuns, series);
    }

    /// <summary>The verdicts a confirming round exists for.</summary>
    public static bool NeedsConfirming(GateItem item) => item.Verdict is Verdict.Regression or Verdict.Inconclusive;

    /// <summary>What the next round re-measures: an inconclusive series, and a regression not yet confirmed. A regression its
    /// confirming samples reproduced is settled; measuring it again could only fish for a pass.</summary>
    public static bool StillInDoubt(GateItem item) =>
        item.Verdict == Verdict.Inconclusive || (item.Verdict == Verdict.Regression && item.Confirmation is null);

    private static (string, string, string, string) SeriesOf(GateItem i) => (i.Suite, i.ComparabilityKey, i.Metric, i.Unit);
}

/// <summary>What <c>--confirm</c> did: the gate before and after, the rounds run, the confirming runs, and every series it concerned.</summary>
/// <param name="Rounds">Confirming rounds that ran (0 when the first verdicts left nothing to confirm).</param>
public sealed record ConfirmationOutcome(
    GateReport First, GateReport Final, int Rounds, IReadOnlyList<RunOutcome> ConfirmingRuns, IReadOnlyList<ConfirmedSeries> Series);

/// <summary>One series a confirmation concerned: its verdict after the first measurement and after the confirming rounds.</summary>
/// <param name="First">The first verdict (null for a series the first gate did not judge).</param>
/// <param name="Remeasurable">False when this invocation did not run the series' case, so it could not re-measure it.</param>
public sealed record ConfirmedSeries(GateItem? First, GateItem Final, bool Remeasurable)
{
    /// <summary><c>cleared</c> (the confirming samples pass), <c>regression</c>, <c>inconclusive</c>, <c>error</c>, or
    /// <c>not-remeasured</c>.</summary>
    public string Status => !Remeasurable && Final.Confirmation is null ? "not-remeasured"
        : Final.Verdict switch
        {
            Verdict.Regression => "regression",
            Verdict.Inconclusive => "inconclusive",
            Verdict.Error => "error",
            Verdict.NoBaseline => "no-baseline",
            _ => "cleared",
        };

    /// <summary>The closing line for this series, e.g. "cleared (no-change): first 5: median 812; confirming 10: median 845".</summary>
    public string Describe()
    {
        var head = Status switch
        {
            "cleared" => $"cleared ({Final.Verdict.ToWire()})",
            "not-remeasured" => "not re-measured: this invocation did not run its case",
            var s when First?.Verdict.ToWire() == s => $"still {s}: {Final.Result.Reason}",
            var s => $"{s}: {Final.Result.Reason}",
        };
        var c = Final.Confirmation;
        return c is null ? head : head + string.Create(CultureInfo.InvariantCulture,
            $"; first {c.FirstCount}: median {c.FirstMedian:G6}; confirming {c.ConfirmingCount}: median {c.ConfirmingMedian:G6} {Final.Unit}");
    }
}
