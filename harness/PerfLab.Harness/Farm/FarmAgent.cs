using System.Globalization;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Execution;

namespace PerfLab.Harness.Farm;

/// <summary>The agent loop: every suite on every device here it accepts, one device at a time, each under that device's lock.</summary>
/// <remarks>
/// Devices whose lock is free are measured first; a busy device is come back to afterwards and waited for up to
/// <see cref="FarmAgentOptions.LockWait"/>, then skipped with the holder named. Runs begin only once their device is held,
/// so two agents' runs on one device never overlap in time.
/// </remarks>
public sealed class FarmAgent(SuiteExecutor executor, DeviceLocks locks, IRunProgress progress, FarmAgentOptions options)
{
    public async Task<AgentOutcome> RunAsync(AgentPlan plan, RunRequest request, CancellationToken cancellationToken)
    {
        foreach (var s in plan.SkippedSuites) progress.Note($"skip suite {s.Suite.Name}: {s.Reason}");

        var outcomes = new List<SuiteOutcome>();
        var lockSkipped = new List<LockSkip>();
        var deferred = new List<DeviceWork>();
        foreach (var work in plan.Devices)
        {
            if (cancellationToken.IsCancellationRequested) break;
            var lease = locks.TryAcquire(work.Device.Id, Purpose(request));
            if (lease is null)
            {
                progress.Note($"device {work.Device.Id} is busy ({HolderText(locks.Holder(work.Device.Id))}); measuring the other devices first");
                deferred.Add(work);
                continue;
            }
            using (lease) outcomes.AddRange(await RunDeviceAsync(work, request, cancellationToken).ConfigureAwait(false));
        }

        foreach (var work in deferred)
        {
            if (cancellationToken.IsCancellationRequested) break;
            var lease = await locks.AcquireAsync(work.Device.Id, Purpose(request), options.LockWait, options.LockPoll,
                holder => progress.Note(string.Create(CultureInfo.InvariantCulture,
                    $"waiting up to {DurationText(options.LockWait)} for device {work.Device.Id}: locked by {HolderText(holder)} (lock {locks.LockFileFor(work.Device.Id)})")),
                cancellationToken).ConfigureAwait(false);
            if (lease is null)
            {
                var holder = locks.Holder(work.Device.Id);
                var reason = $"still locked after {DurationText(options.LockWait)} by {HolderText(holder)}";
                progress.Note($"skip device {work.Device.Id}: {reason}; not measured: {string.Join(", ", work.Suites.Select(s => s.Name))}");
                lockSkipped.Add(new LockSkip(work.Device, work.Suites, reason));
                continue;
            }
            using (lease)
            {
                progress.Note($"device {work.Device.Id}: lock taken");
                outcomes.AddRange(await RunDeviceAsync(work, request, cancellationToken).ConfigureAwait(false));
            }
        }
        return new AgentOutcome(outcomes, plan.SkippedSuites, lockSkipped);
    }

    private async Task<IReadOnlyList<SuiteOutcome>> RunDeviceAsync(DeviceWork work, RunRequest request, CancellationToken cancellationToken)
    {
        var outcomes = new List<SuiteOutcome>();
        foreach (var suite in work.Suites)
        {
            if (cancellationToken.IsCancellationRequested) break;
            var outcome = await executor.RunAsync(suite, [work.Device], request, cancellationToken).ConfigureAwait(false);
            foreach (var skipped in outcome.Skipped) progress.Note($"{suite.Name}: skipped {skipped.Device.Id}: {skipped.Reason}");
            outcomes.Add(outcome);
        }
        return outcomes;
    }

    private static string Purpose(RunRequest request) => $"perflab agent, build {request.Build}";

    private static string HolderText(LockHolder? holder) => holder?.ToString() ?? "another process (no holder note)";

    private static string DurationText(TimeSpan t) =>
        t.TotalHours >= 1 ? t.TotalHours.ToString("0.#", CultureInfo.InvariantCulture) + "h"
        : t.TotalMinutes >= 1 ? t.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture) + "m"
        : t.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + "s";
}

/// <summary>How long an agent waits for a busy device, and how often it looks.</summary>
public sealed record FarmAgentOptions(TimeSpan LockWait, TimeSpan LockPoll)
{
    public static FarmAgentOptions Default { get; } = new(TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(1));
}

/// <summary>What an agent did: the suites it ran per device, the suites that matched nothing here, and the devices it could not lock.</summary>
public sealed record AgentOutcome(IReadOnlyList<SuiteOutcome> Suites, IReadOnlyList<SkippedSuite> SkippedSuites, IReadOnlyList<LockSkip> LockSkipped)
{
    public IReadOnlyList<RunOutcome> Runs => Suites.SelectMany(s => s.Runs).ToList();

    public int FailedCases => Runs.SelectMany(r => r.Cases).Count(c => c.Status != CaseStatus.Passed);
}

/// <summary>A device left unmeasured because another process kept its lock past the wait.</summary>
public sealed record LockSkip(Device Device, IReadOnlyList<Suite> Suites, string Reason);
