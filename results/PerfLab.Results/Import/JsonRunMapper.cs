using System.Text.Json;
using PerfLab.Harness.Domain;

namespace PerfLab.Results.Import;

/// <summary>Maps a parsed perflab-run/1 document onto the run, its device, host, metrics and cases; every field is read
/// through <see cref="JsonFieldReader"/>, which records what is wrong with it.</summary>
internal sealed class JsonRunMapper(JsonFieldReader json, string file)
{
    private static readonly string[] RunFields = ["format", "id", "suite", "suite_version", "scope", "build", "branch", "tags", "started_at", "ended_at", "host", "device", "metrics", "cases"];
    private static readonly string[] HostFields = ["name", "os", "architecture", "processor_count", "cpu_model"];
    private static readonly string[] DeviceFields = ["id", "family", "model", "emulated", "labels", "properties", "key_properties"];
    private static readonly string[] MetricFields = ["name", "unit", "better", "gate", "description"];
    private static readonly string[] GateFields = ["budget_percent", "min", "max"];
    private static readonly string[] CaseFields = ["name", "parameters", "started_at", "ended_at", "samples"];

    private readonly JsonFieldReader _json = json;

    /// <summary>The run, or null when any problem was found (they are in the field reader).</summary>
    public ImportedRun? ReadRun(JsonElement root, string text, ImportOptions options)
    {
        if (!_json.Object(root, "$", RunFields)) return null;
        var format = _json.Str(root, "$", "format", required: true);
        if (format is not null && format != JsonRunReader.Format) _json.Problem("$.format", $"format must be '{JsonRunReader.Format}', found '{format}'");
        var explicitId = _json.Str(root, "$", "id", required: false);
        if (explicitId is not null && StoredValueRules.RunId(explicitId) is { } badId) _json.Problem("$.id", "id " + badId);
        var suite = _json.Str(root, "$", "suite", required: true) ?? "";
        var suiteVersion = _json.Str(root, "$", "suite_version", required: false) ?? "";
        var build = _json.Str(root, "$", "build", required: true) ?? "";
        var branch = options.Branch ?? _json.Str(root, "$", "branch", required: false) ?? ImportOptions.DefaultBranch;
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in _json.StringMap(root, "$", "tags")) tags[k] = v;
        foreach (var (k, v) in options.Tags ?? new Dictionary<string, string>()) tags[k] = v;
        var started = _json.Time(root, "$", "started_at", required: true) ?? default;
        var ended = _json.Time(root, "$", "ended_at", required: false) ?? started;
        if (ended < started) _json.Problem("$.ended_at", "ended_at is before started_at");

        var device = ReadDevice(root);
        var scope = EvidenceScope.ResearchCampaign;
        var scopeText = _json.Str(root, "$", "scope", required: false);
        if (options.ScopeOverride) scope = options.Scope;
        else if (scopeText is not null && !EvidenceScopeNames.TryParse(scopeText, out scope))
            _json.Problem("$.scope", $"scope '{scopeText}' is not one of {string.Join(", ", EvidenceScopeNames.All)}");
        else if (scopeText is null) scope = options.Scope;
        if (device is { Emulated: true } && scope != EvidenceScope.Emulated)
            _json.Problem("$.scope", "a run on an emulated device must have scope 'emulated': its figures are never evidence");

        var host = ReadHost(root, device?.Id ?? "unknown");
        var metrics = ReadMetrics(root);
        var cases = device is null ? [] : ReadCases(root, suite, suiteVersion, device, metrics, started, ended);
        if (_json.ProblemCount > 0 || device is null) return null;

