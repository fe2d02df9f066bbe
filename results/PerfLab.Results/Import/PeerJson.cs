using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PerfLab.Results.Import;

/// <summary>A parsed JSON text that knows the line of every value and collects problems as <c>FILE:LINE: $.path: message</c>.
/// Duplicate keys are problems (System.Text.Json would keep both and a reader would silently use one).</summary>
internal sealed class PeerJson : IDisposable
{
    private readonly JsonDocument _document;
    private readonly JsonLineIndex _index;
    private readonly string _file;

    private PeerJson(JsonDocument document, JsonLineIndex index, string file, List<ImportProblem> problems)
    {
        _document = document;
        _index = index;
        _file = file;
        Problems = problems;
    }

    public JsonElement Root => _document.RootElement;

    public List<ImportProblem> Problems { get; }

    /// <summary>The parsed text, or null with the problem (its line) when it is not JSON.</summary>
    public static PeerJson? Parse(string text, string file, List<ImportProblem> problems)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            var message = e.Message.Split(" Path:")[0].Split(" LineNumber:")[0];
            problems.Add(new ImportProblem(file, (int)(e.LineNumber ?? 0) + 1, "not valid JSON: " + message));
            return null;
        }
        var json = new PeerJson(document, JsonLineIndex.Build(text), file, problems);
        json.FindDuplicateKeys(text);
        return json;
    }

    public int LineOf(string path) => _index.LineOf(path);

    public void Problem(string path, string message) => Problems.Add(new ImportProblem(_file, _index.LineOf(path), $"{path}: {message}"));

    /// <summary>The element as an object, or a problem and false.</summary>
    public bool IsObject(JsonElement e, string path)
    {
        if (e.ValueKind == JsonValueKind.Object) return true;
        Problem(path, "must be an object");
        return false;
    }

    /// <summary>The element as an array, or a problem and false.</summary>
    public bool IsArray(JsonElement e, string path)
    {
        if (e.ValueKind == JsonValueKind.Array) return true;
        Problem(path, "must be an array");
        return false;
    }

    /// <summary>A property that may be absent or null; a value of another kind is a problem.</summary>
    public JsonElement? Optional(JsonElement parent, string path, string name, JsonValueKind kind)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind == kind || (kind == JsonValueKind.True && v.ValueKind == JsonValueKind.False)) return v;
        Problem($"{path}.{name}", $"must be {KindWord(kind)}");
        return null;
    }

    /// <summary>A required property; absent, null or of another kind is a problem.</summary>
    public JsonElement? Required(JsonElement parent, string path, string name, JsonValueKind kind)
    {
        if (parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null)
            return Optional(parent, path, name, kind);
        Problem(path, $"'{name}' is required");
        return null;
    }

    /// <summary>A string property, null when absent; empty and blank count as absent.</summary>
    public string? String(JsonElement parent, string path, string name, bool required = false)
    {
        var v = required ? Required(parent, path, name, JsonValueKind.String) : Optional(parent, path, name, JsonValueKind.String);
        var s = v?.GetString();
        if (required && v is not null && string.IsNullOrWhiteSpace(s)) { Problem($"{path}.{name}", "must not be empty"); return null; }
        return string.IsNullOrWhiteSpace(s) ? null : s;
    }

    /// <summary>A finite number; with <paramref name="numericText"/> a string holding one ("31") is accepted too.</summary>
    public double? Number(JsonElement value, string path, bool numericText = false)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d) && double.IsFinite(d)) return d;
        if (numericText && value.ValueKind == JsonValueKind.String
            && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed))
            return parsed;
        var shown = value.ValueKind == JsonValueKind.String ? $"'{Shorten(value.GetString()!)}'" : value.ValueKind.ToString().ToLowerInvariant();
        Problem(path, $"must be a finite number, found {shown}");
        return null;
    }

    /// <summary>A number property: null when absent (a problem when <paramref name="required"/>) or not a finite number.</summary>
    public double? NumberProperty(JsonElement parent, string path, string name, bool required = false, bool numericText = false)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required) Problem(path, $"'{name}' is required");
            return null;
        }
        return Number(v, $"{path}.{name}", numericText);
    }

    /// <summary>Unknown properties are problems, so a misspelt field is never ignored.</summary>
    public void OnlyKnown(JsonElement e, string path, IReadOnlyCollection<string> known)
    {
        if (e.ValueKind != JsonValueKind.Object) return;
        foreach (var p in e.EnumerateObject())
            if (!known.Contains(p.Name)) Problem($"{path}.{p.Name}", $"unknown field '{p.Name}' (known: {string.Join(", ", known)})");
    }

    public static string Shorten(string s) => s.Length <= 60 ? s : s[..57] + "...";

    private static string KindWord(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => "true or false",
    };

    private void FindDuplicateKeys(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var newlines = new List<long>();
        for (var i = 0; i < bytes.Length; i++) if (bytes[i] == (byte)'\n') newlines.Add(i);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var open = new Stack<Dictionary<string, int>?>();
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject: open.Push(new Dictionary<string, int>(StringComparer.Ordinal)); break;
                case JsonTokenType.StartArray: open.Push(null); break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray: open.Pop(); break;
                case JsonTokenType.PropertyName:
                    var at = newlines.BinarySearch(reader.TokenStartIndex);
                    var line = (at < 0 ? ~at : at) + 1;
                    var name = reader.GetString()!;
                    if (open.Peek()!.TryGetValue(name, out var first))
                        Problems.Add(new ImportProblem(_file, line, $"key '{Shorten(name)}' appears twice in one object (first on line {first})"));
                    else open.Peek()![name] = line;
                    break;
            }
        }
    }

    public void Dispose() => _document.Dispose();
}
