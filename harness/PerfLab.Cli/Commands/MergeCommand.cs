using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PerfLab.Harness.Text;
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
            "Merge agent databases into one. Sources are untrusted and never written or locked: each is read immutable (copied first " +
            "only to replay a leftover -wal or migrate an older schema), checked (PerfLab's exact schema, PRAGMA integrity_check, " +
            "every value, and that its runs are of the host it was made on) and then merged. " +
            "Idempotent: a run already there with the same content is skipped; a run with the same id but different content is " +
            "reported as a conflict naming both files and left as it was. A run with a bad row is refused alone; the others merge. " +
            "Runs still 'running' in a source wait for a later merge. Each source is merged whole or not at all, while readers of " +
            "the target keep working. A source with a newer schema is refused; an older one is migrated in its private copy.\n" +
            "Exit codes: 0 merged cleanly, 1 a conflict, a refused run or a refused source (the rest was merged), 2 usage or an " +
            "unusable target, 130 interrupted.\n" +
            "Example: perflab merge artifacts/*.db --into farm.db")
        { sources, into, json };
        command.SetAction((parse, cancellation) => CliAction.RunAsync(() => Task.FromResult(
            Execute(parse.GetValue(sources)!, parse.GetValue(into)!, parse.GetValue(json), cancellation))));
        return command;
    }

    private static int Execute(FileInfo[] sources, FileInfo into, bool json, CancellationToken cancellation)
    {
        MergeReport report;
        try
        {
            report = FarmMerger.Merge(into.FullName, sources.Select(s => s.FullName).ToList(), json ? null : Print, cancellation);
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
                    source = s.Source, schema_version = s.SchemaVersion, migrated_from = s.MigratedFrom, origin_host = s.OriginHost,
                    runs_added = s.RunsAdded, runs_already_present = s.RunsAlreadyPresent, runs_in_progress = s.RunsInProgress,
                    cases_added = s.CasesAdded, samples_added = s.SamplesAdded,
                    conflicts = s.Conflicts.Select(c => new { run = c.RunId, difference = c.Difference, farm_copy_from = c.FarmCopyFrom }),
                    refused_runs = s.RefusedRuns.Select(r => new { run = r.RunId, table = r.Table, problem = r.Problem }),
                    error = s.Error,
                }),
            }, JsonOutput.Options));
        }
        else
        {
            System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"merged {report.Sources.Count(s => s.Succeeded)}/{report.Sources.Count} source(s) into {PrintableText.Escape(report.Target)}: {report.RunsAdded} run(s) added, {report.ConflictCount} conflict(s), {report.RefusedRunCount} run(s) refused"));
        }
        return report.Clean ? ExitCodes.Success : ExitCodes.Failed;
    }

    private static void Print(MergeSourceResult s)
    {
        var source = PrintableText.Escape(s.Source);
        if (!s.Succeeded)
        {
            System.Console.Error.WriteLine($"{source}: REFUSED: {PrintableText.Escape(s.Error)}");
            return;
        }
        var migrated = s.MigratedFrom is { } v ? $" (migrated from schema {v})" : "";
        System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{source}: {s.RunsAdded} run(s) added ({s.CasesAdded} cases, {s.SamplesAdded} samples), {s.RunsAlreadyPresent} already present, {s.RunsInProgress} still running (not merged), {s.Conflicts.Count} conflict(s), {s.RefusedRuns.Count} refused{migrated}"));
        foreach (var r in s.RefusedRuns) System.Console.Error.WriteLine($"{source}: REFUSED {PrintableText.Escape(r.ToString())}");
        foreach (var c in s.Conflicts)
        {
            var from = c.FarmCopyFrom is { } f ? $" (its copy came from {PrintableText.Escape(f)})" : "";
            System.Console.Error.WriteLine($"{source}: CONFLICT run {PrintableText.Escape(c.RunId)}: {PrintableText.Escape(c.Difference)}; the farm database keeps its copy{from}");
        }
    }
}
