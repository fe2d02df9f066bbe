using System.Diagnostics;
using System.Globalization;
using PerfLab.Harness.Devices;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Execution;
using PerfLab.Harness.Statistics;
using PerfLab.Harness.Suites;
using PerfLab.Results;
using PerfLab.Runners.Command;

using PerfLab.Cli;

namespace PerfLab.Benchmarks.Overhead;

/// <summary>What the harness adds to a case beyond the process itself: planning, the case loop, the runner and the
/// SQLite write of the case, measured for a one-step case running <c>true</c>.</summary>
public static class CaseOverheadBenchmark
{
    public const double TargetOverheadMs = 5;

    private const string SuiteText = """
        name: overhead
        description: one process that does nothing, to time the harness around it
        version: 1
        scope: host-measurement
        defaults: { repetitions: 1, warmup: 0, timeout: 30s }
        metrics:
          - { name: wall, unit: s, better: lower }
        steps:
          - name: true
            runner: command
            with: { argv: ["true"] }
            extract:
              - { metric: wall, wall: seconds }
        """;

    public static async Task<CaseOverheadReport> RunAsync(int cases, string workDirectory, TextWriter log, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(workDirectory);
        var catalog = new RunnerCatalog([new CommandRunner()]);
        var load = new SuiteLoader(catalog).LoadText(SuiteText, Path.Combine(workDirectory, "overhead.yaml"));
        var suite = load.Suite ?? throw new InvalidOperationException(string.Join("; ", load.Errors));
        var device = (await new HostDeviceProvider().DiscoverAsync(cancellationToken).ConfigureAwait(false)).Devices[0];
        using var store = SqliteResultStore.Open(Path.Combine(workDirectory, "overhead.db"));
        var executor = new CaseExecutor(catalog, []);
        var run = new RunInfo(RunIds.New(DateTimeOffset.UtcNow), suite.Name, suite.Version, suite.Sha256, suite.Scope, "bench", "bench",
            new Dictionary<string, string>(), HostInspector.Describe(), device, PerfLabServices.AgentVersion,
            new Dictionary<string, string>(), DateTimeOffset.UtcNow, suite.Metrics);
        store.BeginRun(run);
        var env = new Dictionary<string, string> { [RunEnvironmentNames.Build] = "bench", [RunEnvironmentNames.RunId] = run.Id };

        var overheads = new List<double>();
        var walls = new List<double>();
        for (var i = 0; i < cases + 5; i++)
        {
            var planned = CasePlanner.Plan(suite, [device]).Cases[0];
            var clock = Stopwatch.StartNew();
            var result = await executor.ExecuteAsync(planned, env, SilentProgress.Instance, cancellationToken).ConfigureAwait(false);
            store.RecordCase(run.Id, result);
            clock.Stop();
            if (result.Status != CaseStatus.Passed) throw new InvalidOperationException($"the case failed: {result.FailureMessage}");
            if (i < 5) continue; // the first cases pay for JIT compilation, which no nightly case does twice
            var processWall = result.Repetitions.Sum(r => r.WallSeconds) * 1000;
            walls.Add(processWall);
            overheads.Add(clock.Elapsed.TotalMilliseconds - processWall);
        }
        store.EndRun(run.Id, RunStatus.Passed, DateTimeOffset.UtcNow);
        var report = new CaseOverheadReport(cases, SampleSummary.Of(overheads)!, SampleSummary.Quantile(overheads.Order().ToList(), 0.9), SampleSummary.Of(walls)!.Median);
        log.WriteLine(report.Describe());
        return report;
    }
}

/// <summary>The per-case overhead figures: median and p90 over the cases, beside the process's own median wall.</summary>
public sealed record CaseOverheadReport(int Cases, SampleSummary Overhead, double P90Ms, double ProcessWallMedianMs)
{
    public bool WithinTarget => Overhead.Median < CaseOverheadBenchmark.TargetOverheadMs;

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"harness overhead per case (plan + case loop + runner + SQLite write of the case) over {Cases} cases of `true`:\n" +
        $"  overhead median {Overhead.Median:0.000} ms, p90 {P90Ms:0.000} ms (target < {CaseOverheadBenchmark.TargetOverheadMs} ms: {(WithinTarget ? "met" : "NOT met")})\n" +
        $"  `true` wall median {ProcessWallMedianMs:0.000} ms");
}
