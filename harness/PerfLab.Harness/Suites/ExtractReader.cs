using System.Globalization;
using System.Text.RegularExpressions;
using PerfLab.Harness.Domain;

namespace PerfLab.Harness.Suites;

/// <summary>Reads a step's <c>extract:</c> list: which declared metric each figure feeds and how it is read.</summary>
internal static partial class ExtractReader
{
    private static readonly string[] Kinds = ["regex", "json", "wall"];

    private static readonly (string Unit, double Scale)[] WallUnits =
        [("seconds", 1), ("s", 1), ("ms", 1000), ("milliseconds", 1000), ("us", 1e6), ("microseconds", 1e6)];

    // $ followed by .key, ['key'] or [index] steps: what the Command runner's JSON reader walks.
    [GeneratedRegex(@"^\$(\.[A-Za-z_][A-Za-z0-9_-]*|\[[0-9]+\]|\['[^']*'\])*$")]
    private static partial Regex JsonPath();

    /// <param name="declaredMetrics">Every name written under <c>metrics:</c>, in written order.</param>
    public static IReadOnlyList<ExtractSpec> Read(SourceNode? node, string context, IReadOnlyList<string> declaredMetrics,
        SuiteDiagnostics diagnostics)
    {
        var result = new List<ExtractSpec>();
        if (node is null) return result;
        if (node is not SourceList list)
        {
            diagnostics.Add(node.Position, $"'{context}' must be a list, got {node.KindText}");
            return result;
        }
        var seen = new Dictionary<string, SourcePosition>(StringComparer.Ordinal);
        for (var i = 0; i < list.Items.Count; i++)
        {
            var r = MapReader.For(list.Items[i], $"{context}[{i}]", diagnostics);
            if (r is null) continue;
            var metric = r.Scalar("metric", required: true);
            var kinds = Kinds.Select(k => (Key: k, Value: r.Scalar(k))).Where(k => k.Value is not null).ToList();
            var scale = r.Number("scale");
            r.RejectUnknownKeys();

            if (metric is not null)
            {
                if (!declaredMetrics.Contains(metric.Value))
                {
                    diagnostics.Add(metric.Position, $"'{r.PathOf("metric")}' names metric '{metric.Value}', which 'metrics' does not declare" +
                                                     KeySuggestion.Hint(metric.Value, declaredMetrics));
                }
                else if (!seen.TryAdd(metric.Value, metric.Position))
                {
                    diagnostics.Add(metric.Position, $"metric '{metric.Value}' is extracted twice in one step (first at {seen[metric.Value]})");
                }
            }
            if (kinds.Count == 0)
            {
                diagnostics.Add(r.Position, $"'{context}[{i}]' needs one of regex, json or wall");
                continue;
            }
            if (kinds.Count > 1)
            {
                diagnostics.Add(r.KeyPosition(kinds[1].Key)!.Value, $"'{context}[{i}]' gives both {kinds[0].Key} and {kinds[1].Key}; give one");
                continue;
            }
            var spec = kinds[0].Key switch
            {
                "regex" => Regex(kinds[0].Value!, r, scale),
                "json" => Json(kinds[0].Value!, r, scale),
                _ => Wall(kinds[0].Value!, r, scale),
            };
            if (spec is not null && metric is not null) result.Add(spec with { Metric = metric.Value });
        }
        return result;
    }

    private static ExtractSpec? Regex(SourceScalar pattern, MapReader r, double? scale)
    {
        Regex regex;
        try
        {
            regex = new Regex(pattern.Value, RegexOptions.CultureInvariant);
        }
        catch (RegexParseException ex)
        {
            r.Diagnostics.Add(pattern.Position, $"'{r.PathOf("regex")}' is not a valid regex: {ex.Error} at offset {ex.Offset.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }
        var named = regex.GetGroupNames().Where(n => !int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out _)).ToList();
        if (named.Count == 0)
        {
            r.Diagnostics.Add(pattern.Position, $"'{r.PathOf("regex")}' needs a named group holding the number, e.g. (?<value>[0-9.]+)");
            return null;
        }
        return new ExtractSpec("", ExtractKind.Regex, pattern.Value, scale ?? 1, r.Position);
    }

    private static ExtractSpec? Json(SourceScalar path, MapReader r, double? scale)
    {
        if (!JsonPath().IsMatch(path.Value))
        {
            r.Diagnostics.Add(path.Position, $"'{r.PathOf("json")}' must be a path like $.a.b[0] or $['a b'], got '{path.Value}'");
            return null;
        }
        return new ExtractSpec("", ExtractKind.JsonPath, path.Value, scale ?? 1, r.Position);
    }

    private static ExtractSpec? Wall(SourceScalar unit, MapReader r, double? scale)
    {
        if (scale is not null)
        {
            r.Diagnostics.Add(r.KeyPosition("scale")!.Value, $"'{r.PathOf("scale")}' cannot be combined with wall; wall's unit sets the scale");
            return null;
        }
        var match = WallUnits.FirstOrDefault(u => u.Unit == unit.Value);
        if (match.Unit is null)
        {
            r.Diagnostics.Add(unit.Position, $"'{r.PathOf("wall")}' must be seconds, ms or us, got '{unit.Value}'");
            return null;
        }
        return new ExtractSpec("", ExtractKind.WallClock, unit.Value, match.Scale, r.Position);
    }
}
