using System.CommandLine;
using PerfLab.Benchmarks.Gate;
using PerfLab.Cli;
using static PerfLab.Benchmarks.Commands.BenchmarkCommandLine;

namespace PerfLab.Benchmarks.Commands;

/// <summary><c>gate</c>: the gate's accuracy on simulated nightly farms, or (<c>--make-speed-db</c>) the database its speed is timed on.</summary>
internal static class GateCommand
{
    public static Command Create()
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
            "plus issue 19's acceptance points. Or, with --make-speed-db, build the database the gate's speed is timed on.\nExample: " + Invocation + " gate --out gate-accuracy.md")
        { seed, draws, quick, output, speedDb };
        command.SetAction((parse, _) => Guard(() =>
        {
            var log = System.Console.Out;
            var s = parse.GetValue(seed);
            var n = parse.GetValue(draws);
            if (n is < 1) throw new UsageException($"--draws must be at least 1, found {n}");
            if (parse.GetValue(speedDb) is { } db)
            {
                log.WriteLine(Inv($"{Invocation} gate --make-speed-db {parse.GetResult(speedDb)!.Tokens[0].Value}") + (s == GateAccuracyOptions.DefaultSeed ? "" : Inv($" --seed {s}")));
                if (db.Exists) throw new UsageException($"{db.FullName} already exists; --make-speed-db writes a new database");
                var candidate = GateSpeedDatabase.Create(db.FullName, s, log);
                log.WriteLine($"time it with: perflab gate --db {db.FullName} --candidate {candidate}");
                return Task.FromResult(ExitCodes.Success);
            }
            var commandLine = Invocation + " gate" + (s == GateAccuracyOptions.DefaultSeed ? "" : Inv($" --seed {s}")) +
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
}