        string id;
        string? prefix = null;
        if (explicitId is not null) id = explicitId;
        else
        {
            prefix = IngestIdentity.Prefix(suite, device.Id, build, branch);
            id = IngestIdentity.RunId(prefix, IngestIdentity.Hash(text, branch, scope.ToName(), string.Join(",", tags.Select(t => t.Key + "=" + t.Value))));
        }
        var run = new RunInfo(id, suite, suiteVersion, IngestIdentity.FileHash(text), scope, build, branch, tags, host, device,
            options.AgentVersion, new Dictionary<string, string> { ["ingest.format"] = "json", ["ingest.file"] = Path.GetFileName(file) },
            started, metrics.Values.ToList());
        return new ImportedRun(run, ended, cases, prefix, 1);
    }

    private Device? ReadDevice(JsonElement root)
    {
        if (!_json.Child(root, "$", "device", JsonValueKind.Object, required: true, out var d)) return null;
        const string p = "$.device";
        if (!_json.Object(d, p, DeviceFields)) return null;
        var id = _json.Str(d, p, "id", required: true);
        var family = _json.Str(d, p, "family", required: false) ?? IngestIdentity.ExternalFamily;
        var model = _json.Str(d, p, "model", required: true);
        var emulated = _json.Bool(d, p, "emulated") ?? false;
        var labels = _json.StringMap(d, p, "labels");
        var properties = _json.StringMap(d, p, "properties");
        var keys = new List<string>();
        if (_json.Child(d, p, "key_properties", JsonValueKind.Array, required: false, out var k))
        {
            var i = 0;
            foreach (var item in k.EnumerateArray())
            {
                var path = $"{p}.key_properties[{i++}]";
                if (item.ValueKind != JsonValueKind.String) { _json.Problem(path, "must be a string"); continue; }
                var name = item.GetString()!;
                if (!properties.ContainsKey(name)) _json.Problem(path, $"key property '{name}' is not in device.properties");
                keys.Add(name);
            }
        }
        if (id is null || model is null) return null;
        return new Device(id, family, model, labels, properties, keys, emulated);
    }

    private HostInfo ReadHost(JsonElement root, string deviceId)
    {
        if (!_json.Child(root, "$", "host", JsonValueKind.Object, required: false, out var h)) return CsvHistoryReader.ExternalHost(deviceId);
        const string p = "$.host";
        _json.Object(h, p, HostFields);
        var cpus = 0;
        if (h.TryGetProperty("processor_count", out var c))
        {
            if (c.ValueKind != JsonValueKind.Number || !c.TryGetInt32(out cpus) || cpus < 0)
                _json.Problem(p + ".processor_count", "must be a non-negative integer");
        }
        return new HostInfo(_json.Str(h, p, "name", required: true) ?? "", _json.Str(h, p, "os", required: false) ?? "unknown",
            _json.Str(h, p, "architecture", required: false) ?? "unknown", cpus, _json.Str(h, p, "cpu_model", required: false) ?? "unknown");
    }

    private Dictionary<string, MetricSpec> ReadMetrics(JsonElement root)
    {
        var metrics = new Dictionary<string, MetricSpec>(StringComparer.Ordinal);
        if (!_json.Child(root, "$", "metrics", JsonValueKind.Array, required: true, out var list)) return metrics;
        var i = 0;
        foreach (var m in list.EnumerateArray())
        {
            var p = $"$.metrics[{i++}]";
            if (!_json.Object(m, p, MetricFields)) continue;
            var name = _json.Str(m, p, "name", required: true);
            var unit = _json.Str(m, p, "unit", required: true);
            var betterText = _json.Str(m, p, "better", required: true);
            Better? better = betterText switch { "higher" => Better.Higher, "lower" => Better.Lower, null => null, _ => null };
            if (betterText is not null && better is null) _json.Problem(p + ".better", $"better must be 'higher' or 'lower', found '{betterText}'");
            var gate = MetricGate.None;
            if (_json.Child(m, p, "gate", JsonValueKind.Object, required: false, out var g) && _json.Object(g, p + ".gate", GateFields))
            {
                gate = new MetricGate(_json.Number(g, p + ".gate", "budget_percent"), _json.Number(g, p + ".gate", "min"), _json.Number(g, p + ".gate", "max"));
                if (gate.BudgetPercent is < 0) _json.Problem(p + ".gate.budget_percent", "must not be negative");
            }
            var description = _json.Str(m, p, "description", required: false);
            // kept even with a bad direction (already a problem) so its samples are still checked
            if (name is null || unit is null) continue;
            if (!metrics.TryAdd(name, new MetricSpec(name, unit, better ?? Better.Higher, gate, description)))
                _json.Problem(p + ".name", $"metric '{name}' is declared twice");
        }
        if (i == 0) _json.Problem("$.metrics", "declares no metric");
        return metrics;
    }

    private List<CaseResult> ReadCases(JsonElement root, string suite, string suiteVersion, Device device,
        Dictionary<string, MetricSpec> metrics, DateTimeOffset runStart, DateTimeOffset runEnd)
    {
        var cases = new List<CaseResult>();
        if (!_json.Child(root, "$", "cases", JsonValueKind.Array, required: true, out var list)) return cases;
        var i = 0;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in list.EnumerateArray())
        {
            var p = $"$.cases[{i++}]";
            if (!_json.Object(c, p, CaseFields)) continue;
            var name = _json.Str(c, p, "name", required: true);
            if (name is not null && !names.Add(name)) _json.Problem(p + ".name", $"case '{name}' appears twice");
            var parameters = _json.StringMap(c, p, "parameters");
            var start = _json.Time(c, p, "started_at", required: false) ?? runStart;
            var end = _json.Time(c, p, "ended_at", required: false) ?? runEnd;
            var samples = new List<RecordedSample>();
            if (_json.Child(c, p, "samples", JsonValueKind.Object, required: true, out var s))
            {
                foreach (var metric in s.EnumerateObject())
                {
                    var mp = $"{p}.samples.{metric.Name}";
                    if (!metrics.TryGetValue(metric.Name, out var spec)) { _json.Problem(mp, $"metric '{metric.Name}' is not declared in $.metrics"); continue; }
                    if (metric.Value.ValueKind != JsonValueKind.Array) { _json.Problem(mp, "must be an array of numbers"); continue; }
                    var rep = 0;
                    foreach (var v in metric.Value.EnumerateArray())
                    {
                        rep++;
                        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var value) || !double.IsFinite(value))
                            _json.Problem($"{mp}[{rep - 1}]", "is not a finite number");
                        else if (StoredValueRules.Sample(value) is { } badValue) _json.Problem($"{mp}[{rep - 1}]", badValue);
                        else samples.Add(new RecordedSample(CsvHistoryReader.Step, rep, spec.Name, value, spec.Unit));
                    }
                }
                if (samples.Count == 0) _json.Problem(p + ".samples", "holds no sample");
            }
            if (name is null) continue;
            var (key, parts) = IngestIdentity.ComparabilityKey(suite, suiteVersion, device, parameters, null);
            cases.Add(new CaseResult(name, parameters, device, key, parts, CaseStatus.Passed, null, null, samples, [], [], [], [],
                new Dictionary<string, string>(), start, end));
        }
        if (i == 0) _json.Problem("$.cases", "holds no case");
        return cases;
    }
}
