using System.CommandLine;
using System.Text;
using PerfLab.Results;
using PerfLab.Results.Export;

namespace PerfLab.Cli.Commands;

/// <summary><c>perflab export</c>: writes stored samples as BMF (one document per build × device, for Bencher) or as CSV / JSON
/// for a spreadsheet, with formula-like cells neutralised.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var db = CommonOptions.Database();
        var format = new Option<string>("--format") { Description = "bmf, csv or json.", Required = true };
        format.AcceptOnlyFromAmong("bmf", "csv", "json");
        var build = new Option<string?>("--build") { Description = "Only this build." };
        var device = new Option<string?>("--device") { Description = "Only this device (its id or model; an ingested history's device name)." };
        var suite = new Option<string?>("--suite") { Description = "Only this suite (BMF then names benchmarks by case alone)." };
        var branch = new Option<string?>("--branch") { Description = "Only runs of this branch." };
        var output = new Option<FileInfo?>("--out")
        {
            Description = "Write here instead of stdout. A BMF export of several build × device pairs needs a folder: one BUILD.DEVICE.json per pair.",
        };
        var command = new Command("export",
            "Export stored samples. bmf: Bencher Metric Format per build × device (benchmark = suite/case, or the case with --suite; " +
            "measure = metric; value = median of the build's samples; lower_value/upper_value = the bounds the source reported, else the " +
            "smallest and largest sample). csv: one row per sample in the exact shape 'perflab ingest' reads. json: an array of flat " +
            "records (run, build, branch, host, device, suite, case, parameters, comparability key, metric, unit, better, repetition, " +
            "value). Text cells starting with =, +, -, @ are prefixed with ' so a spreadsheet never runs them. Exit 0, 2 on usage.\n" +
            "Example: perflab export --db perflab.db --format bmf --build $GITHUB_SHA --device rpi5-hailo8 --out bench.json\n" +
            "Example: perflab export --db perflab.db --format csv --suite hailo-yolo --out yolo.csv")
        { db, format, build, device, suite, branch, output };
        command.SetAction((parse, _) => CliAction.RunAsync(() => Task.FromResult(Execute(parse.GetValue(db)!, parse.GetValue(format)!,
            new ExportSelection(parse.GetValue(build), parse.GetValue(device), parse.GetValue(suite), parse.GetValue(branch)), parse.GetValue(output)))));
        return command;
    }

    private static int Execute(FileInfo db, string format, ExportSelection selection, FileInfo? output)
    {
        using var store = SqliteResultStore.Open(CliAction.ExistingDatabase(db).FullName);
        var rows = selection.Load(store);
        if (rows.Count == 0) throw new UsageException($"nothing to export: no passed case in {db.FullName} matches the selection");
        if (format != "bmf")
        {
            Emit(output, format == "csv" ? SpreadsheetCsvWriter.Write(rows) : SpreadsheetJsonWriter.Write(rows));
            System.Console.Error.WriteLine($"{rows.Count} sample(s) exported{(output is null ? "" : " to " + output.FullName)}");
            return ExitCodes.Success;
        }

        var documents = rows.GroupBy(r => (r.Build, r.DeviceModel)).ToList();
        var plain = selection.Suite is not null;
        if (documents.Count == 1)
        {
            Emit(output, BmfWriter.Write(documents[0].ToList(), plain));
            return ExitCodes.Success;
        }
        if (output is null || File.Exists(output.FullName))
            throw new UsageException($"{documents.Count} build × device pairs match: give --build and --device for one document, or --out FOLDER for one file per pair");
        Directory.CreateDirectory(output.FullName);
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in documents)
        {
            var name = $"{SafeName(d.Key.Build)}.{SafeName(d.Key.DeviceModel)}.json";
            if (!written.Add(name)) throw new UsageException($"two build × device pairs map to the file name {name}; export them one at a time with --build and --device");
            var path = Path.Combine(output.FullName, name);
            Write(path, BmfWriter.Write(d.ToList(), plain));
            System.Console.WriteLine($"{path}  build {d.Key.Build}  device {d.Key.DeviceModel}");
        }
        return ExitCodes.Success;
    }

    // Build and device names come from the store (from any ingested file): never let one choose where a file goes.
    private static string SafeName(string text)
    {
        var safe = new StringBuilder();
        foreach (var ch in text) safe.Append(char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' ? ch : '_');
        return safe.Length == 0 ? "_" : safe.ToString(0, Math.Min(safe.Length, 80));
    }

    private static void Emit(FileInfo? output, string text)
    {
        if (output is null) System.Console.Out.Write(text);
        else Write(output.FullName, text);
    }

    private static void Write(string path, string text)
    {
        try
        {
            if (Path.GetDirectoryName(path) is { Length: > 0 } dir) Directory.CreateDirectory(dir);
            File.WriteAllText(path, text, new UTF8Encoding(false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{path}: cannot write: {e.Message}");
        }
    }
}
