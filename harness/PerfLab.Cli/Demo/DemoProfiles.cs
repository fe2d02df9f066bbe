using YamlDotNet.RepresentationModel;

namespace PerfLab.Cli.Demo;

/// <summary>Writes the demo's copies of the emulated Hailo profiles: the shipped profile's injected Hydra regression made
/// larger than the suite's 5 % budget, so the gate has a regression it can find (a drop of exactly the budget is, rightly,
/// inconclusive), and relative paths made absolute so the copies work from the demo's folder.</summary>
public static class DemoProfiles
{
    /// <summary>The factor the demo's regression applies: FPS × 0.90 (−10 %).</summary>
    public const string RegressionFactor = "0.90";

    public static IReadOnlyList<string> Write(IEnumerable<string> shippedProfiles, string directory)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var source in shippedProfiles)
        {
            var yaml = new YamlStream();
            using (var reader = new StreamReader(source)) yaml.Load(reader);
            var root = (YamlMappingNode)yaml.Documents[0].RootNode;
            if (root.Children.TryGetValue(new YamlScalarNode("probe_hef"), out var probe) && probe is YamlScalarNode p && p.Value is { } rel)
                root.Children[new YamlScalarNode("probe_hef")] = new YamlScalarNode(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, rel)));
            if (root.Children.TryGetValue(new YamlScalarNode("regressions"), out var regs) && regs is YamlSequenceNode seq)
            {
                foreach (var item in seq.Children.OfType<YamlMappingNode>())
                    item.Children[new YamlScalarNode("factor")] = new YamlScalarNode(RegressionFactor);
            }
            var target = Path.Combine(directory, Path.GetFileName(source));
            using (var writer = new StreamWriter(target)) yaml.Save(writer, assignAnchors: false);
            written.Add(target);
        }
        return written;
    }
}
