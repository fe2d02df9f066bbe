using System.CommandLine;
using PerfLab.Benchmarks.Overhead;
using PerfLab.Cli;
using static PerfLab.Benchmarks.Commands.BenchmarkCommandLine;

namespace PerfLab.Benchmarks.Commands;

/// <summary><c>overhead</c>: what PerfLab adds around a process, per repetition and per case.</summary>
internal static class OverheadCommand
{
    public static Command Create()
    {
        var iterations = new Option<int>("--iterations") { Description = "Measured repetitions.", DefaultValueFactory = _ => 200 };
        var output = new Option<FileInfo?>("--out") { Description = "Also write the summary to this file." };
        var command = new Command("overhead",
            "Measure what PerfLab adds around a process: per repetition of the Command runner, and per case (case loop, runner and\n" +
            "the SQLite write of the case), each as total time minus the process's own wall time. Target: under 5 ms per case.\nExample: " + Invocation + " overhead --iterations 200")
        { iterations, output };
        command.SetAction((parse, ct) => Guard(async () =>
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
                DeleteScratch(work);
            }
            return ExitCodes.Success;
        }));
        return command;
    }
}
