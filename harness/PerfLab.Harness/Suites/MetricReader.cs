using System.Globalization;
using System.Text.RegularExpressions;
using PerfLab.Harness.Domain;

namespace PerfLab.Harness.Suites;

/// <summary>Reads <c>metrics:</c>: each metric's name, unit, good direction, gate and description.</summary>
internal static partial class MetricReader
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    public static partial Regex Name();

    public static IReadOnlyList<MetricSpec> Read(SourceNode? node, SuiteDiagnostics diagnostics)
    {
        var metrics = new List<MetricSpec>();
        if (node is null) return metrics;
        if (node is not SourceList list)
        {
            diagnostics.Add(node.Position, $"'metrics' must be a list of metrics, got {node.KindText}");
            return metrics;
        }
        var seen = new Dictionary<string, SourcePosition>(StringComparer.Ordinal);
        for (var i = 0; i < list.Items.Count; i++)
        {
            var r = MapReader.For(list.Items[i], $"metrics[{i}]", diagnostics);
            if (r is null) continue;
            var name = r.Scalar("name", required: true);
            var unit = r.String("unit", required: true);
            var better = ReadBetter(r);
            var gate = ReadGate(r);
            var description = r.String("description");
            r.RejectUnknownKeys();

            if (name is not null)
            {
                if (!Name().IsMatch(name.Value))
                {
                    diagnostics.Add(name.Position, $"metric name '{name.Value}' must start with a letter or digit and hold only letters, digits, '_', '.' and '-'");
                }
                else if (!seen.TryAdd(name.Value, name.Position))
                {
                    diagnostics.Add(name.Position, $"duplicate metric name '{name.Value}' (first at {seen[name.Value]})");
                }
            }
            if (name is null || unit is null || better is null || gate is null) continue;
            metrics.Add(new MetricSpec(name.Value, unit, better.Value, gate, description));
        }
        return metrics;
    }

    private static Better? ReadBetter(MapReader r)
    {
        var s = r.Scalar("better", required: true);
        switch (s?.Value)
        {
            case null: return null;
            case "higher": return Better.Higher;
            case "lower": return Better.Lower;
            default:
                var closest = KeySuggestion.Closest(s.Value, ["higher", "lower"]);
                var hint = closest is null ? "" : $"; did you mean '{closest}'?";
                r.Diagnostics.Add(s.Position, $"'{r.PathOf("better")}' must be 'higher' or 'lower', got '{s.Value}'{hint}");
                return null;
        }
    }

    private static MetricGate? ReadGate(MapReader r)
    {
        var node = r.Node("gate");
        if (node is null) return MetricGate.None;
        var g = MapReader.For(node, r.PathOf("gate"), r.Diagnostics);
        if (g is null) return null;
        var budget = g.Number("budget_pct");
        var min = g.Number("min");
        var max = g.Number("max");
        g.RejectUnknownKeys();
        if (budget is < 0)
        {
            r.Diagnostics.Add(g.KeyPosition("budget_pct")!.Value, $"'{g.PathOf("budget_pct")}' must not be negative");
            return null;
        }
        if (min is { } lo && max is { } hi && lo > hi)
        {
            r.Diagnostics.Add(g.KeyPosition("min")!.Value, $"'{g.PathOf("min")}' ({lo.ToString(CultureInfo.InvariantCulture)}) is above '{g.PathOf("max")}' ({hi.ToString(CultureInfo.InvariantCulture)})");
            return null;
        }
        return new MetricGate(budget, min, max);
    }
}
