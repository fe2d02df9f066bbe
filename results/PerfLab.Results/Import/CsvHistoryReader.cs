using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using PerfLab.Harness.Domain;

namespace PerfLab.Results.Import;

/// <summary>Reads an external history in CSV (one row per sample) into runs: one run per build × device × suite, one case per
/// case name, several rows of one case and metric are its repetitions. Pure: text (or a stream) in, runs or positioned
/// problems out.</summary>
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
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return Read(stream, file, options);
    }

    /// <summary>Parses a history from <paramref name="stream"/> without holding its text: lines are read one at a time as strict
    /// UTF-8, each row kept as one compact record whose names are shared strings, and each run's identity hashed as its rows
    /// arrive. Every bad row is reported as FILE:LINE (a line that is not UTF-8, a name with control characters, a time in the
    /// future, a figure beyond ±1e15 included); a file with any problem yields no run.</summary>
    public static ImportResult Read(Stream stream, string file, ImportOptions options, DateTimeOffset? now = null)
    {
        var clock = now ?? DateTimeOffset.UtcNow;
        var problems = new List<ImportProblem>();
        using var lines = new Utf8Lines(stream);
        if (!lines.Next(out var head) || head.Text?.TrimEnd('\r') != Header)
        {
            var got = head.Problem ?? $"found '{Shorten(head.Text?.TrimEnd('\r') ?? "")}'";
            return new ImportResult([], [new ImportProblem(file, 1, $"the header must be exactly '{Header}', {got}")]);
        }

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var runs = new Dictionary<(string Build, string Device, string Suite), RunRows>();
        var order = new List<RunRows>();
        var declared = new Dictionary<(string Suite, string Metric), (string Unit, Better Better, int Line)>();
        var prefix = ContentPrefix(options);
        while (lines.Next(out var next))
        {
            var number = next.Number;
            if (next.Problem is { } bad) { problems.Add(new(file, number, bad)); continue; }
            var line = next.Text!.TrimEnd('\r');
            if (line.Trim().Length == 0) continue;
            var before = problems.Count;
            var row = ParseRow(line, number, file, problems, names, clock);
            if (row is not { } r || problems.Count > before) continue;
            if (declared.TryGetValue((r.Suite, r.Metric), out var first))
            {
                if (first.Unit != r.Unit)
                    problems.Add(new(file, number, $"metric '{r.Metric}' of suite '{r.Suite}' has unit '{r.Unit}' here but '{first.Unit}' on line {first.Line}"));
                if (first.Better != r.Better)
                    problems.Add(new(file, number, $"metric '{r.Metric}' of suite '{r.Suite}' is '{BetterText(r.Better)}' is better here but '{BetterText(first.Better)}' on line {first.Line}"));
            }
            else declared[(r.Suite, r.Metric)] = (r.Unit, r.Better, number);
            if (problems.Count > 0) continue; // the file will be refused: keep nothing more of it
            if (!runs.TryGetValue((r.Build, r.Device, r.Suite), out var group))
            {
                runs[(r.Build, r.Device, r.Suite)] = group = new RunRows(prefix);
                order.Add(group);
            }
            group.Add(r);
        }
        if (problems.Count == 0 && order.Count == 0) problems.Add(new(file, 1, "no data rows after the header"));
        if (problems.Count > 0) return new ImportResult([], problems);

        var fileHash = lines.FileHash();
        return new ImportResult(order.Select(g => ToRun(g, file, fileHash, options)).ToList(), []);
    }

    private static CsvRow? ParseRow(string line, int number, string file, List<ImportProblem> problems, Dictionary<string, string> names, DateTimeOffset now)
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
        else if (StoredValueRules.Time(at, now) is { } badTime) Bad($"timestamp {badTime}");
        for (var c = 1; c <= 6; c++)
        {
            if (f[c].Length == 0) Bad($"{Columns[c]} is empty");
            else if (StoredValueRules.Name(f[c]) is { } badName) Bad($"{Columns[c]} {badName}");
        }
        Better better = default;
        if (f[7] == "higher") better = Better.Higher;
        else if (f[7] == "lower") better = Better.Lower;
        else Bad($"better must be 'higher' or 'lower', found '{Shorten(f[7])}'");
        if (!double.TryParse(f[8], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            Bad($"value '{Shorten(f[8])}' is not a finite number");
        else if (StoredValueRules.Sample(value) is { } badValue) Bad($"value {badValue}");
        // Names repeat on every row: one string each, however many rows.
        string Shared(string s)
        {
            if (!names.TryGetValue(s, out var shared)) names[s] = shared = s;
            return shared;
        }
        return new CsvRow(number, at, Shared(f[1]), Shared(f[2]), Shared(f[3]), Shared(f[4]), Shared(f[5]), Shared(f[6]), better, value);
    }

    /// <summary>The parts every run's content hash starts with (what the options add to each run).</summary>
    private static string[] ContentPrefix(ImportOptions options)
    {
        var scope = options.Emulated ? EvidenceScope.Emulated : options.Scope;
        var tags = options.Tags ?? new Dictionary<string, string>();
        return [scope.ToName(), options.Emulated ? "emulated" : "real", string.Join(",", tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Key + "=" + t.Value))];
    }

    private static ImportedRun ToRun(RunRows group, string file, string fileHash, ImportOptions options)
    {
        var rows = group.Rows;
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

        var prefix = IngestIdentity.Prefix(first.Suite, first.Device, first.Build, branch);
        var id = IngestIdentity.RunId(prefix, group.ContentHash());

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

    /// <summary>One row, as small as it can be: a value type in its run's list, names shared with every other row.</summary>
    private readonly record struct CsvRow(int Line, DateTimeOffset At, string Build, string Device, string Suite, string Case, string Metric, string Unit, Better Better, double Value);

    /// <summary>The rows of one build × device × suite, and the hash of its content, fed row by row
    /// (the same value <see cref="IngestIdentity.Hash"/> gives for the whole list of parts).</summary>
    private sealed class RunRows
    {
        private readonly IncrementalHash _content = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public RunRows(string[] prefix)
        {
            foreach (var part in prefix) Append(part);
        }

        public List<CsvRow> Rows { get; } = [];

        public void Add(CsvRow r)
        {
            Rows.Add(r);
            Append(string.Join("|", r.At.UtcTicks.ToString(CultureInfo.InvariantCulture), r.Case, r.Metric, r.Unit,
                BetterText(r.Better), r.Value.ToString("R", CultureInfo.InvariantCulture)));
        }

        public string ContentHash() => Convert.ToHexStringLower(_content.GetHashAndReset());

        private void Append(string part) =>
            _content.AppendData(Encoding.UTF8.GetBytes(part.Length.ToString(CultureInfo.InvariantCulture) + ":" + part + "\n"));
    }
}
