using System.CommandLine;
using PerfLab.Benchmarks.Store;
using PerfLab.Cli;
using static PerfLab.Benchmarks.Commands.BenchmarkCommandLine;

namespace PerfLab.Benchmarks.Commands;

/// <summary><c>store</c>: rows/s through the store's write path beside sqlite3's CSV import.</summary>
internal static class StoreCommand
{
    public static Command Create()
    {
        var samples = new Option<int>("--samples") { Description = "Sample rows to insert per side.", DefaultValueFactory = _ => 1_000_000 };
        var repeats = new Option<int>("--repeats") { Description = "Repeats per side (alternating).", DefaultValueFactory = _ => 3 };
        var output = new Option<FileInfo?>("--out") { Description = "Also write the summary to this file." };
        var command = new Command("store",
            "Insert the same samples through the store's write path and through sqlite3's CSV import, and print rows/s of each.\nExample: " + Invocation + " store --samples 1000000")
        { samples, repeats, output };
        command.SetAction((parse, _) => Guard(() =>
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
                DeleteScratch(work);
            }
        }));
        return command;
    }
}
