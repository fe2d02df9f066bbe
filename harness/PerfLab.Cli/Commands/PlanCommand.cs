using System.CommandLine;
using System.Text.Json;
using PerfLab.Harness.Farm;

namespace PerfLab.Cli.Commands;

/// <summary><c>perflab plan</c>: the CI matrix of (suite, runner label) derived from the suites' device selectors.</summary>
internal static class PlanCommand
{
    public static Command Create()
    {
        var suites = new Option<string[]>("--suites") { Description = "Folder of suites (or suite files, or suite names); repeatable. Default: ./suites when present, else the suites embedded in perflab.", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format") { Description = "github-matrix (one line: {\"include\":[...]}) or json.", DefaultValueFactory = _ => "github-matrix" };
        format.AcceptOnlyFromAmong("github-matrix", "json");
        var labelsFrom = new Option<FileInfo?>("--labels-from") { Description = "YAML inventory of runners (runners: [{name, labels: [...]}]): one job per runner carrying a job's label, instead of one per label." };
        var command = new Command("plan",
            "Print the CI matrix: one job per suite and runner label (perflab-host, perflab-hailo-HAILO10H, perflab-cuda, ...), derived " +
            "from each suite's 'requires' and its matrix points' narrower selectors. A job runs 'perflab agent --suites FILE --ci-label LABEL'.\n" +
            "Example: perflab plan --suites suites --format github-matrix >> \"$GITHUB_OUTPUT\"")
        { suites, format, labelsFrom };
        command.SetAction((parse, _) => CliAction.RunAsync(() => Task.FromResult(
            Execute(parse.GetValue(suites) ?? [], parse.GetValue(format)!, parse.GetValue(labelsFrom)))));
        return command;
    }

    private static int Execute(string[] suitePaths, string format, FileInfo? labelsFrom)
    {
        // The matrix goes to stdout (GITHUB_OUTPUT): the source line goes to stderr.
        var (paths, source) = SuiteSet.DefaultSource(suitePaths, System.Console.Error);
        var loaded = SuiteSet.Load(paths, PerfLabServices.Create().Runners);
        if (loaded.Errors.Count > 0)
        {
            foreach (var e in loaded.Errors) System.Console.Error.WriteLine(e.ToString());
            System.Console.Error.WriteLine($"perflab: {loaded.Errors.Count} problem(s) in the suites; no plan.");
            return ExitCodes.InvalidInput;
        }
        RunnerInventory? inventory = null;
        if (labelsFrom is not null)
        {
            if (!labelsFrom.Exists) throw new UsageException($"{labelsFrom.FullName}: no such runner inventory");
            try { inventory = RunnerInventory.Load(labelsFrom.FullName); }
            catch (InvalidDataException e) { throw new UsageException(e.Message); }
        }
        var cwd = Directory.GetCurrentDirectory();
        // An embedded suite's file lies in this host's cache: the job names the suite instead, which 'perflab agent --suites NAME'
        // resolves on the runner from its own ./suites or embedded copy.
        var embedded = source is { Kind: SuiteSourceKind.Embedded } ? source.Directory : null;
        var plan = CiMatrix.Plan(loaded.Suites, inventory,
            s => embedded is not null && Path.GetDirectoryName(s.SourcePath) == embedded ? s.Name : RelativePath(cwd, s.SourcePath));
        foreach (var u in plan.Uncovered)
            System.Console.Error.WriteLine($"perflab plan: suite {u.Suite} needs a runner labelled {u.Label}; no runner in the inventory has it");

        var jobs = plan.Jobs.Select(j => new { suite = j.Suite, suite_file = j.SuiteFile, runner = j.Runner, label = j.Label }).ToList();
        if (format == "json")
        {
            System.Console.WriteLine(JsonSerializer.Serialize(new
            {
                jobs,
                uncovered = plan.Uncovered.Select(u => new { suite = u.Suite, label = u.Label }),
            }, JsonOutput.Options));
        }
        else
        {
            var compact = new JsonSerializerOptions(JsonOutput.Options) { WriteIndented = false };
            System.Console.WriteLine(JsonSerializer.Serialize(new { include = jobs }, compact));
        }
        return ExitCodes.Success;
    }

    private static string RelativePath(string from, string path)
    {
        var relative = Path.GetRelativePath(from, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative.Replace('\\', '/');
    }
}
