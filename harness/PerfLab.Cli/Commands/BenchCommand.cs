using PerfLab.Cli.Benchmarks;
using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using PerfLab.Harness.Analysis;
using PerfLab.Results.Benchmarks;
using PerfLab.Runners.Command;

namespace PerfLab.Cli.Commands;

/// <summary><c>perflab bench</c>: PerfLab's own benchmarks (detection accuracy and speed, store ingest, runner overhead).
/// Each prints its figures; only <c>--out</c> writes a file.</summary>
internal static class BenchCommand
{
    /// <summary>Seed of the synthetic detection benchmark published in docs/detection.md.</summary>
    public const int DetectionSeed = 20260901;

    public static Command Create() => new("bench", "Run PerfLab's own benchmarks and print their figures (nothing is written unless --out is given).")
    {
        Detection(),
        Gate(),
        Store(),
        Overhead(),
        FarmBenchCommand.Create(),
    };

    private static Command Detection()
    {
        var tcpd = new Option<DirectoryInfo?>("--tcpd") { Description = "TCPD dataset folder (../shared/data/tcpd). Without it the TCPD section is left out." };
        var output = new Option<FileInfo?>("--out") { Description = "Write the Markdown report here (docs/detection.md)." };
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic histories.", DefaultValueFactory = _ => DetectionSeed };
        var noSpeed = new Option<bool>("--no-speed") { Description = "Skip the speed benchmark (10,000 series × 365 builds; a gate over 100 devices × 90 nights)." };
        var command = new Command("detection",
            "Measure change-point and verdict accuracy (TCPD F1/cover beside the published methods; synthetic performance histories: step recall, " +
            "false alarms, spikes, verdict rates) and speed, and optionally write them as docs/detection.md.\n" +
            "Example: perflab bench detection --tcpd ../shared/data/tcpd --out docs/detection.md")
        { tcpd, output, seed, noSpeed };
        command.SetAction((parse, _) => CliAction.RunAsync(() =>
        {
            var log = System.Console.Out;
            var dir = parse.GetValue(tcpd);
            if (dir is { Exists: false }) throw new UsageException($"{dir.FullName}: no such TCPD folder");
            TcpdBenchmarkResult? t = null;
            if (dir is not null)
            {
                log.WriteLine($"TCPD: scoring the default detector on {dir.FullName} ...");
                t = DetectionBenchmarks.RunTcpd(dir.FullName);
                log.WriteLine(Inv($"TCPD: {t.Series.Count} series, mean F1 {t.MeanF1:0.000}, mean cover {t.MeanCover:0.000}"));
            }
            var s = parse.GetValue(seed);
            log.WriteLine($"synthetic: generating and scoring histories (seed {s}) ...");
            var syn = DetectionBenchmarks.RunSynthetic(s);
            var allBuilds = syn.FalseAlarms.Sum(a => a.Builds);
            log.WriteLine(Inv($"synthetic: recall of steps >= 3x noise {syn.LargeStepsFound}/{syn.LargeSteps}, false alarms {syn.FalseAlarms.Sum(a => a.ChangePoints)} in {allBuilds} builds, lone spikes reported {syn.SpikesReported}/{syn.SpikeSeries}"));
            SpeedBenchmarkResult? speed = null;
            if (!parse.GetValue(noSpeed))
            {
                log.WriteLine("speed: change points over 10,000 series x 365 builds, and a 100-device gate ...");
                speed = DetectionBenchmarks.RunSpeed();
                log.WriteLine(Inv($"speed: detection median {speed.DetectMedianSeconds:0.00} s, gate median {speed.GateMedianSeconds:0.000} s on {speed.ProcessorCount} cores"));
            }
            if (parse.GetValue(output) is { } o)
            {
                var commandLine = "perflab bench detection" + (dir is null ? "" : $" --tcpd {parse.GetResult(tcpd)!.Tokens[0].Value}") +
                                  (s == DetectionSeed ? "" : Inv($" --seed {s}")) + (speed is null ? " --no-speed" : "") + $" --out {parse.GetResult(output)!.Tokens[0].Value}";
                var report = new DetectionBenchmarkReport(t, syn, speed, commandLine, DateTimeOffset.UtcNow, Machine());
                DetectionReportWriter.WriteMarkdown(report, o.FullName);
                log.WriteLine($"wrote {o.FullName}");
            }
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }

    private static Command Gate()
    {
        var seed = new Option<int>("--seed") { Description = "Seed of the simulated nights.", DefaultValueFactory = _ => GateAccuracyOptions.DefaultSeed };
        var draws = new Option<int?>("--draws") { Description = "Nights per grid cell and check (default: 200 per cell up to 400 series, 20 for 1,000 series, 1,000 for the small checks)." };
        var quick = new Option<bool>("--quick") { Description = "A tiny grid (5 repetitions, σ 1 %, drops 5/10 %, 1 and 100 series, 20 nights a cell)." };
        var output = new Option<FileInfo?>("--out") { Description = "Write the Markdown tables (the accuracy section of docs/gating.md) here." };
        var speedDb = new Option<FileInfo?>("--make-speed-db")
        {
            Description = "Instead of the accuracy grid: write a new database of 100 devices × 4 metrics × 90 nights + 1 candidate (5 samples each) " +
                          "through CSV ingest, and print the gate command to time on it.",
        };
        var command = new Command("gate",
            "Measure the gate's accuracy on simulated nightly farms judged by the real gate (default request): detection rate of one dropped " +
            "series and false-action rate of unchanged nights, over repetitions 1/3/5/10 × noise 0.5/1/2 % × drops 3/5/10 % × 1/100/1,000 series, " +
            "plus issue 19's acceptance points. Or, with --make-speed-db, build the database the gate's speed is timed on.\n" +
            "Example: perflab bench gate --out gate-accuracy.md")
        { seed, draws, quick, output, speedDb };
        command.SetAction((parse, _) => CliAction.RunAsync(() =>
        {
            var log = System.Console.Out;
            var s = parse.GetValue(seed);
            var n = parse.GetValue(draws);
            if (n is < 1) throw new UsageException($"--draws must be at least 1, found {n}");
            if (parse.GetValue(speedDb) is { } db)
            {
                log.WriteLine(Inv($"perflab bench gate --make-speed-db {parse.GetResult(speedDb)!.Tokens[0].Value}") + (s == GateAccuracyOptions.DefaultSeed ? "" : Inv($" --seed {s}")));
                if (db.Exists) throw new UsageException($"{db.FullName} already exists; --make-speed-db writes a new database");
                var candidate = GateSpeedDatabase.Create(db.FullName, s, log);
                log.WriteLine($"time it with: perflab gate --db {db.FullName} --candidate {candidate}");
                return Task.FromResult(ExitCodes.Success);
            }
            var commandLine = "perflab bench gate" + (s == GateAccuracyOptions.DefaultSeed ? "" : Inv($" --seed {s}")) +
                              (n is { } d ? Inv($" --draws {d}") : "") + (parse.GetValue(quick) ? " --quick" : "") +
                              (parse.GetValue(output) is null ? "" : $" --out {parse.GetResult(output)!.Tokens[0].Value}");
            log.WriteLine(commandLine);
            var options = parse.GetValue(quick) ? GateAccuracyOptions.QuickGrid(s, n) : GateAccuracyOptions.Full(s, n);
            var result = GateAccuracyBenchmark.Run(options, log);
            foreach (var c in result.Checks)
                log.WriteLine(Inv($"{(c.Met ? "met" : "NOT MET")}: {c.Name}: {c.Successes}/{c.Draws} ({c.Target}); {c.Detail}"));
            foreach (var c in result.FarmRows)
                log.WriteLine(Inv($"unchanged nights, {c.Farm} series: false action {c.FalseActions}/{c.Draws}"));
            log.WriteLine(Inv($"done in {result.Seconds:0} s"));
            if (parse.GetValue(output) is { } o)
            {
                File.WriteAllText(o.FullName, GateAccuracyReportWriter.Markdown(result, commandLine, Machine()));
                log.WriteLine($"wrote {o.FullName}");
            }
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }

    private static Command Store()
    {
        var samples = new Option<int>("--samples") { Description = "Sample rows to insert per side.", DefaultValueFactory = _ => 1_000_000 };
        var repeats = new Option<int>("--repeats") { Description = "Repeats per side (alternating).", DefaultValueFactory = _ => 3 };
        var output = new Option<FileInfo?>("--out") { Description = "Also write the summary to this file." };
        var command = new Command("store",
            "Insert the same samples through the store's write path and through sqlite3's CSV import, and print rows/s of each.\n" +
            "Example: perflab bench store --samples 1000000")
        { samples, repeats, output };
        command.SetAction((parse, _) => CliAction.RunAsync(() =>
        {
            var work = Path.Combine(Path.GetTempPath(), "perflab-bench-store-" + Guid.NewGuid().ToString("N")[..8]);
            try
            {
                StoreIngestResult result;
                try { result = StoreIngestBenchmark.Run(parse.GetValue(samples), work, System.Console.Out, parse.GetValue(repeats)); }
                catch (InvalidOperationException e) { throw new UsageException($"store benchmark could not run: {e.Message}"); }
                catch (ArgumentOutOfRangeException e) { throw new UsageException(e.Message); }
                if (parse.GetValue(output) is { } o) File.WriteAllText(o.FullName, result.Summary() + Environment.NewLine);
                return Task.FromResult(ExitCodes.Success);
            }
            finally
            {
                try { Directory.Delete(work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }));
        return command;
    }

    private static Command Overhead()
    {
        var iterations = new Option<int>("--iterations") { Description = "Measured repetitions.", DefaultValueFactory = _ => 200 };
        var output = new Option<FileInfo?>("--out") { Description = "Also write the summary to this file." };
        var command = new Command("overhead",
            "Measure what PerfLab adds around a process: per repetition of the Command runner, and per case (case loop, runner and\n" +
            "the SQLite write of the case), each as total time minus the process's own wall time. Target: under 5 ms per case.\n" +
            "Example: perflab bench overhead --iterations 200")
        { iterations, output };
        command.SetAction((parse, ct) => CliAction.RunAsync(async () =>
        {
            var n = parse.GetValue(iterations);
            if (n < 1) throw new UsageException("--iterations must be at least 1");
            var runner = CommandOverheadBenchmark.Run(n, System.Console.Out);
            var work = Path.Combine(Path.GetTempPath(), "perflab-bench-overhead-" + Guid.NewGuid().ToString("N")[..8]);
            try
            {
                var perCase = await CaseOverheadBenchmark.RunAsync(n, work, System.Console.Out, ct);
                if (parse.GetValue(output) is { } o) File.WriteAllText(o.FullName, runner.Describe() + Environment.NewLine + perCase.Describe() + Environment.NewLine);
            }
            finally
            {
                try { Directory.Delete(work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Machine()
    {
        var os = RuntimeInformation.OSDescription;
        try
        {
            var pretty = File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal));
            if (pretty is not null) os = pretty["PRETTY_NAME=".Length..].Trim('"');
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return $"{Environment.ProcessorCount}-core {os}, {RuntimeInformation.FrameworkDescription}";
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
