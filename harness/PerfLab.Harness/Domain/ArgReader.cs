using System.Globalization;

namespace PerfLab.Harness.Domain;

/// <summary>Typed, validating reads from a step's argument map; every read that fails adds a problem.</summary>
/// <remarks>Runners call the same reads in Validate (to collect problems) and in Execute (after substitution),
/// so what validates is exactly what runs.</remarks>
public sealed class ArgReader(ArgMap map)
{
    private readonly List<ArgProblem> _problems = [];
    private readonly HashSet<string> _known = [];

    public IReadOnlyList<ArgProblem> Problems => _problems;

    public ArgMap Map => map;

    public string? String(string key, bool required = false)
    {
        _known.Add(key);
        switch (map[key])
        {
            case null:
                if (required) Problem(map.Position, $"missing field '{key}'");
                return null;
            case ArgScalar s:
                return s.Value;
            case var other:
                Problem(other.Position, $"'{key}' must be a scalar");
                return null;
        }
    }

    public IReadOnlyList<string>? StringList(string key, bool required = false)
    {
        _known.Add(key);
        switch (map[key])
        {
            case null:
                if (required) Problem(map.Position, $"missing field '{key}'");
                return null;
            case ArgList list:
                var result = new List<string>();
                foreach (var item in list.Items)
                {
                    if (item is ArgScalar s) result.Add(s.Value);
                    else Problem(item.Position, $"'{key}' must be a list of scalars");
                }
                return result;
            case var other:
                Problem(other.Position, $"'{key}' must be a list");
                return null;
        }
    }

    public IReadOnlyDictionary<string, string>? StringMap(string key)
    {
        _known.Add(key);
        switch (map[key])
        {
            case null:
                return null;
            case ArgMap m:
                var result = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var e in m.Entries)
                {
                    if (e.Value is ArgScalar s) result[e.Key] = s.Value;
                    else Problem(e.Value.Position, $"'{key}.{e.Key}' must be a scalar");
                }
                return result;
            case var other:
                Problem(other.Position, $"'{key}' must be a map");
                return null;
        }
    }

    public double? Number(string key, bool required = false, double? min = null)
    {
        var text = String(key, required);
        if (text is null) return null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            Problem(map[key]!.Position, $"'{key}' must be a number, got '{text}'");
            return null;
        }
        if (min is { } m && value < m) Problem(map[key]!.Position, $"'{key}' must be at least {m.ToString(CultureInfo.InvariantCulture)}");
        return value;
    }

    public int? Integer(string key, bool required = false, int? min = null)
    {
        var text = String(key, required);
        if (text is null) return null;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            Problem(map[key]!.Position, $"'{key}' must be an integer, got '{text}'");
            return null;
        }
        if (min is { } m && value < m) Problem(map[key]!.Position, $"'{key}' must be at least {m}");
        return value;
    }

    public bool? Bool(string key)
    {
        var text = String(key);
        if (text is null) return null;
        if (text is "true" or "True" or "yes") return true;
        if (text is "false" or "False" or "no") return false;
        Problem(map[key]!.Position, $"'{key}' must be true or false, got '{text}'");
        return null;
    }

    public TimeSpan? Duration(string key, bool required = false)
    {
        var text = String(key, required);
        if (text is null) return null;
        if (DurationText.TryParse(text, out var d)) return d;
        Problem(map[key]!.Position, $"'{key}' must be a duration like 30s, 500ms, 2m or 1h, got '{text}'");
        return null;
    }

    /// <summary>A sub-map (or null), for runners with nested arguments.</summary>
    public ArgNode? Node(string key)
    {
        _known.Add(key);
        return map[key];
    }

    public void Problem(SourcePosition at, string message) => _problems.Add(new ArgProblem(at, message));

    /// <summary>Adds a problem for every key that no read asked for: a typo must not be silently ignored.</summary>
    public void RejectUnknownKeys()
    {
        foreach (var e in map.Entries.Where(e => !_known.Contains(e.Key)))
        {
            Problem(e.KeyPosition, $"unknown key '{e.Key}' (known: {string.Join(", ", _known.Order(StringComparer.Ordinal))})");
        }
    }
}
