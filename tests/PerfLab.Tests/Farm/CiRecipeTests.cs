using NUnit.Framework;
using PerfLab.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace PerfLab.Tests.Farm;

/// <summary>The CI recipes in docs/ci parse as YAML and call the verbs and options perflab has.</summary>
public sealed class CiRecipeTests
{
    private static string Recipe(string name) => Path.Combine(RepoPaths.Root, "docs", "ci", name);

    private static YamlMappingNode Load(string name)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Recipe(name))));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static YamlMappingNode Map(YamlNode node, string key) => (YamlMappingNode)((YamlMappingNode)node)[new YamlScalarNode(key)];

    [TestCase("github-nightly.yml")]
    [TestCase("github-release-gate.yml")]
    [TestCase("gitlab-ci.yml")]
    public void Recipe_is_valid_yaml(string name) => Assert.That(Load(name).Children, Is.Not.Empty);

    [Test]
    public void Nightly_runs_agents_from_the_plan_then_merges_gates_and_publishes()
    {
        var jobs = Map(Load("github-nightly.yml"), "jobs");
        Assert.That(jobs.Children.Keys.Select(k => k.ToString()), Is.EqualTo(new[] { "plan", "agent", "merge", "gate", "reports" }));
        var text = File.ReadAllText(Recipe("github-nightly.yml"));
        Assert.That(text, Does.Contain("plan --suites suites --format github-matrix"));
        Assert.That(text, Does.Contain("perflab agent --suites \"${{ matrix.suite_file }}\" --ci-label \"${{ matrix.label }}\""));
        Assert.That(text, Does.Contain("perflab merge incoming/*.db --into"));
        Assert.That(Map(jobs, "agent")["runs-on"].ToString(), Does.Contain("matrix.runner"));
    }

    [Test]
    public void Release_gate_measures_then_gates_before_the_release_job()
    {
        var jobs = Map(Load("github-release-gate.yml"), "jobs");
        Assert.That(((YamlScalarNode)Map(jobs, "release")["needs"]).Value, Is.EqualTo("gate"));
        Assert.That(((YamlScalarNode)Map(jobs, "gate")["needs"]).Value, Is.EqualTo("measure"));
    }
}
