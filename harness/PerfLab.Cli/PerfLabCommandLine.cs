using System.CommandLine;
using PerfLab.Cli.Commands;

namespace PerfLab.Cli;

/// <summary>The <c>perflab</c> command line: the verbs, the strict usage check before any of them runs, and the
/// one place an interruption is turned into its exit code and its single "interrupted" line.</summary>
public static class PerfLabCommandLine
{
    public static RootCommand CreateRoot() => CreateRoot([]);

    /// <summary>The root with the verbs <paramref name="args"/> need (<see cref="CommandCatalog.For"/>).</summary>
    public static RootCommand CreateRoot(IReadOnlyList<string> args)
    {
        var root = new RootCommand(
            "PerfLab: cross-device performance regression harness. Runs declarative suites on Hailo, CUDA and host " +
            "devices, stores every raw sample in SQLite, and reports what the stored evidence supports.\n" +
            "Exit codes: 0 passed, 1 a case failed or a gate found a regression, 2 invalid input or usage, " +
            "3 a gate needs action (errors, no baseline), 130 interrupted.");
        foreach (var command in CommandCatalog.For(args)) root.Add(command);
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        // The emulated tools see their arguments verbatim (their own --help and --version included); only a bare
        // "perflab emulate --help" is perflab's.
        if (args.Length > 0 && args[0] == EmulateCommand.Name && !(args.Length == 2 && UsageCheck.AsksForHelp(args[1..])))
        {
            return EmulateCommand.Dispatch(args[1..]);
        }

        var parse = CreateRoot(args).Parse(args);
        if (!UsageCheck.AsksForHelp(args))
        {
            var problems = UsageCheck.Problems(parse);
            if (problems.Count > 0)
            {
                foreach (var p in problems) System.Console.Error.WriteLine($"perflab: {p}");
                System.Console.Error.WriteLine(UsageCheck.HelpHint(parse));
                return ExitCodes.InvalidInput;
            }
        }

        using var signal = new InterruptSignal();
        // ProcessTerminationTimeout null: System.CommandLine would otherwise return 130 two seconds after Ctrl-C while the
        // verb is still unwinding, and the process would end with its database open.
        var exit = await parse.InvokeAsync(
            new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null },
            signal.Token).ConfigureAwait(false);
        if (signal.Received is null && exit != ExitCodes.Interrupted) return exit;
        System.Console.Error.WriteLine($"perflab: interrupted{(signal.Received is { } s ? $" ({s})" : "")}; any run in flight is stored as aborted and the database was closed");
        return ExitCodes.Interrupted;
    }
}
