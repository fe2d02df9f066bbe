using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PerfLab.Runners.Extraction;

/// <summary>A small JSON path (<c>$</c>, <c>.name</c>, <c>['name']</c>, <c>[0]</c>, <c>[-1]</c>) that selects one value.</summary>
/// <remarks>Only single-value selection: a metric is one number, so wildcards, filters and slices are rejected
/// rather than half-supported. A negative index counts from the end of an array.</remarks>
public sealed record JsonPathExpression(string Text, IReadOnlyList<JsonPathSegment> Segments)
{
    /// <summary>Parses a path; on failure <paramref name="error"/> says what is wrong and at which character.</summary>
    public static bool TryParse(string text, out JsonPathExpression? path, out string? error)
    {
        path = null;
        error = null;
        var t = text.Trim();
        if (t.Length == 0 || t[0] != '$')
        {
            error = "a JSON path starts with '$'";
            return false;
        }
        var segments = new List<JsonPathSegment>();
        var i = 1;
        while (i < t.Length)
        {
            var parsed = t[i] switch
            {
                '.' => ReadDotName(t, ref i, out var seg, out error) ? seg : null,
                '[' => ReadBracket(t, ref i, out var seg, out error) ? seg : null,
                _ => Fail(out error, $"unexpected '{t[i]}' at character {i + 1} (expected '.' or '[')"),
            };
            if (parsed is null) return false;
            segments.Add(parsed);
        }
        path = new JsonPathExpression(t, segments);
        return true;
    }

    /// <summary>The selected value, or null with the path prefix that selected nothing.</summary>
    public JsonElement? Select(JsonElement root, out string? missing)
    {
        missing = null;
        var current = root;
        var walked = new StringBuilder("$");
        foreach (var segment in Segments)
        {
            if (!segment.TryStep(current, out var next))
            {
                missing = $"{walked}{segment} (at {walked}: {Describe(current)})";
                return null;
            }
            walked.Append(segment);
            current = next;
        }
        return current;
    }

    public override string ToString() => Text;

    private static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "an object with keys " + string.Join(", ", e.EnumerateObject().Take(8).Select(p => p.Name)),
        JsonValueKind.Array => $"an array of {e.GetArrayLength()}",
        var k => "a " + k.ToString().ToLowerInvariant(),
    };

    private static bool ReadDotName(string t, ref int i, out JsonPathSegment? segment, out string? error)
    {
        segment = null;
        error = null;
        var start = ++i;
        while (i < t.Length && (char.IsLetterOrDigit(t[i]) || t[i] is '_' or '-' or '$')) i++;
        if (i == start)
        {
            error = $"a name must follow '.' at character {start}";
            return false;
        }
        segment = new JsonPathSegment(t[start..i], null);
        return true;
    }

    private static bool ReadBracket(string t, ref int i, out JsonPathSegment? segment, out string? error)
    {
        segment = null;
        error = null;
        var open = i;
        var close = t.IndexOf(']', i);
        if (close < 0)
        {
            error = $"'[' at character {open + 1} is not closed";
            return false;
        }
        var inner = t[(i + 1)..close].Trim();
        i = close + 1;
        if (inner.Length >= 2 && (inner[0] is '\'' or '"') && inner[^1] == inner[0])
        {
            segment = new JsonPathSegment(inner[1..^1], null);
            return true;
        }
        if (int.TryParse(inner, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
        {
            segment = new JsonPathSegment(null, index);
            return true;
        }
        error = $"'[{inner}]' at character {open + 1} is neither an index nor a quoted name (wildcards and filters are not supported)";
        return false;
    }

    private static JsonPathSegment? Fail(out string? error, string message)
    {
        error = message;
        return null;
    }
}

/// <summary>One step of a <see cref="JsonPathExpression"/>: an object member by name or an array element by index.</summary>
public sealed record JsonPathSegment(string? Name, int? Index)
{
    public bool TryStep(JsonElement from, out JsonElement next)
    {
        next = default;
        if (Name is not null)
        {
            return from.ValueKind == JsonValueKind.Object && from.TryGetProperty(Name, out next);
        }
        if (from.ValueKind != JsonValueKind.Array) return false;
        var length = from.GetArrayLength();
        var at = Index!.Value < 0 ? length + Index.Value : Index.Value;
        if (at < 0 || at >= length) return false;
        next = from[at];
        return true;
    }

    public override string ToString() =>
        Name is null ? $"[{Index!.Value.ToString(CultureInfo.InvariantCulture)}]"
        : Name.All(c => char.IsLetterOrDigit(c) || c is '_' or '-') && Name.Length > 0 ? "." + Name
        : $"['{Name}']";
}
