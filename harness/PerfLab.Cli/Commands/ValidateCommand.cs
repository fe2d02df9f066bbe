using System.CommandLine;
using System.Text.Json;
using PerfLab.Harness.Suites;

namespace PerfLab.Cli.Commands;

/// <summary><c>perflab validate</c>: checks suite files and prints every problem as path:line:col: message.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("suites") { Description = "Suite files or folders of suites.", Arity = ArgumentArity.OneOrMore };
        var json = CommonOptions.Json();
        var command = new Command("validate",
            "Check suite files without running anything. Every problem is printed as path:line:col: message; " +
            "exit 0 when all are valid, 2 otherwise.\nExample: perflab validate suites/")
        { files, json };
        command.SetAction((parse, _) => CliAction.RunAsync(() => Task.FromResult(Execute(parse.GetValue(files)!, parse.GetValue(json)))));
        return command;
    }

    private static int Execute(string[] paths, bool json)
    {
        var services = PerfLabServices.Create();
        var loaded = SuiteSet.Load(paths, services.Runners);
        if (json)
        {
            var doc = new
            {
                valid = loaded.Errors.Count == 0,
                suites = loaded.Suites.Select(s => new { name = s.Name, version = s.Version, path = s.SourcePath, sha256 = s.Sha256, cases_per_device = s.Matrix.Count }),
                errors = loaded.Errors.Select(e => new { path = e.Path, line = e.Position.Line, column = e.Position.Column, message = e.Message }),
            };
            System.Console.WriteLine(JsonSerializer.Serialize(doc, JsonOutput.Options));
        }
        else
        {
            foreach (var e in loaded.Errors) System.Console.Error.WriteLine(e.ToString());
            foreach (var s in loaded.Suites) System.Console.WriteLine($"{s.SourcePath}: ok ({s.Name} v{s.Version}, {s.Steps.Count} step(s), {s.Matrix.Count} matrix point(s))");
        }
        return loaded.Errors.Count == 0 ? ExitCodes.Success : ExitCodes.InvalidInput;
    }
}
