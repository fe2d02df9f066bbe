using System.CommandLine;
using PerfLab.Benchmarks.Detection;
using PerfLab.Cli;
using static PerfLab.Benchmarks.Commands.BenchmarkCommandLine;

namespace PerfLab.Benchmarks.Commands;

/// <summary><c>detection</c>: change-point and verdict accuracy (TCPD, synthetic histories) and detection speed; optionally docs/detection.md.</summary>
internal static class DetectionCommand
{
    /// <summary>Seed of the synthetic detection benchmark published in docs/detection.md.</summary>
    public const int DetectionSeed = 20260901;

    public static Command Create()
    {
        var tcpd = new Option<DirectoryInfo?>("--tcpd") { Description = "TCPD dataset folder (../shared/data/tcpd). Without it the TCPD section is left out." };
        var output = new Option<FileInfo?>("--out") { Description = "Write the Markdown report here (docs/detection.md)." };
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic histories.", DefaultValueFactory = _ => DetectionSeed };
        var noSpeed = new Option<bool>("--no-speed") { Description = "Skip the speed benchmark (10,000 series × 365 builds; a gate over 100 devices × 90 nights)." };
        var command = new Command("detection",
            "Measure change-point and verdict accuracy (TCPD F1/cover beside the published methods; synthetic performance histories: step recall, " +
            "false alarms, spikes, verdict rates) and speed, and optionally write them as docs/detection.md.\nExample: " + Invocation + " detection --tcpd ../shared/data/tcpd --out docs/detection.md")
        { tcpd, output, seed, noSpeed };
        command.SetAction((parse, _) => Guard(() =>
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
                var commandLine = Invocation + " detection" + (dir is null ? "" : $" --tcpd {parse.GetResult(tcpd)!.Tokens[0].Value}") +
                                  (s == DetectionSeed ? "" : Inv($" --seed {s}")) + (speed is null ? " --no-speed" : "") + $" --out {parse.GetResult(output)!.Tokens[0].Value}";
                var report = new DetectionBenchmarkReport(t, syn, speed, commandLine, DateTimeOffset.UtcNow, Machine());
                DetectionReportWriter.WriteMarkdown(report, o.FullName);
                log.WriteLine($"wrote {o.FullName}");
            }
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }
}
