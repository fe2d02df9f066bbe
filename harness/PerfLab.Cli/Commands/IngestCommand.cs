using System.CommandLine;
using System.Text.Json;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Text;
using PerfLab.Results;
using PerfLab.Results.Import;

namespace PerfLab.Cli.Commands;

/// <summary><c>perflab ingest</c>: stores an external history (CSV, one row per sample) or one PerfLab JSON run, all or nothing.</summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The history file (CSV or PerfLab JSON run)." };
        var db = CommonOptions.Database();
        var format = new Option<string?>("--format") { Description = "csv or json. Default: from the file's extension." };
        format.AcceptOnlyFromAmong("csv", "json");
        var branch = new Option<string?>("--branch") { Description = "Branch of every ingested run (overrides a JSON run's own). Default: the file's, else main." };
        var scope = new Option<string?>("--scope")
        {
            Description = $"Evidence scope of the ingested runs ({string.Join(", ", EvidenceScopeNames.All)}). Default: research-campaign for CSV, the run's own for JSON.",
        };
        var emulated = new Option<bool>("--emulated") { Description = "The CSV's devices are emulated (runs are then scoped emulated, never evidence)." };
        var tags = new Option<string[]>("--tag") { Description = "A tag key=value added to every ingested run (repeatable), e.g. --tag release=1.4." };
        var json = CommonOptions.Json();
        var command = new Command("ingest",
            $"Store an external history. CSV header (exact): {CsvHistoryReader.Header}; one row per sample; rows of one build × device × suite " +
            "form one run, rows of one case and metric its repetitions. JSON: one run in PerfLab's shape (docs/gating.md). Every bad row is " +
            "reported as FILE:LINE: message and then nothing of the file is stored (exit 2): bytes that are not UTF-8, a JSON key given twice, a " +
            "name with control characters, a time in the future and a figure beyond ±1e15 included. Run ids derive from the content, so ingesting " +
            "the same file again stores nothing new.\nExample: perflab ingest nightly.csv --db perflab.db --format csv")
        { file, db, format, branch, scope, emulated, tags, json };
        command.SetAction((parse, _) => CliAction.RunAsync(() => Task.FromResult(Execute(
            parse.GetValue(file)!, parse.GetValue(db)!, parse.GetValue(format), parse.GetValue(branch), parse.GetValue(scope),
            parse.GetValue(emulated), parse.GetValue(tags) ?? [], parse.GetValue(json)))));
        return command;
    }

    private static int Execute(FileInfo file, FileInfo db, string? format, string? branch, string? scopeText, bool emulated, string[] tagTexts, bool json)
    {
        if (!file.Exists) throw new UsageException($"{file.FullName}: no such file");
        format ??= file.Extension.ToLowerInvariant() switch
        {
            ".csv" => "csv",
            ".json" => "json",
            _ => throw new UsageException($"{file.Name}: cannot tell the format from the extension; give --format csv or --format json"),
        };
        EvidenceScope scope = EvidenceScope.ResearchCampaign;
        if (scopeText is not null && !EvidenceScopeNames.TryParse(scopeText, out scope))
            throw new UsageException($"--scope '{scopeText}': expected one of {string.Join(", ", EvidenceScopeNames.All)}");
        if (branch is not null && branch.Trim().Length == 0) throw new UsageException("--branch must not be empty");
        if (emulated && format == "json") throw new UsageException("--emulated applies to CSV histories; a JSON run says so in device.emulated");

        var options = new ImportOptions(branch, scope, scopeText is not null, emulated, RunCommand.ParseTags(tagTexts), PerfLabServices.AgentVersion);
        var label = file.ToString();
        ImportResult imported;
        if (format == "csv")
        {
            // Streamed: a history of millions of rows is never held as text (docs/performance.md, "Ingest memory").
            using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            imported = CsvHistoryReader.Read(stream, label, options);
        }
        else imported = JsonRunReader.Read(File.ReadAllBytes(file.FullName), label, options);
        if (!imported.Ok) return Refuse(imported.Problems, label);

        using var store = SqliteResultStore.Open(db.FullName);
        var outcome = HistoryIngester.Ingest(store, imported, label);
        if (outcome.Problems.Count > 0) return Refuse(outcome.Problems, label);

        if (json)
        {
            System.Console.WriteLine(JsonSerializer.Serialize(new
            {
                file = file.FullName,
                database = db.FullName,
                stored = outcome.Stored.Select(Describe),
                skipped = outcome.Skipped.Select(Describe),
                cases_stored = outcome.CasesStored,
            }, JsonOutput.Options));
        }
        else
        {
            foreach (var r in outcome.Stored) System.Console.WriteLine($"stored  {PrintableText.Escape(Line(r))}");
            foreach (var r in outcome.Skipped) System.Console.WriteLine($"skipped {PrintableText.Escape(Line(r))} (already stored)");
            System.Console.WriteLine($"{outcome.Stored.Count} run(s) stored ({outcome.CasesStored} cases), {outcome.Skipped.Count} already present; database {PrintableText.Escape(db.FullName)}");
        }
        return ExitCodes.Success;
    }

    private static int Refuse(IReadOnlyList<ImportProblem> problems, string file)
    {
        foreach (var p in problems) System.Console.Error.WriteLine(PrintableText.Escape(p.ToString()));
        System.Console.Error.WriteLine($"perflab: {problems.Count} problem(s) in {PrintableText.Escape(file)}; nothing of it was stored.");
        return ExitCodes.InvalidInput;
    }

    private static object Describe(ImportedRun r) => new
    {
        id = r.Run.Id,
        suite = r.Run.Suite,
        build = r.Run.Build,
        branch = r.Run.Branch,
        device = r.Run.Device.Id,
        scope = r.Run.Scope.ToName(),
        cases = r.Cases.Count,
        samples = r.Cases.Sum(c => c.Samples.Count),
    };

    private static string Line(ImportedRun r) =>
        $"{r.Run.Id}  suite {r.Run.Suite}  build {r.Run.Build}  device {r.Run.Device.Id}  branch {r.Run.Branch}  {r.Cases.Count} case(s), {r.Cases.Sum(c => c.Samples.Count)} sample(s)";
}
