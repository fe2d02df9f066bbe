using System.Text.RegularExpressions;
using PerfLab.Harness.Domain;

namespace PerfLab.Harness.Suites;

/// <summary>The matrix a suite declares: its axis names (the step variables it adds) and its expanded points.</summary>
internal sealed record SuiteMatrix(IReadOnlyList<string> Axes, IReadOnlyList<MatrixPoint> Points)
{
    public static SuiteMatrix Single { get; } = new([], [MatrixPoint.Empty]);
}

/// <summary>Reads <c>matrix:</c> (axes and/or <c>include:</c> points) and expands it.</summary>
internal static partial class MatrixReader
{
    private const string IncludeKey = "include";
    private const string RequiresKey = "requires";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex AxisName();

    public static SuiteMatrix Read(SourceNode? node, SuiteDiagnostics diagnostics)
    {
        if (node is null) return SuiteMatrix.Single;
        if (node is not SourceMap map)
        {
            diagnostics.Add(node.Position, $"'matrix' must be a map of axis name to a list of values, got {node.KindText}");
            return SuiteMatrix.Single;
        }

        var axes = new List<(string Axis, IReadOnlyList<string> Values)>();
        foreach (var e in map.Entries.Where(e => e.Key != IncludeKey))
        {
            if (!CheckAxisName(e.Key, e.KeyPosition, diagnostics)) continue;
            if (ReadAxisValues(e, diagnostics) is { } values) axes.Add((e.Key, values));
        }

        var points = axes.Count > 0 ? MatrixExpansion.Product(axes).ToList() : [];
        var axisNames = map.Entries.Where(e => e.Key != IncludeKey).Select(e => e.Key).ToList();
        if (map.Find(IncludeKey) is { } include)
        {
            var included = ReadIncludes(include, axisNames, diagnostics);
            if (axisNames.Count == 0 && included.Count > 0) axisNames = [.. included[0].Point.Values.Keys];
            AddDistinct(points, included, diagnostics);
        }
        return points.Count == 0 ? new SuiteMatrix(axisNames, [MatrixPoint.Empty]) : new SuiteMatrix(axisNames, points);
    }

    private static bool CheckAxisName(string name, SourcePosition at, SuiteDiagnostics diagnostics)
    {
        if (!AxisName().IsMatch(name))
        {
            diagnostics.Add(at, $"matrix axis '{name}' must be a name of letters, digits and '_' (it is used as ${{{name}}})");
            return false;
        }
        if (name == StepVariables.SuiteDir || name == "device")
        {
            diagnostics.Add(at, $"matrix axis '{name}' is a reserved variable name");
            return false;
        }
        return true;
    }

    private static IReadOnlyList<string>? ReadAxisValues(SourceEntry e, SuiteDiagnostics diagnostics)
    {
        if (e.Value is not SourceList list || list.Items.Count == 0)
        {
            diagnostics.Add(e.Value.Position, $"matrix axis '{e.Key}' must be a non-empty list of values, got {(e.Value is SourceList ? "an empty list" : e.Value.KindText)}");
            return null;
        }
        var values = new List<string>();
        var seen = new Dictionary<string, SourcePosition>(StringComparer.Ordinal);
        var ok = true;
        foreach (var item in list.Items)
        {
            if (item is not SourceScalar { IsNull: false } s)
            {
                diagnostics.Add(item.Position, $"matrix axis '{e.Key}' values must be scalars, got {item.KindText}");
                ok = false;
                continue;
            }
            if (!seen.TryAdd(s.Value, s.Position))
            {
                diagnostics.Add(s.Position, $"matrix axis '{e.Key}' lists value '{s.Value}' twice (first at {seen[s.Value]})");
                ok = false;
                continue;
            }
            values.Add(s.Value);
        }
        return ok ? values : null;
    }

    private static List<(MatrixPoint Point, SourcePosition Position)> ReadIncludes(
        SourceEntry include, IReadOnlyList<string> axes, SuiteDiagnostics diagnostics)
    {
        var result = new List<(MatrixPoint, SourcePosition)>();
        if (include.Value is not SourceList list)
        {
            diagnostics.Add(include.Value.Position, $"'matrix.include' must be a list of points, got {include.Value.KindText}");
            return result;
        }
        IReadOnlyList<string>? firstKeys = null;
        for (var i = 0; i < list.Items.Count; i++)
        {
            var context = $"matrix.include[{i}]";
            if (list.Items[i] is not SourceMap point)
            {
                diagnostics.Add(list.Items[i].Position, $"'{context}' must be a map of axis values, got {list.Items[i].KindText}");
                continue;
            }
            var ok = true;
            var values = new List<(string, string)>();
            DeviceSelector? requires = null;
            foreach (var e in point.Entries)
            {
                if (e.Key == RequiresKey)
                {
                    requires = SelectorReader.Read(e.Value, $"{context}.{RequiresKey}", diagnostics);
                    ok &= requires is not null;
                    continue;
                }
                if (axes.Count > 0 && !axes.Contains(e.Key))
                {
                    diagnostics.Add(e.KeyPosition, $"unknown matrix axis '{e.Key}' in {context}{KeySuggestion.Hint(e.Key, [.. axes, RequiresKey])}");
                    ok = false;
                    continue;
                }
                if (axes.Count == 0 && !CheckAxisName(e.Key, e.KeyPosition, diagnostics))
                {
                    ok = false;
                    continue;
                }
                if (e.Value is not SourceScalar { IsNull: false } s)
                {
                    diagnostics.Add(e.Value.Position, $"'{context}.{e.Key}' must be a single value, got {e.Value.KindText}");
                    ok = false;
                    continue;
                }
                values.Add((e.Key, s.Value));
            }
            var keys = values.Select(v => v.Item1).ToList();
            if (axes.Count > 0)
            {
                foreach (var missing in axes.Where(a => !keys.Contains(a) && point.Find(a) is null))
                {
                    diagnostics.Add(point.Position, $"'{context}' gives no value for matrix axis '{missing}'");
                    ok = false;
                }
            }
            else if (ok)
            {
                if (keys.Count == 0)
                {
                    diagnostics.Add(point.Position, $"'{context}' must give at least one axis value");
                    ok = false;
                }
                else if (firstKeys is null)
                {
                    firstKeys = keys;
                }
                else if (!keys.Order(StringComparer.Ordinal).SequenceEqual(firstKeys.Order(StringComparer.Ordinal)))
                {
                    diagnostics.Add(point.Position,
                        $"'{context}' gives axes ({string.Join(", ", keys)}) but the first point gives ({string.Join(", ", firstKeys)}); " +
                        "without declared axes every included point must give the same ones");
                    ok = false;
                }
            }
            if (ok) result.Add((new MatrixPoint(MatrixExpansion.ToValues(values), requires), point.Position));
        }
        return result;
    }

    private static void AddDistinct(List<MatrixPoint> points, List<(MatrixPoint Point, SourcePosition Position)> included, SuiteDiagnostics diagnostics)
    {
        foreach (var (point, position) in included)
        {
            if (points.Any(p => p.Label == point.Label))
            {
                diagnostics.Add(position, $"matrix point {point.Label} is listed twice; two cases would share one name");
                continue;
            }
            points.Add(point);
        }
    }
}
