using System.Diagnostics;
using PerfLab.Harness.Devices;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Execution;
using PerfLab.Reports.Pages;
using PerfLab.Results;
using PerfLab.Runners.Emulation.Cuda;
using PerfLab.Runners.Emulation.Hailo;
using PerfLab.Runners.Processes;

namespace PerfLab.Cli.Demo;

/// <summary>What the demo does, as a plain class the CLI verb and the tests call: the shipped suites on the emulated farm for
/// N nightly builds, the gate on the last build, every report into the output folder.</summary>
public sealed class DemoRunner(DemoOptions options, TextWriter log)
{
    /// <summary>The build tagged release=1.0: the gate's baseline.</summary>
    public const int ReleaseBuild = 7;

    public async Task<DemoResult> RunAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var outDir = Path.GetFullPath(options.OutDirectory);
        Directory.CreateDirectory(outDir);
        var work = Path.Combine(outDir, "work");
        if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        var dbPath = Path.Combine(outDir, "perflab-demo.db");
        foreach (var stale in new[] { dbPath, dbPath + "-wal", dbPath + "-shm" }) File.Delete(stale);
        var checkout = Path.Combine(work, "hydra-checkout-stand-in");
        Directory.CreateDirectory(checkout);

        var launcher = new InProcessEmulationLauncher(new ProcessLauncher(), new Dictionary<string, string>
        {
            [HailoEmulatorSettings.SeedVariable] = options.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [CudaEmulatorSettings.SeedVariable] = options.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var services = PerfLabServices.Create(launcher: launcher);
        var profiles = Path.Combine(options.SuitesDirectory, "devices");
        var self = SelfInvocation.Current();
        var providers = new IDeviceProvider[]
        {
            new HailoEmulatedDeviceProvider(DemoProfiles.Write(HailoEmulatedDeviceProvider.ProfilesIn(profiles), Path.Combine(work, "devices")), self, Path.Combine(work, "hailo-shims"), Path.Combine(work, "hailo-state")),
            new CudaEmulatedDeviceProvider(profiles, self, Path.Combine(work, "cuda-shims")),
        };
        var discovery = await new DeviceInventory(providers).DiscoverAsync(cancellationToken).ConfigureAwait(false);
        PerfLab.Cli.Console.DiscoveryLog.Write(log, discovery);
        var devices = discovery.Devices.Where(d => options.Gpus is null || d.Family != "cuda" || options.Gpus.Contains(d.Labels.GetValueOrDefault("gpu") ?? "")).ToList();
        foreach (var d in devices)
        {
            var shim = (d.Environment.GetValueOrDefault("PATH") ?? "").Split(':')[0];
            if (d.Family == "hailo" && d.Properties.TryGetValue("profile_path", out var profile)) launcher.AddHailoShim(shim, profile);
            else if (d.Family == "cuda") launcher.AddCudaShim(shim);
        }

        var loaded = SuiteSet.Load([options.SuitesDirectory], services.Runners);
        if (loaded.Errors.Count > 0) throw new UsageException("the shipped suites do not load: " + string.Join("; ", loaded.Errors));
        var notes = new List<string>();
        var suites = DemoSuites.Reduce(loaded.Suites.OrderBy(s => s.Name, StringComparer.Ordinal), checkout, notes);
        log.WriteLine($"demo: {suites.Count} suite(s) on {devices.Count} emulated device(s), builds 1..{options.Builds}; {Injected}");
        foreach (var n in notes) log.WriteLine($"demo: {n}");

        var agent = PerfLabServices.AgentVersion;
        var host = HostInspector.Describe();
        var env = HostInspector.EnvironmentSnapshot(agent);
        var cases = 0;
        var failed = 0;
        using (var store = SqliteResultStore.Open(dbPath))
        {
            var executor = new SuiteExecutor(new CaseExecutor(services.Runners, services.ThermalProbes), store, SilentProgress.Instance);
            for (var build = 1; build <= options.Builds; build++)
            {
                var tags = new Dictionary<string, string>(StringComparer.Ordinal) { ["demo"] = "true" };
                if (build == ReleaseBuild) tags[GatePageBuilder.ReleaseTag] = "1.0";
                var request = new RunRequest(build.ToString(System.Globalization.CultureInfo.InvariantCulture), "main", tags, host, agent, env);
                var buildDevices = build == options.Builds ? WithLastBuildFault(devices) : devices;
                foreach (var suite in suites)
                {
                    var outcome = await executor.RunAsync(suite, buildDevices, request, cancellationToken).ConfigureAwait(false);
                    cases += outcome.Runs.Sum(r => r.Cases.Count);
                    failed += outcome.Runs.Sum(r => r.Cases.Count(c => c.Status != CaseStatus.Passed));
                }
                log.WriteLine($"demo: build {build,2} {(cancellationToken.IsCancellationRequested ? "interrupted" : "done")} ({watch.Elapsed.TotalSeconds:0.0} s)");
                if (cancellationToken.IsCancellationRequested) break;
            }
        }
        var measured = watch.Elapsed;
        // Interrupted: the store above is closed (runs in flight marked aborted, the WAL checkpointed away); no reports
        // of a partial history.
        cancellationToken.ThrowIfCancellationRequested();

        using var reader = SqliteResultStore.Open(dbPath);
        var inputs = ReportInputs.Load(reader, ModelCard.LoadAll(Path.Combine(options.SuitesDirectory, "models")));
        var written = ReportOutput.Write(inputs, Path.Combine(outDir, "report"), ReportFormats.All, DateTimeOffset.UtcNow);
        var set = ReportSet.Build(inputs, new PerfLab.Reports.Charts.ScottPlotChartRenderer(), DateTimeOffset.UtcNow);
        return new DemoResult(dbPath, Path.Combine(outDir, "report", "index.html"), written, cases, failed, launcher.InProcessCalls,
            set.Gate.Decision, set.Gate.Blocking.Select(r => $"{r.MetricLabel} of {r.Case} on {r.Device}: {r.ShiftText}").ToList(),
            set.Nightly.RegressionChanges.Select(c => $"{c.Metric} of {c.Case} on {c.Device}: {c.ChangeText} at build {c.BuildAfter}").ToList(),
            measured, watch.Elapsed, notes);
    }

    /// <summary>The regression the demo relies on (the shipped Hailo-10H profile's) and the fault it injects into the last build.</summary>
    public string Injected => $"injected: Hydra FPS -10 % from build 8 on the Hailo-10H (the shipped profile's regression, factor {DemoProfiles.RegressionFactor} in the demo's copy), and on build {options.Builds} the first GPU reports no CUDA (a failed dependency check)";

    // One GPU without CUDA on the last night: its results must show up as excluded, not as figures.
    private static IReadOnlyList<Device> WithLastBuildFault(IReadOnlyList<Device> devices)
    {
        var first = devices.FirstOrDefault(d => d.Family == "cuda");
        return devices.Select(d => d != first ? d : d with
        {
            Environment = new Dictionary<string, string>(d.Environment, StringComparer.Ordinal) { [CudaEmulatorSettings.FaultVariable] = "no-cuda" },
        }).ToList();
    }
}

/// <summary>Options of <see cref="DemoRunner"/>.</summary>
/// <param name="Gpus">Emulated GPU profile ids to use (null: all).</param>
public sealed record DemoOptions(string OutDirectory, string SuitesDirectory = "suites", int Builds = 14, ulong Seed = 20260429, IReadOnlySet<string>? Gpus = null);

/// <summary>What the demo produced.</summary>
public sealed record DemoResult(
    string Database, string IndexHtml, IReadOnlyList<string> Files, int Cases, int FailedCases, long InProcessCalls,
    string GateDecision, IReadOnlyList<string> Blocking, IReadOnlyList<string> RegressionChanges,
    TimeSpan MeasureTime, TimeSpan TotalTime, IReadOnlyList<string> Reductions);
