using NUnit.Framework;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Execution;
using PerfLab.Runners.Hailo;
using PerfLab.Runners.Hailo.Parsing;
using PerfLab.Runners.Processes;
using PerfLab.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace PerfLab.Tests.Runners.Hailo;

/// <summary>The shipped Hailo suites name runners that exist, with arguments those runners accept, and declare the
/// metrics (with the units) the runners store.</summary>
public sealed class HailoSuiteFilesTests
{
    private static readonly IStepRunner[] Runners =
    [
        new HailoRunRunner(new ProcessLauncher()), new HailoBenchmarkRunner(new ProcessLauncher()), new HailoIdentifyRunner(new ProcessLauncher()),
        new HailoIdlePowerRunner(new ProcessLauncher()), new HailoSoakRunner(new ProcessLauncher()),
    ];

    [TestCase("hailo-hef-throughput.yaml")]
    [TestCase("hailo-thermal-soak.yaml")]
    public void Suite_steps_validate_against_the_hailo_runners(string file)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(RepoPaths.Suites, file))));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var steps = (YamlSequenceNode)root["steps"];
        foreach (YamlMappingNode step in steps)
        {
            var runner = Runners.SingleOrDefault(r => r.Name == step["runner"].ToString());
            Assert.That(runner, Is.Not.Null, $"{file}: unknown runner {step["runner"]}");
            var with = step.Children.TryGetValue(new YamlScalarNode("with"), out var w) ? (YamlMappingNode)w : new YamlMappingNode();
            var args = new ArgMap(with.Children.Select(kv => new ArgEntry(kv.Key.ToString(), new SourcePosition((int)kv.Key.Start.Line, (int)kv.Key.Start.Column),
                new ArgScalar(kv.Value.ToString(), new SourcePosition((int)kv.Value.Start.Line, (int)kv.Value.Start.Column)))).ToList(), default);
            var problems = runner!.Validate(new StepSpec(step["name"].ToString(), runner.Name, args, [], null, null, null, false, default));
            Assert.That(problems, Is.Empty, $"{file} step {step["name"]}");
        }

        var declared = ((YamlSequenceNode)root["metrics"]).Cast<YamlMappingNode>()
            .ToDictionary(m => m["name"].ToString(), m => m["unit"].ToString());
        var units = typeof(HailoMetrics).GetFields().Select(f => (string)f.GetValue(null)!).ToHashSet();
        Assert.That(declared.Keys, Is.SubsetOf(units), "every declared metric is one a Hailo runner stores");
    }

    [Test]
    public void Throughput_suite_declares_the_whitepaper_rows_with_their_units()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Suites, "hailo-hef-throughput.yaml"));
        foreach (var row in new[] { "{name: fps, unit: FPS", "{name: hw_latency, unit: ms", "{name: overall_latency, unit: ms", "{name: temp_max, unit: °C, better: lower, gate: {max: 85}}",
                                    "{name: bench_fps_hw_only, unit: FPS", "{name: bench_power_avg, unit: W", "{name: idle_power, unit: W" })
            Assert.That(text, Does.Contain(row));
    }
}
