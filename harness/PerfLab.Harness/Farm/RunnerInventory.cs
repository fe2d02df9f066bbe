using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PerfLab.Harness.Farm;

/// <summary>The farm's self-hosted CI runners and their labels, read from a YAML (or JSON) file for <c>perflab plan --labels-from</c>.</summary>
/// <remarks>Format: <c>runners: [{name: perflab-pi5-01, labels: [perflab-hailo, perflab-hailo-HAILO10H]}]</c>. <c>name</c> is a label
/// unique to that runner, so a job can be sent to exactly it; <c>labels</c> are what <c>perflab devices</c> prints for its devices.</remarks>
public sealed record RunnerInventory(IReadOnlyList<InventoryRunner> Runners)
{
    /// <exception cref="InvalidDataException">The file is not valid YAML or lacks a field; the message names file and line.</exception>
    public static RunnerInventory Parse(string text, string path)
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(text)); }
        catch (YamlException e) { throw new InvalidDataException($"{path}:{e.Start.Line}: {e.Message}", e); }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("runners"), out var list) || list is not YamlSequenceNode runners)
            throw new InvalidDataException($"{path}:1: expected a mapping with a 'runners' list");

        var result = new List<InventoryRunner>();
        foreach (var node in runners)
        {
            var line = node.Start.Line;
            if (node is not YamlMappingNode map) throw new InvalidDataException($"{path}:{line}: a runner must be a mapping with 'name' and 'labels'");
            var name = map.Children.TryGetValue(new YamlScalarNode("name"), out var n) && n is YamlScalarNode { Value: { Length: > 0 } nv } ? nv : null;
            if (name is null) throw new InvalidDataException($"{path}:{line}: runner without a 'name'");
            if (!map.Children.TryGetValue(new YamlScalarNode("labels"), out var l) || l is not YamlSequenceNode labelList)
                throw new InvalidDataException($"{path}:{line}: runner '{name}' needs a 'labels' list");
            var labels = labelList.Select(x => x is YamlScalarNode { Value: { } v } ? v
                : throw new InvalidDataException($"{path}:{x.Start.Line}: a label must be a plain string")).ToList();
            if (result.Any(r => r.Name == name)) throw new InvalidDataException($"{path}:{line}: runner '{name}' is listed twice");
            result.Add(new InventoryRunner(name, labels));
        }
        return new RunnerInventory(result);
    }

    public static RunnerInventory Load(string path) => Parse(File.ReadAllText(path), path);
}

/// <summary>One self-hosted runner: its unique label and the device labels it carries.</summary>
public sealed record InventoryRunner(string Name, IReadOnlyList<string> Labels);
