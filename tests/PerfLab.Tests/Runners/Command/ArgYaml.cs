using PerfLab.Harness.Domain;
using YamlDotNet.RepresentationModel;

namespace PerfLab.Tests.Runners.Command;

/// <summary>Builds a step's argument tree from YAML text, with the real line and column of every node.</summary>
internal static class ArgYaml
{
    public static ArgMap Map(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Count == 0 ? ArgMap.Empty : (ArgMap)Convert(stream.Documents[0].RootNode);
    }

    private static ArgNode Convert(YamlNode node) => node switch
    {
        YamlScalarNode s => new ArgScalar(s.Value ?? "", At(s)),
        YamlSequenceNode q => new ArgList(q.Children.Select(Convert).ToList(), At(q)),
        YamlMappingNode m => new ArgMap(
            m.Children.Select(kv => new ArgEntry(((YamlScalarNode)kv.Key).Value!, At(kv.Key), Convert(kv.Value))).ToList(), At(m)),
        _ => throw new ArgumentException("unsupported YAML node " + node.GetType().Name),
    };

    private static SourcePosition At(YamlNode n) => new((int)n.Start.Line, (int)n.Start.Column);
}
