using System.CommandLine;
using PerfLab.Reports.Tables;
using PerfLab.Results.Merge;

namespace PerfLab.Cli.Commands;

/// <summary><c>perflab bench farm</c>: the farm at scale on generated data (night merge, repeated merge, year report, size per host-year).</summary>
internal static class FarmBenchCommand
{
    public static Command Create()
    {
        var hosts = new Option<int>("--hosts") { Description = "Agents (hosts) in the farm.", DefaultValueFactory = _ => 200 };
        var nights = new Option<int>("--nights") { Description = "Nights of history in the year database.", DefaultValueFactory = _ => 365 };
        var repeats = new Option<int>("--repeats") { Description = "Side-by-side repeats; figures are medians.", DefaultValueFactory = _ => 3 };
        var work = new Option<DirectoryInfo>("--work") { Description = "Scratch folder for the generated databases (several GiB at full size).", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(Path.GetTempPath(), "perflab-bench-farm")) };
        var keep = new Option<bool>("--keep") { Description = "Keep the generated databases." };
        var command = new Command("farm",
            "Generate a farm's night (one agent database per host) and year, then time: merging the night, merging it again, " +
            "the year's latest-run-per-device report and one metric's year series; print the database size per host-year.\n" +
            "Example: perflab bench farm --hosts 200 --nights 365 --repeats 3")
        { hosts, nights, repeats, work, keep };
        command.SetAction((parse, _) => CliAction.RunAsync(() =>
        {
            var dir = parse.GetValue(work)!.FullName;
            try
            {
                FarmScaleBenchmark.Run(dir, parse.GetValue(hosts), parse.GetValue(nights), parse.GetValue(repeats), System.Console.Out,
                    loaded => SuiteTableBuilder.Build(loaded).Sum(t => t.Rows.Count));
            }
            finally
            {
                if (!parse.GetValue(keep))
                {
                    try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
                }
            }
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }
}
