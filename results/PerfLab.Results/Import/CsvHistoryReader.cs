using System.Globalization;
using System.Text.RegularExpressions;
using PerfLab.Harness.Domain;

namespace PerfLab.Results.Import;

/// <summary>Reads an external history in CSV (one row per sample) into runs: one run per build × device × suite, one case per
/// case name, several rows of one case and metric are its repetitions. Pure: text in, runs or positioned problems out.</summary>
public static partial class CsvHistoryReader
{
    /// <summary>The exact header line.</summary>
    public const string Header = "timestamp,build,device,suite,case,metric,unit,better,value";

    /// <summary>Suite version recorded for CSV runs (part of their comparability key).</summary>
    public const string SuiteVersion = "csv";

    /// <summary>Step name of every ingested sample.</summary>
    public const string Step = "ingest";

    private static readonly string[] Columns = Header.Split(',');

    /// <summary>Parses <paramref name="text"/>; every bad row is reported (none is dropped silently), and a file with any problem yields no run.</summary>
    /// <param name="file">How messages name the file.</param>
    public static ImportResult Read(string text, string file, ImportOptions options)
    {
        var problems = new List<ImportProblem>();
        var lines = text.TrimStart('\uFEFF').Split('\n');
        if (lines.Length == 0 || lines[0].TrimEnd('\r') != Header)
        {
            var got = lines.Length == 0 ? "" : lines[0].TrimEnd('\r');
            return new ImportResult([], [new ImportProblem(file, 1, $"the header must be exactly '{Header}', found '{Shorten(got)}'")]);
        }

        var rows = new List<CsvRow>();
        var declared = new Dictionary<(string Suite, string Metric), (string Unit, Better Better, int Line)>();
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var number = i + 1;
            if (line.Trim().Length == 0) continue;
            var before = problems.Count;
            var row = ParseRow(line, number, file, problems);
            if (row is null || problems.Count > before) continue;
            if (declared.TryGetValue((row.Suite, row.Metric), out var first))
            {
                if (first.Unit != row.Unit)
                    problems.Add(new(file, number, $"metric '{row.Metric}' of suite '{row.Suite}' has unit '{row.Unit}' here but '{first.Unit}' on line {first.Line}"));
                if (first.Better != row.Better)
                    problems.Add(new(file, number, $"metric '{row.Metric}' of suite '{row.Suite}' is '{BetterText(row.Better)}' is better here but '{BetterText(first.Better)}' on line {first.Line}"));
            }
            else declared[(row.Suite, row.Metric)] = (row.Unit, row.Better, number);
            rows.Add(row);
        }
        if (problems.Count == 0 && rows.Count == 0) problems.Add(new(file, 1, "no data rows after the header"));
        if (problems.Count > 0) return new ImportResult([], problems);

