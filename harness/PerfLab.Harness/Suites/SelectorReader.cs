using PerfLab.Harness.Domain;

namespace PerfLab.Harness.Suites;

/// <summary>Reads device selectors: maps of label to one value or a list of allowed values.</summary>
internal static class SelectorReader
{
    /// <summary>A list of selectors (a device matches if any matches); null when the node is not a list.</summary>
    public static IReadOnlyList<DeviceSelector>? ReadList(SourceNode node, string context, SuiteDiagnostics diagnostics)
    {
        if (node is not SourceList list)
        {
            diagnostics.Add(node.Position, $"'{context}' must be a list of device selectors (e.g. '- family: host'), got {node.KindText}");
            return null;
        }
        var selectors = new List<DeviceSelector>();
        for (var i = 0; i < list.Items.Count; i++)
        {
            if (Read(list.Items[i], $"{context}[{i}]", diagnostics) is { } s) selectors.Add(s);
        }
        return selectors;
    }

    /// <summary>One selector: every label it names must have one of its values.</summary>
    public static DeviceSelector? Read(SourceNode node, string context, SuiteDiagnostics diagnostics)
    {
        if (node is not SourceMap map)
        {
            diagnostics.Add(node.Position, $"'{context}' must be a map of device label to value(s), got {node.KindText}");
            return null;
        }
        if (map.Entries.Count == 0)
        {
            diagnostics.Add(map.Position, $"'{context}' must name at least one device label");
            return null;
        }
        var labels = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var ok = true;
        foreach (var e in map.Entries)
        {
            var values = Values(e, context, diagnostics);
            if (values is null) ok = false;
            else labels[e.Key] = values;
        }
        return ok ? new DeviceSelector(labels) : null;
    }

    private static IReadOnlyList<string>? Values(SourceEntry e, string context, SuiteDiagnostics diagnostics)
    {
        switch (e.Value)
        {
            case SourceScalar { IsNull: false } s:
                return [s.Value];
            case SourceList { Items.Count: > 0 } l when l.Items.All(i => i is SourceScalar { IsNull: false }):
                return l.Items.Cast<SourceScalar>().Select(s => s.Value).ToList();
            default:
                diagnostics.Add(e.Value.Position, $"'{context}.{e.Key}' must be a value or a non-empty list of values, got {(e.Value is SourceList ? "an empty list or a list of non-values" : e.Value.KindText)}");
                return null;
        }
    }
}
