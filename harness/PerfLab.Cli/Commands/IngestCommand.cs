using System.CommandLine;
using System.Text.Json;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Text;
using PerfLab.Results;
using PerfLab.Results.Import;

namespace PerfLab.Cli.Commands;

/// <summary><c>perflab ingest</c>: stores an external history (CSV, one row per sample), one PerfLab JSON run, or a peer tool's
/// results (BMF, github-action-benchmark, BenchmarkDotNet, pytest-benchmark, Google Benchmark, go test -bench), all or nothing.</summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The history file (CSV, PerfLab JSON run, or a peer format: see --format)." };
        var db = CommonOptions.Database();
        var format = new Option<string?>("--format")
        {
            Description = $"csv, json, or a peer format: {string.Join(", ", PeerFormats.Names)} (docs/gating.md). Default: from the extension (.csv, .json, .js = gab-history).",
        };
        format.AcceptOnlyFromAmong(["csv", "json", .. PeerFormats.Names]);
        var build = new Option<string?>("--build") { Description = "Peer formats: the build under test (git sha or version), where the file names none or to override it." };
        var device = new Option<string?>("--device") { Description = "Peer formats: the device's name (one series per name), where the file names none or to override it." };
        var suite = new Option<string?>("--suite") { Description = "Peer formats: the suite, where the file names none or to override it." };
        var better = new Option<string?>("--better") { Description = "Peer formats: higher or lower, for metrics whose good direction the format does not say (BMF custom measures, custom units, counters)." };
        better.AcceptOnlyFromAmong("higher", "lower");
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
            "the same file again stores nothing new. Peer formats map into the same runs, cases, metrics and samples (raw samples " +
            "where the format keeps them); --build, --device and --suite fill in what a format lacks.\n" +
            "Example: perflab ingest nightly.csv --db perflab.db --format csv\n" +
            "Example: perflab ingest bench.json --db perflab.db --format bmf --build $GITHUB_SHA --device rpi5-hailo8 --suite yolo")
        { file, db, format, branch, scope, emulated, tags, build, device, suite, better, json };
        command.SetAction((parse, _) => CliAction.RunAsync(() => Task.FromResult(Execute(
            parse.GetValue(file)!, parse.GetValue(db)!, parse.GetValue(format), parse.GetValue(branch), parse.GetValue(scope),
            parse.GetValue(emulated), parse.GetValue(tags) ?? [], parse.GetValue(json),
            new PeerImportOptions(parse.GetValue(build), parse.GetValue(device), parse.GetValue(suite),
                parse.GetValue(better) switch { "higher" => Better.Higher, "lower" => Better.Lower, _ => null }, DateTimeOffset.UtcNow)))));
        return command;
    }

    private static int Execute(FileInfo file, FileInfo db, string? format, string? branch, string? scopeText, bool emulated, string[] tagTexts, bool json,
        PeerImportOptions peer)
    {
        if (!file.Exists) throw new UsageException($"{file.FullName}: no such file");
        format ??= file.Extension.ToLowerInvariant() switch
        {
            ".csv" => "csv",
            ".json" => "json",
            ".js" => GabHistoryReader.Format,
            _ => throw new UsageException($"{file.Name}: cannot tell the format from the extension; give --format (csv, json, {string.Join(", ", PeerFormats.Names)})"),
        };
        if (!PeerFormats.IsPeer(format))
            foreach (var (given, name) in new[] { (peer.Build, "--build"), (peer.Device, "--device"), (peer.Suite, "--suite") })
                if (given is not null) throw new UsageException($"{name} applies to peer formats; a {format.ToUpperInvariant()} history names it itself");
        foreach (var (given, name) in new[] { (peer.Build, "--build"), (peer.Device, "--device"), (peer.Suite, "--suite") })
            if (given is not null && given.Trim().Length == 0) throw new UsageException($"{name} must not be empty");
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
            // Two passes over the file: memory is bounded by the largest run, not the history (docs/performance.md, "Ingest memory").
            imported = CsvHistoryReader.ReadFile(file.FullName, label, options);
        }
        else if (format == "json") imported = JsonRunReader.Read(File.ReadAllBytes(file.FullName), label, options);
        else imported = PeerFormats.Read(format, File.ReadAllText(file.FullName), label, options, peer);
        if (!imported.Ok) return Refuse(imported.Problems, label);

        using var store = SqliteResultStore.Open(db.FullName);
        IngestOutcome outcome;
        try { outcome = HistoryIngester.Ingest(store, imported, label); }
        catch (InvalidDataException e)
        {
            System.Console.Error.WriteLine(PrintableText.Escape(e.Message));
            return ExitCodes.InvalidInput;
        }
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
        samples = r.Samples,
    };

    private static string Line(ImportedRun r) =>
        $"{r.Run.Id}  suite {r.Run.Suite}  build {r.Run.Build}  device {r.Run.Device.Id}  branch {r.Run.Branch}  {r.Cases.Count} case(s), {r.Samples} sample(s)";
}
