using YamlDotNet.RepresentationModel;

namespace PerfLab.Reports.Pages;

/// <summary>What a model's author declares about it (name, domain, architecture, compiler...): prose and facts that are not
/// measurements, read from <c>&lt;model&gt;.card.yaml</c> beside the HEF and printed with their source.</summary>
public sealed record ModelCard(
    string Id,
    string Name,
    string Domain,
    string Architecture,
    string Summary,
    string ArchitectureDetail,
    string TargetSilicon,
    string Compiler,
    string Quantization,
    string Framework,
    string Source)
{
    /// <summary>Every <c>*.card.yaml</c> in <paramref name="directory"/>, keyed by its <c>id</c>; empty when the folder is absent.</summary>
    public static IReadOnlyDictionary<string, ModelCard> LoadAll(string? directory)
    {
        var cards = new SortedDictionary<string, ModelCard>(StringComparer.Ordinal);
        if (directory is null || !Directory.Exists(directory)) return cards;
        foreach (var path in Directory.GetFiles(directory, "*.card.yaml").Order(StringComparer.Ordinal))
        {
            var card = Parse(File.ReadAllText(path), path);
            cards[card.Id] = card;
        }
        return cards;
    }

    public static ModelCard Parse(string yaml, string path)
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(yaml)); }
        catch (YamlDotNet.Core.YamlException e) { throw new InvalidDataException($"{path}:{e.Start.Line}: {e.Message}", e); }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode map)
            throw new InvalidDataException($"{path}: expected a mapping of model facts");
        string Get(string key, bool required = false)
        {
            if (map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode s && s.Value is { } v) return v.Trim();
            return required ? throw new InvalidDataException($"{path}: '{key}' is required") : "";
        }
        return new ModelCard(Get("id", true), Get("name", true), Get("domain"), Get("architecture"), Get("summary"),
            Get("architecture_detail"), Get("target_silicon"), Get("compiler"), Get("quantization"), Get("framework"), Get("source"));
    }
}
