using System.Diagnostics;
using System.Globalization;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Execution;
using PerfLab.Runners.Processes;

using PerfLab.Runners.Command;

namespace PerfLab.Benchmarks.Overhead;

/// <summary>Measures what the Command runner adds around a process: its total time per repetition minus the
/// process's own wall time, over a step that runs <c>true</c>.</summary>
public static class CommandOverheadBenchmark
{
    /// <summary>The budget the harness aims for per case.</summary>
    public const double TargetOverheadMs = 5;

    private const int WarmupIterations = 3;

    /// <summary>Runs <paramref name="iterations"/> measured repetitions (after a short warm-up) and logs the figures.</summary>
    public static CommandOverheadReport Run(int iterations, TextWriter log) =>
        RunAsync(iterations, log, new ProcessLauncher(), CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>As <see cref="Run(int, TextWriter)"/>, with the launcher and cancellation given.</summary>
    public static async Task<CommandOverheadReport> RunAsync(int iterations, TextWriter log, IProcessLauncher launcher, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var runner = new CommandRunner(launcher);
        var overheads = new List<double>();
        var walls = new List<double>();
        var totals = new List<double>();
        var failures = new List<string>();
        for (var i = 0; i < WarmupIterations + iterations; i++)
        {
            var warmup = i < WarmupIterations;
            var context = Context(warmup ? i + 1 : i - WarmupIterations + 1, warmup);
            var stopwatch = Stopwatch.StartNew();
            var outcome = await runner.ExecuteAsync(context, cancellationToken).ConfigureAwait(false);
            stopwatch.Stop();
            if (warmup) continue;
            if (!outcome.Succeeded)
            {
                failures.Add($"{outcome.Failure}: {outcome.FailureMessage}");
                continue;
            }
            var total = stopwatch.Elapsed.TotalMilliseconds;
            var wall = outcome.Wall.TotalMilliseconds;
            totals.Add(total);
            walls.Add(wall);
            overheads.Add(total - wall);
        }

        var report = new CommandOverheadReport(
            iterations,
            failures.Count,
            Quantile(overheads, 0.5),
            Quantile(overheads, 0.9),
            Quantile(walls, 0.5),
            Quantile(totals, 0.5),
            failures.FirstOrDefault());
        log.WriteLine(report.Describe());
        return report;
    }

    /// <summary>The <paramref name="p"/>-quantile by linear interpolation between order statistics; null when empty.</summary>
    internal static double? Quantile(IReadOnlyCollection<double> values, double p)
    {
        if (values.Count == 0) return null;
        var sorted = values.Order().ToArray();
        var position = p * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }

    private static StepContext Context(int repetition, bool warmup)
    {
        var folder = Path.GetTempPath();
        var step = new StepSpec("true", CommandRunner.RunnerName,
            new ArgMap([new ArgEntry("argv", SourcePosition.Unknown, new ArgList([new ArgScalar("true", SourcePosition.Unknown)], SourcePosition.Unknown))], SourcePosition.Unknown),
            [new ExtractSpec("wall", ExtractKind.WallClock, "", 1, SourcePosition.Unknown)],
            null, null, null, false, SourcePosition.Unknown);
        var suite = new Suite("command-overhead", "Command runner overhead", "1", [], EvidenceScope.HostMeasurement,
            SuiteDefaults.Standard, [MatrixPoint.Empty], [step],
            [new MetricSpec("wall", "s", Better.Lower, MetricGate.None)], null, Path.Combine(folder, "command-overhead.yaml"), "");
        var device = new Device("host", "host", Environment.MachineName, new Dictionary<string, string>(),
            new Dictionary<string, string>(), [], false);
        return new StepContext(step, new PlannedCase(suite, MatrixPoint.Empty, device), repetition, warmup,
            TimeSpan.FromSeconds(30), folder, new Dictionary<string, string>());
    }
}

/// <summary>The Command runner's overhead figures, in milliseconds; null where no repetition succeeded.</summary>
/// <param name="MedianOverheadMs">Median of (runner's total time − the process's own wall time).</param>
/// <param name="FirstFailure">The first failed repetition's class and message, if any.</param>
public sealed record CommandOverheadReport(
    int Iterations,
    int Failures,
    double? MedianOverheadMs,
    double? P90OverheadMs,
    double? MedianProcessWallMs,
    double? MedianTotalMs,
    string? FirstFailure)
{
    /// <summary>True when every repetition ran and the median overhead is within <see cref="CommandOverheadBenchmark.TargetOverheadMs"/>.</summary>
    public bool WithinTarget => Failures == 0 && MedianOverheadMs is { } m && m < CommandOverheadBenchmark.TargetOverheadMs;

    public string Describe()
    {
        static string Ms(double? v) => v is { } x ? x.ToString("0.000", CultureInfo.InvariantCulture) + " ms" : "n/a";
        var lines = new List<string>
        {
            $"command runner overhead over {Iterations} runs of `true` ({Failures} failed)",
            $"  overhead median {Ms(MedianOverheadMs)}, p90 {Ms(P90OverheadMs)} (target < {CommandOverheadBenchmark.TargetOverheadMs.ToString(CultureInfo.InvariantCulture)} ms: {(WithinTarget ? "met" : "not met")})",
            $"  `true` wall median {Ms(MedianProcessWallMs)}; runner total median {Ms(MedianTotalMs)}",
        };
        if (FirstFailure is not null) lines.Add("  first failure: " + FirstFailure);
        return string.Join(Environment.NewLine, lines);
    }
}
