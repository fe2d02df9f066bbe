using System.CommandLine;
using System.Text.Json;
using PerfLab.Cli.Console;
using PerfLab.Harness.Devices;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Execution;
using PerfLab.Harness.Gating;
using PerfLab.Results;

namespace PerfLab.Cli.Commands;

/// <summary><c>perflab run</c>: runs suites on every matching device here and stores each case as it ends.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var suites = new Argument<string[]>("suites") { Description = "Suite files, folders of suites, or names of suites in ./suites (else in the suites embedded in perflab).", Arity = ArgumentArity.OneOrMore };
        var db = CommonOptions.Database(creates: true);
        var build = CommonOptions.Build();
        var branch = CommonOptions.Branch();
        var tags = CommonOptions.Tags();
        var emulate = CommonOptions.Emulate();
        var profiles = CommonOptions.Profiles();
        var report = new Option<DirectoryInfo?>("--report") { Description = "After the run, write the reports (HTML, Markdown and report.json, as 'perflab report' does) into this folder and print the page to open." };
        var json = CommonOptions.Json();
        var confirm = new ConfirmStep();
        var command = new Command("run",
            "Run suites on every device here that they accept. Each case (matrix point × device) is stored in one " +
            "transaction as it ends; a run is 'running' until it ends 'passed' or 'failed'.\n" +
            "Exit codes: 0 all cases passed, 1 some case failed (stored with its reason), 2 invalid suite or usage; with --confirm " +
            "the confirmed gate's: 0 pass, 1 regression or a failed case, 3 action required.\n" +
            "Example: perflab run host-baseline --db perflab.db --build $(git rev-parse --short HEAD)")
        { suites, db, build, branch, tags, emulate, profiles, report, json };
        confirm.AddTo(command);

        command.SetAction((parse, ct) => CliAction.RunAsync(() => ExecuteAsync(
            new RunArguments(parse.GetValue(suites)!, parse.GetValue(db)!, parse.GetValue(build), parse.GetValue(branch)!,
                parse.GetValue(tags) ?? [], parse.GetValue(emulate), parse.GetValue(profiles), parse.GetValue(report), parse.GetValue(json),
                confirm.Read(parse)),
            ct)));
        return command;
    }

    private sealed record RunArguments(
        string[] Suites, FileInfo Db, string? Build, string Branch, string[] Tags, bool Emulate,
        DirectoryInfo? Profiles, DirectoryInfo? Report, bool Json, ConfirmationOptions? Confirm);

    private static async Task<int> ExecuteAsync(RunArguments a, CancellationToken ct)
    {
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
        var tags = ParseTags(a.Tags);

        var discovery = await new DeviceInventory(services.DeviceProviders).DiscoverAsync(ct).ConfigureAwait(false);
        DiscoveryLog.Write(log, discovery);

        var agentVersion = PerfLabServices.AgentVersion;
        var request = new RunRequest(
            a.Build ?? Environment.GetEnvironmentVariable("PERFLAB_BUILD") ?? DefaultBuild(),
            a.Branch, tags, HostInspector.Describe(), agentVersion, HostInspector.EnvironmentSnapshot(agentVersion));

        using var store = SqliteResultStore.Open(a.Db.FullName);
        if (store.RecoveredRunIds.Count > 0) log.WriteLine($"store: marked {store.RecoveredRunIds.Count} run(s) left running by a dead agent as aborted");

        var outcomes = new List<SuiteOutcome>();
        var interactive = ConsoleMode.Interactive && !a.Json;
        IRunProgress progress = interactive ? new SpectreRunProgress() : new PlainRunProgress(log);
        var executor = new SuiteExecutor(new CaseExecutor(services.Runners, services.ThermalProbes), store, progress);
        ConfirmationOutcome? confirmation = null;

        async Task<int> RunAll()
        {
            foreach (var suite in loaded.Suites)
            {
                var outcome = await executor.RunAsync(suite, discovery.Devices, request, ct).ConfigureAwait(false);
                outcomes.Add(outcome);
                foreach (var skipped in outcome.Skipped) progress.Note($"{suite.Name}: skipped {skipped.Device.Id}: {skipped.Reason}");
                if (ct.IsCancellationRequested) break;
            }
            var firstRuns = outcomes.SelectMany(o => o.Runs).ToList();
            if (a.Confirm is not null && firstRuns.Count > 0 && !ct.IsCancellationRequested)
                confirmation = await ConfirmStep.RunAsync(a.Confirm, store, executor, progress, firstRuns, request, ct).ConfigureAwait(false);
            return 0;
        }
        if (progress is SpectreRunProgress spectre) await spectre.RunAsync(RunAll).ConfigureAwait(false);
        else await RunAll().ConfigureAwait(false);

        // An interrupted run writes no report: its pages would present the aborted run's partial figures as the night's.
        if (a.Report is not null && !ct.IsCancellationRequested)
        {
            var written = ReportWriter.WriteAll(store, a.Report.FullName, loaded.Suites.Select(s => s.Name).ToHashSet());
            foreach (var path in written) log.WriteLine($"report: {path}");
            log.WriteLine($"open: {Path.Combine(a.Report.FullName, "index.html")}");
        }
        if (confirmation is not null) ConfirmStep.Write(confirmation, log);
        if (a.Json) System.Console.WriteLine(JsonSerializer.Serialize(RunSummaryJson(outcomes, a.Confirm, confirmation), JsonOutput.Options));

        if (ct.IsCancellationRequested) return ExitCodes.Interrupted;
        var runs = outcomes.SelectMany(o => o.Runs).ToList();
        if (runs.Count == 0)
        {
            System.Console.Error.WriteLine("perflab: no suite matched a device on this host; nothing was measured (see the skipped lines above; --emulate adds emulated devices)");
            return ExitCodes.Failed;
        }
        var failedCases = runs.SelectMany(r => r.Cases).Count(c => c.Status != CaseStatus.Passed);
        log.WriteLine($"{runs.Count} run(s) (one per suite and device) holding {runs.Sum(r => r.Cases.Count)} case(s) (one per matrix point), {failedCases} failed; database {a.Db.FullName}");
        if (confirmation is not null) return ConfirmStep.ExitCode(confirmation, failedCases);
        return failedCases == 0 ? ExitCodes.Success : ExitCodes.Failed;
    }

    private static object RunSummaryJson(IEnumerable<SuiteOutcome> outcomes, ConfirmationOptions? options, ConfirmationOutcome? confirmation) => new
    {
        runs = outcomes.SelectMany(o => o.Runs).Select(r => new
        {
            id = r.Run.Id,
            suite = r.Run.Suite,
            device = r.Run.Device.Id,
            build = r.Run.Build,
            status = r.Status.ToString().ToLowerInvariant(),
            cases = r.Cases.Select(c => new
            {
                name = c.Name,
                status = PlainRunProgress.StatusWord(c.Status).ToLowerInvariant(),
                failure = c.Failure?.Code,
                failure_message = c.FailureMessage,
                comparability_key = c.ComparabilityKey,
                samples = c.Samples.Count,
            }),
        }),
        skipped = outcomes.SelectMany(o => o.Skipped.Select(s => new { suite = o.Suite.Name, device = s.Device.Id, reason = s.Reason })),
        confirmation = options is null || confirmation is null ? null : ConfirmStep.Json(options, confirmation),
    };

    internal static IReadOnlyDictionary<string, string> ParseTags(IEnumerable<string> tags)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var t in tags)
        {
            var eq = t.IndexOf('=');
            if (eq <= 0) throw new UsageException($"--tag '{t}': expected key=value");
            result[t[..eq]] = t[(eq + 1)..];
        }
        return result;
    }

    private static string DefaultBuild() =>
        "local-" + DateTimeOffset.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
