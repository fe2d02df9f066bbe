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
        var scan = Scan(stream, file, options, now ?? DateTimeOffset.UtcNow, keepRows: true);
        if (scan.Problems.Count > 0) return new ImportResult([], scan.Problems);
        var shared = new SharedRunParts(options.Emulated);
        return new ImportResult(scan.Runs.Select(g => ToRun(g, file, scan.FileHash, options, shared, device => Cases(g, g.Rows!, device))).ToList(), []);
    }

    /// <summary>Parses the history in the file at <paramref name="path"/> in two passes so that memory stays bounded by the
    /// largest run, not the file: the first pass checks every row and hashes each run without keeping rows; the runs' cases
    /// are then built while the store walks them, by reading the file a second time (runs ordered by their last line). A run
    /// whose rows are spread over the file keeps the rows of the runs around it until it ends. If the file changes between
    /// the passes, walking the cases throws <see cref="InvalidDataException"/> naming FILE:LINE.</summary>
    public static ImportResult ReadFile(string path, string file, ImportOptions options, DateTimeOffset? now = null)
    {
        var clock = now ?? DateTimeOffset.UtcNow;
        CsvScan scan;
        using (var stream = OpenSequential(path)) scan = Scan(stream, file, options, clock, keepRows: false);
        if (scan.Problems.Count > 0) return new ImportResult([], scan.Problems);
        var ordered = scan.Runs.OrderBy(g => g.LastLine).ToList();
        var replay = new CsvRowReplay(() => OpenSequential(path), file, ordered, ContentPrefix(options), clock);
        var shared = new SharedRunParts(options.Emulated);
        return new ImportResult(ordered.Select(g => ToRun(g, file, scan.FileHash, options, shared, device => Cases(g, replay.Take(g), device))).ToList(), []);
    }

    private static FileStream OpenSequential(string path) => new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);

    private sealed record CsvScan(IReadOnlyList<RunRows> Runs, string FileHash, IReadOnlyList<ImportProblem> Problems);

    private static CsvScan Scan(Stream stream, string file, ImportOptions options, DateTimeOffset clock, bool keepRows)
    {
        var problems = new List<ImportProblem>();
        using var lines = new Utf8Lines(stream);
        if (!lines.Next(out var head) || head.Text?.TrimEnd('\r') != Header)
        {
            var got = head.Problem ?? $"found '{Shorten(head.Text?.TrimEnd('\r') ?? "")}'";
            return new CsvScan([], "", [new ImportProblem(file, 1, $"the header must be exactly '{Header}', {got}")]);
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
            var parsed = ParseRow(line, number, file, problems, names, clock);
            if (parsed is not var (key, r) || problems.Count > before) continue;
            if (declared.TryGetValue((key.Suite, r.Metric), out var first))
            {
                if (first.Unit != r.Unit)
                    problems.Add(new(file, number, $"metric '{r.Metric}' of suite '{key.Suite}' has unit '{r.Unit}' here but '{first.Unit}' on line {first.Line}"));
                if (first.Better != r.Better)
                    problems.Add(new(file, number, $"metric '{r.Metric}' of suite '{key.Suite}' is '{BetterText(r.Better)}' is better here but '{BetterText(first.Better)}' on line {first.Line}"));
            }
            else declared[(key.Suite, r.Metric)] = (r.Unit, r.Better, number);
            if (problems.Count > 0) continue; // the file will be refused: keep nothing more of it
            if (!runs.TryGetValue(key, out var group))
            {
                runs[key] = group = new RunRows(key.Build, key.Device, key.Suite, prefix, keepRows);
                order.Add(group);
            }
            group.Add(r);
        }
        if (problems.Count == 0 && order.Count == 0) problems.Add(new(file, 1, "no data rows after the header"));
        if (problems.Count > 0) return new CsvScan([], "", problems);
        foreach (var g in order) g.Seal();
        return new CsvScan(order, lines.FileHash(), []);
    }

    /// <summary>Parses one data row (a problem is added for each bad field). The row's run key is returned beside it.</summary>
    internal static ((string Build, string Device, string Suite) Key, CsvRow Row)? ParseRow(string line, int number, string file, List<ImportProblem> problems, Dictionary<string, string> names, DateTimeOffset now)
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
        return ((Shared(f[1]), Shared(f[2]), Shared(f[3])), new CsvRow(number, at, Shared(f[4]), Shared(f[5]), Shared(f[6]), better, value));
    }

    /// <summary>The parts every run's content hash starts with (what the options add to each run).</summary>
    internal static string[] ContentPrefix(ImportOptions options)
    {
        var scope = options.Emulated ? EvidenceScope.Emulated : options.Scope;
        var tags = options.Tags ?? new Dictionary<string, string>();
        return [scope.ToName(), options.Emulated ? "emulated" : "real", string.Join(",", tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Key + "=" + t.Value))];
    }

    private static ImportedRun ToRun(RunRows group, string file, string fileHash, ImportOptions options, SharedRunParts shared, Func<Device, IEnumerable<CaseResult>> cases)
    {
        var branch = options.Branch ?? ImportOptions.DefaultBranch;
        var scope = options.Emulated ? EvidenceScope.Emulated : options.Scope;
        var tags = options.Tags ?? new Dictionary<string, string>();
        var (device, host) = shared.Device(group.Device);
        var metrics = shared.Metrics(group.Metrics);
        var prefix = IngestIdentity.Prefix(group.Suite, group.Device, group.Build, branch);
        var id = IngestIdentity.RunId(prefix, group.Hash!);
        var run = new RunInfo(id, group.Suite, SuiteVersion, fileHash, scope, group.Build, branch, tags, host, device,
            options.AgentVersion,
            new Dictionary<string, string> { ["ingest.format"] = "csv", ["ingest.file"] = Path.GetFileName(file), ["ingest.first_line"] = group.FirstLine.ToString(CultureInfo.InvariantCulture) },
            group.FirstAt, metrics);
        // The cases are built each time the store (or a caller) walks them and dropped after: a million-row history never
        // holds a million sample objects (docs/performance.md, "Ingest memory").
        return new ImportedRun(run, group.LastAt, new DeferredList<CaseResult>(group.CaseCount, () => cases(device)), prefix, group.FirstLine)
            { SampleCount = group.Count };
    }

    private static IEnumerable<CaseResult> Cases(RunRows group, IReadOnlyList<CsvRow> rows, Device device) =>
        rows.GroupBy(r => r.Case).Select(g =>
        {
            var (key, parts) = IngestIdentity.ComparabilityKey(group.Suite, SuiteVersion, device, new Dictionary<string, string>(), g.Key);
            var samples = g.GroupBy(r => r.Metric)
                .SelectMany(m => m.Select((r, k) => (Row: r, Sample: new RecordedSample(Step, k + 1, r.Metric, r.Value, r.Unit))))
                .OrderBy(x => x.Row.Line).Select(x => x.Sample).ToList();
            return new CaseResult(g.Key, new Dictionary<string, string>(), device, key, parts, CaseStatus.Passed, null, null,
                samples, [], [], [], [], new Dictionary<string, string>(), g.Min(r => r.At), g.Max(r => r.At));
        });

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

    /// <summary>Parts every run of one device (or one set of metrics) shares: a long history holds them once, not per run.</summary>
    private sealed class SharedRunParts(bool emulated)
    {
        private readonly Dictionary<string, (Device, HostInfo)> _devices = new(StringComparer.Ordinal);
        private readonly Dictionary<string, IReadOnlyList<MetricSpec>> _metrics = new(StringComparer.Ordinal);

        public (Device Device, HostInfo Host) Device(string name)
        {
            if (!_devices.TryGetValue(name, out var parts)) _devices[name] = parts = (ExternalDevice(name, emulated), ExternalHost(name));
            return parts;
        }

        public IReadOnlyList<MetricSpec> Metrics(SortedDictionary<string, (string Unit, Better Better)> declared)
        {
            var key = string.Join("\n", declared.Select(m => $"{m.Key}\t{m.Value.Unit}\t{BetterText(m.Value.Better)}"));
            if (!_metrics.TryGetValue(key, out var list))
                _metrics[key] = list = declared.Select(m => new MetricSpec(m.Key, m.Value.Unit, m.Value.Better, MetricGate.None)).ToList();
            return list;
        }
    }

    /// <summary>One row, as small as it can be: a value type in its run's list, names shared with every other row, and the
    /// build, device and suite kept once by the run.</summary>
    internal readonly record struct CsvRow(int Line, DateTimeOffset At, string Case, string Metric, string Unit, Better Better, double Value);

    /// <summary>What is known of one build × device × suite after a pass: where its rows are, its cases and metrics, the hash of
    /// its content (fed row by row, the same value <see cref="IngestIdentity.Hash"/> gives for the whole list of parts) and,
    /// when asked to, its rows.</summary>
    internal sealed class RunRows
    {
        private readonly IncrementalHash _content = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private HashSet<string>? _cases = new(StringComparer.Ordinal);

        public RunRows(string build, string device, string suite, string[] prefix, bool keepRows)
        {
            (Build, Device, Suite) = (build, device, suite);
            Rows = keepRows ? [] : null;
            foreach (var part in prefix) Append(part);
        }

        public string Build { get; }
        public string Device { get; }
        public string Suite { get; }
        public List<CsvRow>? Rows { get; }
        public SortedDictionary<string, (string Unit, Better Better)> Metrics { get; } = new(StringComparer.Ordinal);
        public int CaseCount { get; private set; }
        public int Count { get; private set; }
        public int FirstLine { get; private set; }
        public int LastLine { get; private set; }
        public DateTimeOffset FirstAt { get; private set; } = DateTimeOffset.MaxValue;
        public DateTimeOffset LastAt { get; private set; } = DateTimeOffset.MinValue;
        public string? Hash { get; private set; }

        public void Add(CsvRow r)
        {
            Rows?.Add(r);
            if (Count++ == 0) FirstLine = r.Line;
            LastLine = r.Line;
            if (r.At < FirstAt) FirstAt = r.At;
            if (r.At > LastAt) LastAt = r.At;
            if (_cases!.Add(r.Case)) CaseCount++;
            Metrics.TryAdd(r.Metric, (r.Unit, r.Better));
            Append(string.Join("|", r.At.UtcTicks.ToString(CultureInfo.InvariantCulture), r.Case, r.Metric, r.Unit,
                BetterText(r.Better), r.Value.ToString("R", CultureInfo.InvariantCulture)));
        }

        /// <summary>Ends the pass: the content hash is taken and its state released.</summary>
        public void Seal()
        {
            _cases = null;
            Hash = Convert.ToHexStringLower(_content.GetHashAndReset());
            _content.Dispose();
        }

        private void Append(string part) =>
            _content.AppendData(Encoding.UTF8.GetBytes(part.Length.ToString(CultureInfo.InvariantCulture) + ":" + part + "\n"));
    }
}
