using System.Globalization;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Gating;
using PerfLab.Harness.Storage;

namespace PerfLab.Harness.Execution;

/// <summary>Runs a suite's cases on the devices it accepts: one run per device, each case stored as it ends.</summary>
public sealed class SuiteExecutor(CaseExecutor caseExecutor, IResultStore store, IRunProgress progress)
{
    public async Task<SuiteOutcome> RunAsync(Suite suite, IReadOnlyList<Device> devices, RunRequest request, CancellationToken cancellationToken)
    {
        var plan = CasePlanner.Plan(suite, devices);
        var runs = new List<RunOutcome>();
        foreach (var group in plan.Cases.GroupBy(c => c.Device.Id))
        {
            if (cancellationToken.IsCancellationRequested) break;
            runs.Add(await RunOnDeviceAsync(suite, group.First().Device, group.ToList(), request, null, cancellationToken).ConfigureAwait(false));
        }
        return new SuiteOutcome(suite, runs, plan.Skipped);
    }

    /// <summary>One confirming round: re-measures <paramref name="cases"/> (all of one suite on one device) as a run of their own at
    /// the same build, tagged with the round and the run it confirms (<see cref="ConfirmationTags"/>), so the gate can tell
    /// first samples from confirming ones without a schema of its own.</summary>
    public Task<RunOutcome> RunConfirmationAsync(
        Suite suite, Device device, IReadOnlyList<PlannedCase> cases, RunRequest request, ConfirmationRound round, CancellationToken cancellationToken)
    {
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in request.Tags) tags[k] = v;
        tags[ConfirmationTags.Round] = round.Round.ToString(CultureInfo.InvariantCulture);
        tags[ConfirmationTags.Confirms] = round.ConfirmsRunId;
        return RunOnDeviceAsync(suite, device, cases, request with { Tags = tags }, round, cancellationToken);
    }

    private async Task<RunOutcome> RunOnDeviceAsync(
        Suite suite, Device device, IReadOnlyList<PlannedCase> cases, RunRequest request, ConfirmationRound? round, CancellationToken cancellationToken)
    {
        var run = new RunInfo(
            RunIds.New(DateTimeOffset.UtcNow), suite.Name, suite.Version, suite.Sha256,
            device.Emulated ? EvidenceScope.Emulated : suite.Scope,
            request.Build, request.Branch, request.Tags, request.Host, device, request.AgentVersion,
            request.Environment, DateTimeOffset.UtcNow, suite.Metrics);
        store.BeginRun(run);
        progress.RunStarted(run, cases.Count);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [RunEnvironmentNames.Build] = request.Build,
            [RunEnvironmentNames.RunId] = run.Id,
            [RunEnvironmentNames.DeviceId] = device.Id,
            [RunEnvironmentNames.ConfirmRound] = (round?.Round ?? 0).ToString(CultureInfo.InvariantCulture),
        };

        var results = new List<CaseResult>();
        for (var i = 0; i < cases.Count && !cancellationToken.IsCancellationRequested; i++)
        {
            progress.CaseStarted(cases[i], i, cases.Count);
            var result = await caseExecutor.ExecuteAsync(cases[i], environment, progress, cancellationToken, round?.Repetitions).ConfigureAwait(false);
            store.RecordCase(run.Id, result);
            results.Add(result);
            progress.CaseFinished(cases[i], result);
        }

        var status = cancellationToken.IsCancellationRequested ? RunStatus.Aborted
            : results.All(r => r.Status == CaseStatus.Passed) ? RunStatus.Passed
            : RunStatus.Failed;
        store.EndRun(run.Id, status, DateTimeOffset.UtcNow);
        progress.RunFinished(run, status);
        return new RunOutcome(run, status, results, cases.Take(results.Count).ToList());
    }
}

/// <summary>Who asks for a run and under which build: the same for every suite of one invocation.</summary>
public sealed record RunRequest(
    string Build,
    string Branch,
    IReadOnlyDictionary<string, string> Tags,
    HostInfo Host,
    string AgentVersion,
    IReadOnlyDictionary<string, string> Environment);

/// <summary>What one suite produced: a run per device, and the devices it skipped.</summary>
public sealed record SuiteOutcome(Suite Suite, IReadOnlyList<RunOutcome> Runs, IReadOnlyList<SkippedDevice> Skipped)
{
    public bool AllPassed => Runs.Count > 0 && Runs.All(r => r.Status == RunStatus.Passed);
}

/// <summary>One run's end state and its cases.</summary>
/// <param name="Planned">The planned case behind each of <see cref="Cases"/>, in the same order (what a confirming round re-runs).</param>
public sealed record RunOutcome(RunInfo Run, RunStatus Status, IReadOnlyList<CaseResult> Cases, IReadOnlyList<PlannedCase> Planned);

/// <summary>A confirming round's run: which round, the run whose cases it re-measures, and the measured repetitions per case
/// (null: the suite's own).</summary>
public sealed record ConfirmationRound(int Round, string ConfirmsRunId, int? Repetitions);
