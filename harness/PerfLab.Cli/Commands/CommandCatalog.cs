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
        IngestCommand.Create(),
        ExportCommand.Create(),
        DetectCommand.Create(),
        CompareCommand.Create(),
        GateCommand.Create(),
        DevicesCommand.Create(),
        AgentCommand.Create(),
        MergeCommand.Create(),
        PlanCommand.Create(),
        DemoCommand.Create(),
        SuitesCommand.Create(),
    ];
}
