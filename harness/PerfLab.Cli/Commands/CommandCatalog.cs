using System.CommandLine;

namespace PerfLab.Cli.Commands;

/// <summary>Every verb perflab has, listed explicitly so `perflab --help` and this file agree.</summary>
internal static class CommandCatalog
{
    // Name first, so a command line that names its verb builds only that verb: building every verb's options and help text
    // took a measurable share of a short command such as a nightly gate.
    private static readonly (string Name, Func<Command> Create)[] Verbs =
    [
        ("run", RunCommand.Create),
        ("validate", ValidateCommand.Create),
        ("runs", RunsCommand.Create),
        ("report", ReportCommand.Create),
        ("emulate", EmulateCommand.Create),
        ("ingest", IngestCommand.Create),
        ("export", ExportCommand.Create),
        ("detect", DetectCommand.Create),
        ("compare", CompareCommand.Create),
        ("gate", GateCommand.Create),
        ("devices", DevicesCommand.Create),
        ("agent", AgentCommand.Create),
        ("merge", MergeCommand.Create),
        ("plan", PlanCommand.Create),
        ("demo", DemoCommand.Create),
        ("suites", SuitesCommand.Create),
    ];

    public static IEnumerable<Command> All() => Verbs.Select(v => v.Create());

    /// <summary>The verbs a command line needs: the one it names first, or every verb (for `perflab --help`, a typo's suggestions).</summary>
    public static IEnumerable<Command> For(IReadOnlyList<string> args) =>
        args.Count > 0 && Verbs.FirstOrDefault(v => v.Name == args[0]) is { Create: not null } verb ? [verb.Create()] : All();
}
