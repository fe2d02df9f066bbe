using System.Globalization;
using System.Text.Json;
using PerfLab.Harness.Domain;

namespace PerfLab.Results.Import;

/// <summary>Reads one run in PerfLab's own JSON shape ("format": "perflab-run/1", see docs/gating.md). Pure: text in,
/// the run or every problem (with its line and JSON path) out; unknown fields are problems, so a typo is never ignored.</summary>
public sealed class JsonRunReader
{
    /// <summary>The value of the required "format" field.</summary>
    public const string Format = "perflab-run/1";

    private static readonly string[] RunFields = ["format", "id", "suite", "suite_version", "scope", "build", "branch", "tags", "started_at", "ended_at", "host", "device", "metrics", "cases"];
    private static readonly string[] HostFields = ["name", "os", "architecture", "processor_count", "cpu_model"];
    private static readonly string[] DeviceFields = ["id", "family", "model", "emulated", "labels", "properties", "key_properties"];
    private static readonly string[] MetricFields = ["name", "unit", "better", "gate", "description"];
    private static readonly string[] GateFields = ["budget_percent", "min", "max"];
    private static readonly string[] CaseFields = ["name", "parameters", "started_at", "ended_at", "samples"];

    private readonly string _file;
    private readonly JsonLineIndex _index;
    private readonly DateTimeOffset _now;
    private readonly List<ImportProblem> _problems = [];

    private JsonRunReader(string file, JsonLineIndex index, DateTimeOffset now)
    {
        _file = file;
        _index = index;
        _now = now;
    }

