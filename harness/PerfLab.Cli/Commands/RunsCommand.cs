using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Text;
using PerfLab.Results;

namespace PerfLab.Cli.Commands;

/// <summary><c>perflab runs</c>: lists stored runs, newest first.</summary>
internal static class RunsCommand
{
    public static Command Create()
    {
        var db = CommonOptions.Database();
        var suite = new Option<string?>("--suite") { Description = "Only runs of this suite." };
        var limit = new Option<int>("--limit") { Description = "At most this many runs.", DefaultValueFactory = _ => 50 };
        var json = CommonOptions.Json();
        var command = new Command("runs", "List stored runs, newest first: id, suite, build, branch, device, status and case counts. Read-only: the database is " +
            "opened as an untrusted file and never written (a run left 'running' by a dead agent is recovered by the next agent).\nExample: perflab runs --db perflab.db --limit 10")
        { db, suite, limit, json };
        command.SetAction((parse, cancellation) => CliAction.RunAsync(() => Task.FromResult(
            Execute(parse.GetValue(db)!, parse.GetValue(suite), parse.GetValue(limit), parse.GetValue(json), cancellation))));
        return command;
    }

    private static int Execute(FileInfo db, string? suite, int limit, bool json, CancellationToken cancellation)
    {
        // Read-only: listing runs never writes the file (crash recovery is the agent's, on its own database).
        using var store = ReadDatabase.Open(db, cancellation);
        var runs = store.Queries.ListRuns().Where(r => suite is null || r.Suite == suite).Take(limit).ToList();
        if (json)
        {
            System.Console.WriteLine(JsonSerializer.Serialize(runs.Select(r => new
            {
                id = r.Id, suite = r.Suite, suite_version = r.SuiteVersion, scope = r.Scope.ToName(), build = r.Build, branch = r.Branch,
                tags = r.Tags, host = r.Host, device = r.DeviceId, device_model = r.DeviceModel, emulated = r.Emulated,
                status = r.Status.ToString().ToLowerInvariant(), started_at = r.StartedAt, ended_at = r.EndedAt,
                cases_passed = r.CasesPassed, cases_failed = r.CasesFailed,
            }), JsonOutput.Options));
            return ExitCodes.Success;
        }
        if (runs.Count == 0)
        {
            System.Console.WriteLine("no runs stored");
            return ExitCodes.Success;
        }
        // Every value in full, each column as wide as its longest value: device ids such as
        // hailo-emulated:hailo-10h-...:<serial> differ only at their end, so a cut column could not tell them apart.
        var rows = runs.Select(r => new[]
        {
            PrintableText.Escape(r.Id), PrintableText.Escape(r.Suite), PrintableText.Escape(r.Build), PrintableText.Escape(r.DeviceId), r.Status.ToString().ToLowerInvariant(),
            $"{r.CasesPassed}/{r.CasesPassed + r.CasesFailed}",
            r.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        }).ToList();
        string[] header = ["run", "suite", "build", "device", "status", "cases", "started (UTC)"];
        var widths = header.Select((h, i) => rows.Max(r => r[i].Length) is var w && w > h.Length ? w : h.Length).ToArray();
        foreach (var row in rows.Prepend(header))
        {
            System.Console.WriteLine(string.Join("  ", row.Select((cell, i) => i == 5 ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i]))).TrimEnd());
        }
        System.Console.WriteLine($"{runs.Count} run(s) shown (a run is one suite on one device at one build); cases passed/stored per run.");
        return ExitCodes.Success;
    }
}
