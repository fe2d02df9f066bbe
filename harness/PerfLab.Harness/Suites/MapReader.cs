using System.Globalization;
using PerfLab.Harness.Domain;

namespace PerfLab.Harness.Suites;

/// <summary>Typed reads of one suite map's keys; every read that fails adds a positioned problem and yields null.</summary>
/// <remarks>The keys read are remembered, so <see cref="RejectUnknownKeys"/> can report every key nobody asked for.</remarks>
internal sealed class MapReader
{
    private readonly SourceMap _map;
    private readonly string _context;
    private readonly SuiteDiagnostics _diagnostics;
    private readonly List<string> _known = [];

    private MapReader(SourceMap map, string context, SuiteDiagnostics diagnostics)
    {
        _map = map;
        _context = context;
        _diagnostics = diagnostics;
    }

    /// <summary>A reader for <paramref name="node"/>, or null (with a problem) when it is not a map.</summary>
    /// <param name="context">Where the map is, as a key path ("defaults", "steps[1]"); empty for the top level.</param>
    public static MapReader? For(SourceNode node, string context, SuiteDiagnostics diagnostics)
    {
        if (node is SourceMap map) return new MapReader(map, context, diagnostics);
        diagnostics.Add(node.Position, context.Length == 0
            ? $"a suite must be a map of keys (name, description, steps, ...), got {node.KindText}"
            : $"'{context}' must be a map, got {node.KindText}");
        return null;
    }

    public SourcePosition Position => _map.Position;

    public SuiteDiagnostics Diagnostics => _diagnostics;

    /// <summary>The key path of one of this map's keys, for messages.</summary>
    public string PathOf(string key) => _context.Length == 0 ? key : $"{_context}.{key}";

    /// <summary>The value of <paramref name="key"/>; null when absent or written as YAML null.</summary>
    public SourceNode? Node(string key, bool required = false)
    {
        if (!_known.Contains(key)) _known.Add(key);
        var entry = _map.Find(key);
        if (entry is null)
        {
            if (required)
            {
                _diagnostics.Add(_map.Position, _context.Length == 0
                    ? $"missing required field '{key}'"
                    : $"missing required field '{key}' in {_context}");
            }
            return null;
        }
        if (entry.Value is SourceScalar { IsNull: true })
        {
            if (required) _diagnostics.Add(entry.Value.Position, $"'{PathOf(key)}' needs a value");
            return null;
        }
        return entry.Value;
    }

    public SourcePosition? KeyPosition(string key) => _map.Find(key)?.KeyPosition;

    public SourceScalar? Scalar(string key, bool required = false)
    {
        var node = Node(key, required);
        if (node is null or SourceScalar) return (SourceScalar?)node;
        WrongType(node, key, "a scalar");
        return null;
    }

    public string? String(string key, bool required = false) => Scalar(key, required)?.Value;

    public SourceMap? Map(string key, bool required = false)
    {
        var node = Node(key, required);
        if (node is null or SourceMap) return (SourceMap?)node;
        WrongType(node, key, "a map");
        return null;
    }

    public int? Integer(string key, int min, bool required = false)
    {
        var s = Scalar(key, required);
        if (s is null) return null;
        if (!int.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            _diagnostics.Add(s.Position, $"'{PathOf(key)}' must be an integer, got '{s.Value}'");
            return null;
        }
        if (value < min)
        {
            _diagnostics.Add(s.Position, $"'{PathOf(key)}' must be at least {min}, got {value}");
            return null;
        }
        return value;
    }

    public double? Number(string key, bool required = false)
    {
        var s = Scalar(key, required);
        if (s is null) return null;
        if (double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }
        _diagnostics.Add(s.Position, $"'{PathOf(key)}' must be a number, got '{s.Value}'");
        return null;
    }

    public bool? Bool(string key)
    {
        var s = Scalar(key);
        if (s is null) return null;
        if (string.Equals(s.Value, "true", StringComparison.OrdinalIgnoreCase)) return true;
        if (string.Equals(s.Value, "false", StringComparison.OrdinalIgnoreCase)) return false;
        _diagnostics.Add(s.Position, $"'{PathOf(key)}' must be true or false, got '{s.Value}'");
        return null;
    }

    /// <summary>A duration greater than zero (30s, 500ms, 2m, 1h, or plain seconds).</summary>
    public TimeSpan? Duration(string key, bool required = false)
    {
        var s = Scalar(key, required);
        if (s is null) return null;
        if (!DurationText.TryParse(s.Value, out var d))
        {
            _diagnostics.Add(s.Position, $"'{PathOf(key)}' must be a duration like 30s, 500ms, 2m or 1h, got '{s.Value}'");
            return null;
        }
        if (d <= TimeSpan.Zero)
        {
            _diagnostics.Add(s.Position, $"'{PathOf(key)}' must be longer than zero");
            return null;
        }
        return d;
    }

    /// <summary>Reports every key that no read asked for, with the closest known key when it looks like a typo.</summary>
    public void RejectUnknownKeys()
    {
        foreach (var e in _map.Entries.Where(e => !_known.Contains(e.Key)))
        {
            var where = _context.Length == 0 ? "unknown top-level key" : "unknown key";
            var suffix = _context.Length == 0 ? "" : $" in {_context}";
            _diagnostics.Add(e.KeyPosition, $"{where} '{e.Key}'{suffix}{KeySuggestion.Hint(e.Key, _known)}");
        }
    }

    private void WrongType(SourceNode node, string key, string expected) =>
        _diagnostics.Add(node.Position, $"'{PathOf(key)}' must be {expected}, got {node.KindText}");
}