    /// <summary>Parses a file's bytes: refuses bytes that are not UTF-8 (with the line of the first bad one) instead of reading
    /// them as U+FFFD, then reads the text as <see cref="Read(string, string, ImportOptions, DateTimeOffset?)"/> does.</summary>
    public static ImportResult Read(byte[] bytes, string file, ImportOptions options, DateTimeOffset? now = null)
    {
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            using var lines = new Utf8Lines(new MemoryStream(bytes));
            while (lines.Next(out var line))
            {
                if (line.Problem is { } bad) return new ImportResult([], [new ImportProblem(file, line.Number, bad)]);
            }
        }
        var text = System.Text.Encoding.UTF8.GetString(bytes.AsSpan(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0));
        return Read(text, file, options, now);
    }

    /// <summary>Parses <paramref name="text"/> into one run, or the problems that stop it from being stored.</summary>
    public static ImportResult Read(string text, string file, ImportOptions options, DateTimeOffset? now = null)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            var message = e.Message.Split(" Path:")[0].Split(" LineNumber:")[0];
            return new ImportResult([], [new ImportProblem(file, (int)(e.LineNumber ?? 0) + 1, "not valid JSON: " + message)]);
        }
        using (doc)
        {
            var index = JsonLineIndex.Build(text);
            if (index.FirstDuplicate is { } duplicate)
                return new ImportResult([], [new ImportProblem(file, duplicate.Line, $"{duplicate.Path}: the key appears twice in one object (which one is meant?)")]);
            var reader = new JsonRunReader(file, index, now ?? DateTimeOffset.UtcNow);
            var run = reader.ReadRun(doc.RootElement, text, options);
            return reader._problems.Count > 0 || run is null
                ? new ImportResult([], reader._problems.OrderBy(x => x.Line).ToList())
                : new ImportResult([run], []);
        }
    }

    private ImportedRun? ReadRun(JsonElement root, string text, ImportOptions options)
    {
        if (!Object(root, "$", RunFields)) return null;
        var format = Str(root, "$", "format", required: true);
        if (format is not null && format != Format) Problem("$.format", $"format must be '{Format}', found '{format}'");
        var explicitId = Str(root, "$", "id", required: false);
        if (explicitId is not null && StoredValueRules.RunId(explicitId) is { } badId) Problem("$.id", "id " + badId);
        var suite = Str(root, "$", "suite", required: true) ?? "";
        var suiteVersion = Str(root, "$", "suite_version", required: false) ?? "";
        var build = Str(root, "$", "build", required: true) ?? "";
        var branch = options.Branch ?? Str(root, "$", "branch", required: false) ?? ImportOptions.DefaultBranch;
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in StringMap(root, "$", "tags")) tags[k] = v;
        foreach (var (k, v) in options.Tags ?? new Dictionary<string, string>()) tags[k] = v;
        var started = Time(root, "$", "started_at", required: true) ?? default;
        var ended = Time(root, "$", "ended_at", required: false) ?? started;
        if (ended < started) Problem("$.ended_at", "ended_at is before started_at");

        var device = ReadDevice(root);
        var scope = EvidenceScope.ResearchCampaign;
        var scopeText = Str(root, "$", "scope", required: false);
        if (options.ScopeOverride) scope = options.Scope;
        else if (scopeText is not null && !EvidenceScopeNames.TryParse(scopeText, out scope))
            Problem("$.scope", $"scope '{scopeText}' is not one of {string.Join(", ", EvidenceScopeNames.All)}");
        else if (scopeText is null) scope = options.Scope;
        if (device is { Emulated: true } && scope != EvidenceScope.Emulated)
            Problem("$.scope", "a run on an emulated device must have scope 'emulated': its figures are never evidence");

        var host = ReadHost(root, device?.Id ?? "unknown");
        var metrics = ReadMetrics(root);
        var cases = device is null ? [] : ReadCases(root, suite, suiteVersion, device, metrics, started, ended);
        if (_problems.Count > 0 || device is null) return null;

        string id;
        string? prefix = null;
        if (explicitId is not null) id = explicitId;
        else
        {
            prefix = IngestIdentity.Prefix(suite, device.Id, build, branch);
            id = IngestIdentity.RunId(prefix, IngestIdentity.Hash(text, branch, scope.ToName(), string.Join(",", tags.Select(t => t.Key + "=" + t.Value))));
        }
        var run = new RunInfo(id, suite, suiteVersion, IngestIdentity.FileHash(text), scope, build, branch, tags, host, device,
            options.AgentVersion, new Dictionary<string, string> { ["ingest.format"] = "json", ["ingest.file"] = Path.GetFileName(_file) },
            started, metrics.Values.ToList());
        return new ImportedRun(run, ended, cases, prefix, 1);
    }

    private Device? ReadDevice(JsonElement root)
    {
        if (!Child(root, "$", "device", JsonValueKind.Object, required: true, out var d)) return null;
        const string p = "$.device";
        if (!Object(d, p, DeviceFields)) return null;
        var id = Str(d, p, "id", required: true);
        var family = Str(d, p, "family", required: false) ?? IngestIdentity.ExternalFamily;
        var model = Str(d, p, "model", required: true);
        var emulated = Bool(d, p, "emulated") ?? false;
        var labels = StringMap(d, p, "labels");
        var properties = StringMap(d, p, "properties");
        var keys = new List<string>();
        if (Child(d, p, "key_properties", JsonValueKind.Array, required: false, out var k))
        {
            var i = 0;
            foreach (var item in k.EnumerateArray())
            {
                var path = $"{p}.key_properties[{i++}]";
                if (item.ValueKind != JsonValueKind.String) { Problem(path, "must be a string"); continue; }
                var name = item.GetString()!;
                if (!properties.ContainsKey(name)) Problem(path, $"key property '{name}' is not in device.properties");
                keys.Add(name);
            }
        }
        if (id is null || model is null) return null;
        return new Device(id, family, model, labels, properties, keys, emulated);
    }

    private HostInfo ReadHost(JsonElement root, string deviceId)
    {
        if (!Child(root, "$", "host", JsonValueKind.Object, required: false, out var h)) return CsvHistoryReader.ExternalHost(deviceId);
        const string p = "$.host";
        Object(h, p, HostFields);
        var cpus = 0;
        if (h.TryGetProperty("processor_count", out var c))
        {
            if (c.ValueKind != JsonValueKind.Number || !c.TryGetInt32(out cpus) || cpus < 0)
                Problem(p + ".processor_count", "must be a non-negative integer");
        }
        return new HostInfo(Str(h, p, "name", required: true) ?? "", Str(h, p, "os", required: false) ?? "unknown",
            Str(h, p, "architecture", required: false) ?? "unknown", cpus, Str(h, p, "cpu_model", required: false) ?? "unknown");
    }

    private Dictionary<string, MetricSpec> ReadMetrics(JsonElement root)
    {
        var metrics = new Dictionary<string, MetricSpec>(StringComparer.Ordinal);
        if (!Child(root, "$", "metrics", JsonValueKind.Array, required: true, out var list)) return metrics;
        var i = 0;
        foreach (var m in list.EnumerateArray())
        {
            var p = $"$.metrics[{i++}]";
            if (!Object(m, p, MetricFields)) continue;
            var name = Str(m, p, "name", required: true);
            var unit = Str(m, p, "unit", required: true);
            var betterText = Str(m, p, "better", required: true);
            Better? better = betterText switch { "higher" => Better.Higher, "lower" => Better.Lower, null => null, _ => null };
            if (betterText is not null && better is null) Problem(p + ".better", $"better must be 'higher' or 'lower', found '{betterText}'");
            var gate = MetricGate.None;
            if (Child(m, p, "gate", JsonValueKind.Object, required: false, out var g) && Object(g, p + ".gate", GateFields))
            {
                gate = new MetricGate(Number(g, p + ".gate", "budget_percent"), Number(g, p + ".gate", "min"), Number(g, p + ".gate", "max"));
                if (gate.BudgetPercent is < 0) Problem(p + ".gate.budget_percent", "must not be negative");
            }
            var description = Str(m, p, "description", required: false);
            // kept even with a bad direction (already a problem) so its samples are still checked
            if (name is null || unit is null) continue;
            if (!metrics.TryAdd(name, new MetricSpec(name, unit, better ?? Better.Higher, gate, description)))
                Problem(p + ".name", $"metric '{name}' is declared twice");
        }
        if (i == 0) Problem("$.metrics", "declares no metric");
        return metrics;
    }

    private List<CaseResult> ReadCases(JsonElement root, string suite, string suiteVersion, Device device,
        Dictionary<string, MetricSpec> metrics, DateTimeOffset runStart, DateTimeOffset runEnd)
    {
        var cases = new List<CaseResult>();
        if (!Child(root, "$", "cases", JsonValueKind.Array, required: true, out var list)) return cases;
        var i = 0;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in list.EnumerateArray())
        {
            var p = $"$.cases[{i++}]";
            if (!Object(c, p, CaseFields)) continue;
            var name = Str(c, p, "name", required: true);
            if (name is not null && !names.Add(name)) Problem(p + ".name", $"case '{name}' appears twice");
            var parameters = StringMap(c, p, "parameters");
            var start = Time(c, p, "started_at", required: false) ?? runStart;
            var end = Time(c, p, "ended_at", required: false) ?? runEnd;
            var samples = new List<RecordedSample>();
            if (Child(c, p, "samples", JsonValueKind.Object, required: true, out var s))
            {
                foreach (var metric in s.EnumerateObject())
                {
                    var mp = $"{p}.samples.{metric.Name}";
                    if (!metrics.TryGetValue(metric.Name, out var spec)) { Problem(mp, $"metric '{metric.Name}' is not declared in $.metrics"); continue; }
                    if (metric.Value.ValueKind != JsonValueKind.Array) { Problem(mp, "must be an array of numbers"); continue; }
                    var rep = 0;
                    foreach (var v in metric.Value.EnumerateArray())
                    {
                        rep++;
                        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var value) || !double.IsFinite(value))
                            Problem($"{mp}[{rep - 1}]", "is not a finite number");
                        else if (StoredValueRules.Sample(value) is { } badValue) Problem($"{mp}[{rep - 1}]", badValue);
                        else samples.Add(new RecordedSample(CsvHistoryReader.Step, rep, spec.Name, value, spec.Unit));
                    }
                }
                if (samples.Count == 0) Problem(p + ".samples", "holds no sample");
            }
            if (name is null) continue;
            var (key, parts) = IngestIdentity.ComparabilityKey(suite, suiteVersion, device, parameters, null);
            cases.Add(new CaseResult(name, parameters, device, key, parts, CaseStatus.Passed, null, null, samples, [], [], [], [],
                new Dictionary<string, string>(), start, end));
        }
        if (i == 0) Problem("$.cases", "holds no case");
        return cases;
    }

    private bool Object(JsonElement e, string path, string[] allowed)
    {
        if (e.ValueKind != JsonValueKind.Object) { Problem(path, "must be an object"); return false; }
        foreach (var p in e.EnumerateObject())
            if (!allowed.Contains(p.Name)) Problem($"{path}.{p.Name}", $"unknown field '{p.Name}' (known: {string.Join(", ", allowed)})");
        return true;
    }

    private bool Child(JsonElement parent, string path, string name, JsonValueKind kind, bool required, out JsonElement child)
    {
        if (!parent.TryGetProperty(name, out child) || child.ValueKind == JsonValueKind.Null)
        {
            if (required) Problem(path, $"'{name}' is required");
            return false;
        }
        if (child.ValueKind != kind) { Problem($"{path}.{name}", $"must be {(kind == JsonValueKind.Array ? "an array" : "an object")}"); return false; }
        return true;
    }

    /// <summary>A string field; names and identifiers (every string field but a metric's description) must pass
    /// <see cref="StoredValueRules.Name"/>.</summary>
    private string? Str(JsonElement parent, string path, string name, bool required)
    {
        var s = RawStr(parent, path, name, required);
        if (s is null) return null;
        var problem = name == "description" ? StoredValueRules.Text(s) : StoredValueRules.Name(s, required);
        if (problem is not null) { Problem($"{path}.{name}", problem); return null; }
        return s;
    }

    private string? RawStr(JsonElement parent, string path, string name, bool required)
    {
        if (!parent.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required) Problem(path, $"'{name}' is required");
            return null;
        }
        if (v.ValueKind != JsonValueKind.String) { Problem($"{path}.{name}", "must be a string"); return null; }
        var s = v.GetString()!;
        if (required && s.Trim().Length == 0) { Problem($"{path}.{name}", "must not be empty"); return null; }
        return s;
    }

    private bool? Bool(JsonElement parent, string path, string name)
    {
        if (!parent.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False) return v.GetBoolean();
        Problem($"{path}.{name}", "must be true or false");
        return null;
    }

    private double? Number(JsonElement parent, string path, string name)
    {
        if (!parent.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && double.IsFinite(d))
        {
            if (StoredValueRules.Figure(d) is not { } bad) return d;
            Problem($"{path}.{name}", bad);
            return null;
        }
        Problem($"{path}.{name}", "must be a finite number or null");
        return null;
    }

    private DateTimeOffset? Time(JsonElement parent, string path, string name, bool required)
    {
        var s = Str(parent, path, name, required);
        if (s is null) return null;
        if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && s.Length >= 10 && s[4] == '-')
        {
            if (StoredValueRules.Time(at, _now) is not { } bad) return at;
            Problem($"{path}.{name}", bad);
            return null;
        }
        Problem($"{path}.{name}", $"'{s}' is not an ISO-8601 date-time (e.g. 2025-03-01T08:00:00Z)");
        return null;
    }

    private Dictionary<string, string> StringMap(JsonElement parent, string path, string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Child(parent, path, name, JsonValueKind.Object, required: false, out var o)) return map;
        foreach (var p in o.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.String) Problem($"{path}.{name}.{p.Name}", "must be a string");
            else if (StoredValueRules.Name(p.Name) is { } badKey) Problem($"{path}.{name}.{p.Name}", "key " + badKey);
            else if (StoredValueRules.Text(p.Value.GetString()) is { } badValue) Problem($"{path}.{name}.{p.Name}", badValue);
            else map[p.Name] = p.Value.GetString()!;
        }
        return map;
    }

    private void Problem(string path, string message) => _problems.Add(new ImportProblem(_file, _index.LineOf(path), $"{path}: {message}"));
}
