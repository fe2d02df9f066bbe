using System.CommandLine;
using PerfLab.Cli;
using PerfLab.Cli.Commands;

if (args.Length > 0 && args[0] == EmulateCommand.Name) return EmulateCommand.Dispatch(args[1..]);

var root = new RootCommand(
    "PerfLab: cross-device performance regression harness. Runs declarative suites on Hailo, CUDA and host " +
    "devices, stores every raw sample in SQLite, and reports what the stored evidence supports.\n" +
    "Exit codes: 0 passed, 1 a case failed or a gate found a regression, 2 invalid input or usage, " +
    "3 a gate needs action (errors, no baseline), 130 interrupted.");
foreach (var command in CommandCatalog.All()) root.Add(command);

var parse = root.Parse(args);
if (parse.Errors.Count > 0 && !args.Contains("--help") && !args.Contains("-h"))
{
    foreach (var error in parse.Errors) Console.Error.WriteLine($"perflab: {error.Message}");
    Console.Error.WriteLine("Try 'perflab --help' or 'perflab <verb> --help'.");
    return ExitCodes.InvalidInput;
}
return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
