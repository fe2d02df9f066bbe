using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PerfLab.Results.Merge;

namespace PerfLab.Cli.Commands;

/// <summary><c>perflab merge</c>: collects agent databases into one farm database, by run id, one transaction per source.</summary>
internal static class MergeCommand
{
    public static Command Create()
    {
        var sources = new Argument<FileInfo[]>("sources") { Description = "Agent databases to merge.", Arity = ArgumentArity.OneOrMore };
        var into = new Option<FileInfo>("--into") { Description = "The farm database (created when missing).", Required = true };
        var json = CommonOptions.Json();
        var command = new Command("merge",
            "Merge agent databases into one. Idempotent: a run already there with the same content is skipped; a run with the " +
            "same id but different content is reported as a conflict and left as it was. Runs still 'running' in a source " +
            "wait for a later merge. Each source is merged whole or not at all, while readers of the target keep working. " +
            "A source with a newer schema is refused; an older one is migrated in a temporary copy.\n" +
            "Exit codes: 0 merged cleanly, 1 a conflict or a refused source (the others were merged), 2 usage or an unusable target.\n" +
            "Example: perflab merge artifacts/*.db --into farm.db")
        { sources, into, json };
        command.SetAction((parse, _) => CliAction.RunAsync(() => Task.FromResult(
            Execute(parse.GetValue(sources)!, parse.GetValue(into)!, parse.GetValue(json)))));
        return command;
    }

    private static int Execute(FileInfo[] sources, FileInfo into, bool json)
    {
        MergeReport report;
        try
        {
            report = FarmMerger.Merge(into.FullName, sources.Select(s => s.FullName).ToList(), json ? null : Print);
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
        if (json)
        {
            System.Console.WriteLine(JsonSerializer.Serialize(new
            {
                target = report.Target,
                clean = report.Clean,
                sources = report.Sources.Select(s => new
                {
                    source = s.Source, schema_version = s.SchemaVersion, migrated_from = s.MigratedFrom,
                    runs_added = s.RunsAdded, runs_already_present = s.RunsAlreadyPresent, runs_in_progress = s.RunsInProgress,
                    cases_added = s.CasesAdded, samples_added = s.SamplesAdded,
                    conflicts = s.Conflicts.Select(c => new { run = c.RunId, difference = c.Difference }),
                    error = s.Error,
                }),
            }, JsonOutput.Options));
        }
        else
        {
            System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"merged {report.Sources.Count(s => s.Succeeded)}/{report.Sources.Count} source(s) into {report.Target}: {report.RunsAdded} run(s) added, {report.ConflictCount} conflict(s)"));
        }
        return report.Clean ? ExitCodes.Success : ExitCodes.Failed;
    }

    private static void Print(MergeSourceResult s)
    {
        if (!s.Succeeded)
        {
            System.Console.Error.WriteLine($"{s.Source}: REFUSED: {s.Error}");
            return;
        }
        var migrated = s.MigratedFrom is { } v ? $" (migrated from schema {v})" : "";
        System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{s.Source}: {s.RunsAdded} run(s) added ({s.CasesAdded} cases, {s.SamplesAdded} samples), {s.RunsAlreadyPresent} already present, {s.RunsInProgress} still running (not merged), {s.Conflicts.Count} conflict(s){migrated}"));
        foreach (var c in s.Conflicts) System.Console.Error.WriteLine($"{s.Source}: CONFLICT run {c.RunId}: {c.Difference}; the farm database keeps its copy");
    }
}
