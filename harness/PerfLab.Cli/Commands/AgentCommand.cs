using System.CommandLine;
using System.Text.Json;
using PerfLab.Cli.Console;
using PerfLab.Harness.Devices;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Execution;
using PerfLab.Harness.Farm;
using PerfLab.Harness.Gating;
using PerfLab.Results;

namespace PerfLab.Cli.Commands;

/// <summary><c>perflab agent</c>: what a farm host runs each night: every suite that matches a device here, each device under its lock.</summary>
internal static class AgentCommand
{
    public static Command Create()
    {
        var suites = new Option<string[]>("--suites") { Description = "Folder of suites (or suite files, or suite names); repeatable. Default: ./suites when present, else the suites embedded in perflab.", Arity = ArgumentArity.OneOrMore };
        var db = CommonOptions.Database(creates: true);
        var build = CommonOptions.Build();
        var branch = CommonOptions.Branch();
        var tags = CommonOptions.Tags();
        var emulate = CommonOptions.Emulate();
        var profiles = CommonOptions.Profiles();
        var lockDir = new Option<DirectoryInfo?>("--lock-dir") { Description = "Folder of per-device lock files shared by every agent of this host. Default: $PERFLAB_LOCK_DIR, else /run/lock/perflab, else $TMPDIR/perflab-locks." };
        var lockWait = new Option<string>("--lock-wait") { Description = "How long to wait for a device another agent holds before skipping it (e.g. 30m, 0 = skip at once).", DefaultValueFactory = _ => "30m" };
        var ciLabel = new Option<string[]>("--ci-label") { Description = "Only devices carrying one of these CI labels (from 'perflab plan'); repeatable." };
        var json = CommonOptions.Json();
        var confirm = new ConfirmStep();
        var command = new Command("agent",
            "Run every suite whose 'requires' matches a device on this host, device by device, each under an exclusive per-device " +
            "lock so two agents never measure on one device at once; suites matching no device are listed with the reason. " +
            "Opening the database first marks runs left 'running' by a dead agent of this host as aborted.\n" +
            "Exit codes: 0 all passed, 1 a case failed, a device stayed locked or nothing matched, 2 invalid suite or usage, 130 interrupted; " +
            "with --confirm, when every device was measured, the confirmed gate's: 0 pass, 1 regression or a failed case, 3 action required.\n" +
            "Example: perflab agent --suites suites --db agent.db --build $GITHUB_SHA")
        { suites, db, build, branch, tags, emulate, profiles, lockDir, lockWait, ciLabel, json };
        confirm.AddTo(command);
        command.SetAction((parse, ct) => CliAction.RunAsync(() => ExecuteAsync(new AgentArguments(
            parse.GetValue(suites) ?? [], parse.GetValue(db)!, parse.GetValue(build), parse.GetValue(branch)!, parse.GetValue(tags) ?? [],
            parse.GetValue(emulate), parse.GetValue(profiles), parse.GetValue(lockDir), parse.GetValue(lockWait)!,
            parse.GetValue(ciLabel) ?? [], parse.GetValue(json), confirm.Read(parse)), ct)));
        return command;
    }

    private sealed record AgentArguments(
        string[] Suites, FileInfo Db, string? Build, string Branch, string[] Tags, bool Emulate, DirectoryInfo? Profiles,
        DirectoryInfo? LockDir, string LockWait, string[] CiLabels, bool Json, ConfirmationOptions? Confirm);

