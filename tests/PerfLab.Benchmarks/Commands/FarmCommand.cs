using System.CommandLine;
using System.Globalization;
using PerfLab.Benchmarks.Farm;
using PerfLab.Cli;
using PerfLab.Reports.Pages;
using PerfLab.Runners.Processes;
using static PerfLab.Benchmarks.Commands.BenchmarkCommandLine;

namespace PerfLab.Benchmarks.Commands;

/// <summary><c>farm</c>: the farm at scale on generated data (night merge, repeated merge, year series, the year
/// reported by <c>perflab report</c>, size per host-year).</summary>
internal static class FarmCommand
{
    public static Command Create()
    {
        var hosts = new Option<int>("--hosts") { Description = "Agents (hosts) in the farm.", DefaultValueFactory = _ => 200 };
        var nights = new Option<int>("--nights") { Description = "Nights of history in the year database.", DefaultValueFactory = _ => 365 };
        var repeats = new Option<int>("--repeats") { Description = "Side-by-side repeats; figures are medians.", DefaultValueFactory = _ => 3 };
        var history = new Option<int>("--history")
        {
            Description = "History window (builds) the timed 'perflab report' reads.",
            DefaultValueFactory = _ => ReportInputs.DefaultHistoryBuilds,
        };
        var work = new Option<DirectoryInfo>("--work") { Description = "Scratch folder for the generated databases (several GiB at full size).", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(Path.GetTempPath(), "perflab-bench-farm")) };
        var keep = new Option<bool>("--keep") { Description = "Keep the generated databases." };
        var command = new Command("farm",
            "Generate a farm's night (one agent database per host) and year, then time: merging the night, merging it again, " +
            "one metric's year series, the night merged into the year, and 'perflab report' on that year (every page, md + html + json, " +
            "as a child process the way a report job runs it); print the database size per host-year.\n" +
            "Example: " + Invocation + " farm --hosts 200 --nights 365 --repeats 5")
        { hosts, nights, repeats, history, work, keep };
        command.SetAction((parse, _) => Guard(() =>
        {
            var dir = parse.GetValue(work)!.FullName;
            try
            {
                FarmScaleBenchmark.Run(dir, parse.GetValue(hosts), parse.GetValue(nights), parse.GetValue(repeats), System.Console.Out,
                    db => TimeReport(db, Path.Combine(dir, "report"), parse.GetValue(history)));
            }
            finally
            {
                if (!parse.GetValue(keep)) DeleteScratch(dir);
            }
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }

    /// <summary>Runs <c>perflab report</c> on <paramref name="db"/> as a child process; its wall time, start-up included.</summary>
    private static double TimeReport(string db, string outDir, int historyBuilds)
    {
        var self = Perflab();
        var args = self.Skip(1).Concat(["report", "--db", db, "--out", outDir, "--history", historyBuilds.ToString(CultureInfo.InvariantCulture)]).ToList();
        var spec = new ProcessSpec(self[0], args, Environment.CurrentDirectory, new Dictionary<string, string?>(), TimeSpan.FromMinutes(10));
        var result = new ProcessLauncher().RunAsync(spec, CancellationToken.None).GetAwaiter().GetResult();
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{spec.Display} failed ({result.SpawnError ?? (result.TimedOut ? "timed out" : $"exit code {result.ExitCode}")}): {result.Stderr.Text.Trim()}");
        }
        return result.Wall.TotalSeconds;
    }

    /// <summary>The perflab built beside the benchmarks (the project reference copies it here): its own executable where the
    /// build made one, else perflab.dll through the dotnet host.</summary>
    private static IReadOnlyList<string> Perflab()
    {
        var exe = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "perflab.exe" : "perflab");
        if (File.Exists(exe)) return [exe];
        return [Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", Path.Combine(AppContext.BaseDirectory, "perflab.dll")];
    }
}
