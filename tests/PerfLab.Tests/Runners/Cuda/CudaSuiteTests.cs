using NUnit.Framework;
using PerfLab.Harness.Domain;
using PerfLab.Runners.Cuda;
using PerfLab.Runners.Processes;
using PerfLab.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace PerfLab.Tests.Runners.Cuda;

/// <summary>The shipped CUDA suites' steps validate against the CUDA runners (the suite loader itself is tested elsewhere).</summary>
public sealed class CudaSuiteTests
{
    private static ArgNode ToArg(YamlNode n) => n switch
    {
        YamlScalarNode s => new ArgScalar(s.Value ?? "", new SourcePosition((int)s.Start.Line, (int)s.Start.Column)),
        YamlSequenceNode l => new ArgList(l.Children.Select(ToArg).ToList(), new SourcePosition((int)l.Start.Line, (int)l.Start.Column)),
        YamlMappingNode m => new ArgMap(m.Children.Select(kv => new ArgEntry(((YamlScalarNode)kv.Key).Value!, default, ToArg(kv.Value))).ToList(),
            new SourcePosition((int)m.Start.Line, (int)m.Start.Column)),
        _ => throw new ArgumentException(n.GetType().Name),
    };

    [TestCase("cuda-hydra-decode.yaml", "kernel-package-validation")]
    [TestCase("cuda-decode-reference.yaml", "research-campaign")]
    public void SuiteSteps_ValidateAgainstTheRunners(string file, string scope)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(RepoPaths.Suites, file))) stream.Load(reader);
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        Assert.That(((YamlScalarNode)root["scope"]).Value, Is.EqualTo(scope));
        var axes = ((YamlSequenceNode)((YamlMappingNode)root["matrix"])["include"]).Children.Cast<YamlMappingNode>()
            .SelectMany(p => p.Children.Keys.Cast<YamlScalarNode>().Select(k => k.Value!)).ToHashSet();
        var metrics = ((YamlSequenceNode)root["metrics"]).Children.Cast<YamlMappingNode>().Select(m => ((YamlScalarNode)m["name"]).Value).ToList();
        var runners = CudaRunners.Create(new ProcessLauncher()).ToDictionary(r => r.Name);
        foreach (var step in ((YamlSequenceNode)root["steps"]).Children.Cast<YamlMappingNode>())
        {
            var runner = runners[((YamlScalarNode)step["runner"]).Value!];
            var with = (ArgMap)ToArg(step["with"]);
            var spec = new StepSpec(((YamlScalarNode)step["name"]).Value!, runner.Name, with, [], null, null, null, false, default);
            Assert.That(runner.Validate(spec).Select(p => p.Message), Is.Empty, spec.Name);
            foreach (var (name, _) in with.References()) Assert.That(axes.Contains(name) || name == "suite_dir", Is.True, $"{spec.Name}: ${{{name}}}");
        }
        Assert.That(metrics, Does.Contain("ms_per_iter"));
    }

    [Test]
    public void ReferenceSuite_ScriptExists_AndSweepsOneTo128k()
    {
        Assert.That(File.Exists(Path.Combine(RepoPaths.Suites, "workloads", "decode_attention.py")), Is.True);
        var text = File.ReadAllText(Path.Combine(RepoPaths.Suites, "cuda-decode-reference.yaml"));
        Assert.That(text, Does.Contain("tkv: \"1024\", variant: full").And.Contain("tkv: \"131072\", variant: bounded, window: \"4096\""));
    }
}