    private static async Task<int> ExecuteAsync(AgentArguments a, CancellationToken ct)
    {
        if (!DurationText.TryParse(a.LockWait, out var lockWait)) throw new UsageException($"--lock-wait '{a.LockWait}': expected a duration such as 30s, 10m or 0");
        var tags = RunCommand.ParseTags(a.Tags);
        var log = a.Json ? System.Console.Error : System.Console.Out;
        var suitePaths = SuiteSet.DefaultPaths(a.Suites, log);
        var services = PerfLabServices.Create(a.Emulate, a.Emulate ? SuiteSource.ProfilesDirectory(a.Profiles, log) : null);
        var loaded = SuiteSet.Load(suitePaths, services.Runners);
        if (loaded.Errors.Count > 0)
        {
            foreach (var e in loaded.Errors) System.Console.Error.WriteLine(e.ToString());
            System.Console.Error.WriteLine($"perflab: {loaded.Errors.Count} problem(s) in the suites; nothing was run.");
            return ExitCodes.InvalidInput;
        }
        var agentVersion = PerfLabServices.AgentVersion;
        var build = a.Build ?? Environment.GetEnvironmentVariable("PERFLAB_BUILD") ?? "local-" + DateTimeOffset.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        log.WriteLine($"agent {agentVersion} on {Environment.MachineName} (pid {Environment.ProcessId}): build {build}, {loaded.Suites.Count} suite(s), database {a.Db.FullName}");

        using var store = SqliteResultStore.Open(a.Db.FullName);
        foreach (var id in store.RecoveredRunIds) log.WriteLine($"store: run {id} was left running by a dead agent; marked aborted");

        var discovery = await new DeviceInventory(services.DeviceProviders).DiscoverAsync(ct).ConfigureAwait(false);
        PerfLab.Cli.Console.DiscoveryLog.Write(log, discovery);
        var devices = discovery.Devices;
        if (a.CiLabels.Length > 0)
        {
            var kept = devices.Where(d => CiLabels.ForDevice(d).Any(l => a.CiLabels.Contains(l, StringComparer.OrdinalIgnoreCase))).ToList();
            foreach (var d in devices.Except(kept)) log.WriteLine($"devices: {d.Id} left out: it carries none of --ci-label {string.Join(", ", a.CiLabels)}");
            devices = kept;
        }
        foreach (var d in devices) log.WriteLine($"devices: {AgentPlan.Describe(d)}{(d.Emulated ? " [emulated]" : "")}");

        var locks = new DeviceLocks(a.LockDir?.FullName ?? DeviceLocks.DefaultDirectory());
        log.WriteLine($"locks: {locks.Directory} (wait up to {a.LockWait} for a busy device)");
        var request = new RunRequest(build, a.Branch, tags, HostInspector.Describe(), agentVersion, HostInspector.EnvironmentSnapshot(agentVersion));
        var progress = new PlainRunProgress(log);
        var executor = new SuiteExecutor(new CaseExecutor(services.Runners, services.ThermalProbes), store, progress);
        var agent = new FarmAgent(executor, locks, progress, FarmAgentOptions.Default with { LockWait = lockWait });
        var outcome = await agent.RunAsync(AgentPlan.Create(loaded.Suites, devices), request, ct).ConfigureAwait(false);

        ConfirmationOutcome? confirmation = null;
        if (a.Confirm is not null && outcome.Runs.Count > 0 && !ct.IsCancellationRequested)
        {
            // A confirming round measures on the device again, so it takes the device's lock again like any run.
            async Task<IDisposable?> Hold(Device device, CancellationToken token) =>
                await locks.AcquireAsync(device.Id, $"perflab agent, build {build} (confirming)", lockWait, TimeSpan.FromSeconds(1), _ => { }, token).ConfigureAwait(false);
            confirmation = await ConfirmStep.RunAsync(a.Confirm, store, executor, progress, outcome.Runs, request, ct, Hold).ConfigureAwait(false);
            ConfirmStep.Write(confirmation, log);
        }

        if (a.Json) System.Console.WriteLine(JsonSerializer.Serialize(Summary(outcome, store, a.Confirm, confirmation), JsonOutput.Options));
        if (ct.IsCancellationRequested) return ExitCodes.Interrupted;
        var runs = outcome.Runs;
        log.WriteLine($"agent done: {runs.Count} run(s), {runs.Sum(r => r.Cases.Count)} case(s), {outcome.FailedCases} failed, " +
                      $"{outcome.SkippedSuites.Count} suite(s) matched no device, {outcome.LockSkipped.Count} device(s) left locked; database {a.Db.FullName}");
        if (runs.Count == 0 && outcome.LockSkipped.Count == 0)
        {
            System.Console.Error.WriteLine("perflab: no suite matched a device on this host; nothing was measured (see the 'skip suite' lines; --emulate adds emulated devices)");
            return ExitCodes.Failed;
        }
        if (outcome.LockSkipped.Count > 0) return ExitCodes.Failed;
        if (confirmation is not null) return ConfirmStep.ExitCode(confirmation, outcome.FailedCases);
        return outcome.FailedCases == 0 ? ExitCodes.Success : ExitCodes.Failed;
    }

    private static object Summary(AgentOutcome outcome, SqliteResultStore store, ConfirmationOptions? options, ConfirmationOutcome? confirmation) => new
    {
        recovered_runs = store.RecoveredRunIds,
        runs = outcome.Runs.Select(r => new
        {
            id = r.Run.Id, suite = r.Run.Suite, device = r.Run.Device.Id, build = r.Run.Build,
            status = r.Status.ToString().ToLowerInvariant(), cases = r.Cases.Count,
            failed = r.Cases.Count(c => c.Status != CaseStatus.Passed),
        }),
        skipped_suites = outcome.SkippedSuites.Select(s => new { suite = s.Suite.Name, reason = s.Reason }),
        locked_devices = outcome.LockSkipped.Select(s => new { device = s.Device.Id, suites = s.Suites.Select(x => x.Name), reason = s.Reason }),
        confirmation = options is null || confirmation is null ? null : ConfirmStep.Json(options, confirmation),
    };
}