        var fileHash = IngestIdentity.FileHash(text);
        var runs = rows
            .GroupBy(r => (r.Build, r.Device, r.Suite))
            .Select(g => ToRun(g.ToList(), file, fileHash, options))
            .ToList();
        return new ImportResult(runs, []);
    }

    private static CsvRow? ParseRow(string line, int number, string file, List<ImportProblem> problems)
    {
        var fields = CsvFields.Split(line, out var error);
        if (fields is null) { problems.Add(new(file, number, error!)); return null; }
        if (fields.Count != Columns.Length)
        {
            problems.Add(new(file, number, $"expected {Columns.Length} fields ({Header}), found {fields.Count}"));
            return null;
        }
        var f = fields.Select(x => x.Trim()).ToArray();
        void Bad(string message) => problems.Add(new(file, number, message));

        DateTimeOffset at = default;
        if (!IsoTimestamp().IsMatch(f[0]) ||
            !DateTimeOffset.TryParse(f[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at))
            Bad($"timestamp '{Shorten(f[0])}' is not an ISO-8601 date-time (e.g. 2025-03-01T08:00:00Z)");
        for (var c = 1; c <= 6; c++)
            if (f[c].Length == 0) Bad($"{Columns[c]} is empty");
        Better better = default;
        if (f[7] == "higher") better = Better.Higher;
        else if (f[7] == "lower") better = Better.Lower;
        else Bad($"better must be 'higher' or 'lower', found '{Shorten(f[7])}'");
        if (!double.TryParse(f[8], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            Bad($"value '{Shorten(f[8])}' is not a finite number");
        return new CsvRow(number, at, f[1], f[2], f[3], f[4], f[5], f[6], better, value);
    }

    private static ImportedRun ToRun(List<CsvRow> rows, string file, string fileHash, ImportOptions options)
    {
        var first = rows[0];
        var branch = options.Branch ?? ImportOptions.DefaultBranch;
        var scope = options.Emulated ? EvidenceScope.Emulated : options.Scope;
        var tags = options.Tags ?? new Dictionary<string, string>();
        var device = ExternalDevice(first.Device, options.Emulated);
        var metrics = rows.GroupBy(r => r.Metric).Select(g => new MetricSpec(g.Key, g.First().Unit, g.First().Better, MetricGate.None))
            .OrderBy(m => m.Name, StringComparer.Ordinal).ToList();

        var cases = rows.GroupBy(r => r.Case).Select(g =>
        {
            var (key, parts) = IngestIdentity.ComparabilityKey(first.Suite, SuiteVersion, device, new Dictionary<string, string>(), g.Key);
            var samples = g.GroupBy(r => r.Metric)
                .SelectMany(m => m.Select((r, k) => (Row: r, Sample: new RecordedSample(Step, k + 1, r.Metric, r.Value, r.Unit))))
                .OrderBy(x => x.Row.Line).Select(x => x.Sample).ToList();
            return new CaseResult(g.Key, new Dictionary<string, string>(), device, key, parts, CaseStatus.Passed, null, null,
                samples, [], [], [], [], new Dictionary<string, string>(), g.Min(r => r.At), g.Max(r => r.At));
        }).ToList();

        var content = new List<string> { scope.ToName(), options.Emulated ? "emulated" : "real", string.Join(",", tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Key + "=" + t.Value)) };
        content.AddRange(rows.Select(r => string.Join("|", r.At.UtcTicks.ToString(CultureInfo.InvariantCulture), r.Case, r.Metric, r.Unit,
            BetterText(r.Better), r.Value.ToString("R", CultureInfo.InvariantCulture))));
        var prefix = IngestIdentity.Prefix(first.Suite, first.Device, first.Build, branch);
        var id = IngestIdentity.RunId(prefix, IngestIdentity.Hash(content));

        var run = new RunInfo(id, first.Suite, SuiteVersion, fileHash, scope, first.Build, branch, tags, ExternalHost(first.Device), device,
            options.AgentVersion,
            new Dictionary<string, string> { ["ingest.format"] = "csv", ["ingest.file"] = Path.GetFileName(file), ["ingest.first_line"] = first.Line.ToString(CultureInfo.InvariantCulture) },
            rows.Min(r => r.At), metrics);
        return new ImportedRun(run, rows.Max(r => r.At), cases, prefix, first.Line);
    }

    /// <summary>A device PerfLab knows only by the name a history gives it (id = model = that name).</summary>
    public static Device ExternalDevice(string name, bool emulated) =>
        new(name, IngestIdentity.ExternalFamily, name,
            new Dictionary<string, string> { ["family"] = IngestIdentity.ExternalFamily, ["model"] = name, ["emulated"] = emulated ? "true" : "false" },
            new Dictionary<string, string>(), [], emulated);

    /// <summary>The host recorded for an external device: "external:NAME", nothing else known.</summary>
    public static HostInfo ExternalHost(string device) => new("external:" + device, "unknown", "unknown", 0, "unknown");

    internal static string BetterText(Better b) => b == Better.Higher ? "higher" : "lower";

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:?\d{2})?)?$")]
    private static partial Regex IsoTimestamp();

    private sealed record CsvRow(int Line, DateTimeOffset At, string Build, string Device, string Suite, string Case, string Metric, string Unit, Better Better, double Value);
}
