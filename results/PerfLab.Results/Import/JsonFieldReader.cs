using System.Globalization;
using System.Text.Json;

namespace PerfLab.Results.Import;

/// <summary>Reads typed fields of a perflab-run/1 document and records each problem with its JSON path and line, so
/// one pass reports every mistake instead of stopping at the first.</summary>
internal sealed class JsonFieldReader(string file, JsonLineIndex index, DateTimeOffset now)
{
    private readonly List<ImportProblem> _problems = [];

    /// <summary>How many problems were found so far.</summary>
    internal int ProblemCount => _problems.Count;

    /// <summary>The problems found, in line order.</summary>
    internal List<ImportProblem> Problems => _problems.OrderBy(x => x.Line).ToList();

    internal bool Object(JsonElement e, string path, string[] allowed)
    {
        if (e.ValueKind != JsonValueKind.Object) { Problem(path, "must be an object"); return false; }
        foreach (var p in e.EnumerateObject())
            if (!allowed.Contains(p.Name)) Problem($"{path}.{p.Name}", $"unknown field '{p.Name}' (known: {string.Join(", ", allowed)})");
        return true;
    }

    internal bool Child(JsonElement parent, string path, string name, JsonValueKind kind, bool required, out JsonElement child)
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
    internal string? Str(JsonElement parent, string path, string name, bool required)
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

    internal bool? Bool(JsonElement parent, string path, string name)
    {
        if (!parent.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False) return v.GetBoolean();
        Problem($"{path}.{name}", "must be true or false");
        return null;
    }

    internal double? Number(JsonElement parent, string path, string name)
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

    internal DateTimeOffset? Time(JsonElement parent, string path, string name, bool required)
    {
        var s = Str(parent, path, name, required);
        if (s is null) return null;
        if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && s.Length >= 10 && s[4] == '-')
        {
            if (StoredValueRules.Time(at, now) is not { } bad) return at;
            Problem($"{path}.{name}", bad);
            return null;
        }
        Problem($"{path}.{name}", $"'{s}' is not an ISO-8601 date-time (e.g. 2025-03-01T08:00:00Z)");
        return null;
    }

    internal Dictionary<string, string> StringMap(JsonElement parent, string path, string name)
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

    internal void Problem(string path, string message) => _problems.Add(new ImportProblem(file, index.LineOf(path), $"{path}: {message}"));
}
