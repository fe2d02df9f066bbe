using System.CommandLine;

namespace PerfLab.Cli.Commands;

/// <summary>Every verb perflab has, listed explicitly so `perflab --help` and this file agree.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All() =>
    [
        RunCommand.Create(),
        ValidateCommand.Create(),
        RunsCommand.Create(),
        ReportCommand.Create(),
        EmulateCommand.Create(),
        DevicesCommand.Create(),
        AgentCommand.Create(),
        MergeCommand.Create(),
        PlanCommand.Create(),
        // The farm benchmark is the first 'bench' subcommand; fold it into BenchCommand if one appears.
        new Command("bench", "Benchmarks of PerfLab itself on generated data.") { FarmBenchCommand.Create() },
    ];
}
