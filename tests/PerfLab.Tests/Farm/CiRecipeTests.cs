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

    /// <summary>Every shell command of a GitHub recipe with its step's shell: a run block that pipes or substitutes a perflab (or
    /// dotnet) command must run in bash, whose GitHub form is <c>bash -eo pipefail</c>, and say <c>set -o pipefail</c> itself.</summary>
    private static IEnumerable<(string Job, string? Shell, string Run)> GithubRuns(string name)
    {
        foreach (var (job, node) in Map(Load(name), "jobs").Children)
        {
            var steps = ((YamlMappingNode)node).Children.TryGetValue(new YamlScalarNode("steps"), out var s) ? (YamlSequenceNode)s : new YamlSequenceNode();
            foreach (var step in steps.Cast<YamlMappingNode>())
            {
                if (!step.Children.TryGetValue(new YamlScalarNode("run"), out var run)) continue;
                var shell = step.Children.TryGetValue(new YamlScalarNode("shell"), out var sh) ? sh.ToString() : null;
                yield return (job.ToString(), shell, run.ToString());
            }
        }
    }

    private static bool PipesACommand(string line) =>
        System.Text.RegularExpressions.Regex.IsMatch(line, @"(perflab|dotnet)\b[^|#]*\|(?!\|)");

    [TestCase("github-nightly.yml")]
    [TestCase("github-release-gate.yml")]
    public void A_failing_perflab_command_fails_its_GitHub_step(string name)
    {
        var runs = GithubRuns(name).ToList();
        Assert.That(runs.Where(r => r.Run.Contains("perflab merge")), Is.Not.Empty);
        foreach (var (job, shell, run) in runs)
        {
            // GitHub's default shell is 'bash -e {0}' without pipefail: 'perflab merge ... | tee' would pass on a refused source.
            if (run.Split('\n').Any(PipesACommand))
                Assert.That((shell, run.Contains("set -o pipefail")), Is.EqualTo(("bash", true)), $"{name}, job {job}: a piped perflab command needs 'shell: bash' and 'set -o pipefail'\n{run}");
            // Inside another command's arguments a substitution's exit status is lost.
            Assert.That(System.Text.RegularExpressions.Regex.IsMatch(run, @"echo [^\n]*\$\((perflab|dotnet)"), Is.False, $"{name}, job {job}: a perflab command substituted into echo's arguments\n{run}");
        }
    }

    [Test]
    public void The_GitLab_pipeline_pipes_no_perflab_command()
    {
        // The child pipeline is written by a Python script inside the recipe, so its job scripts are read as text.
        var lines = File.ReadAllLines(Recipe("gitlab-ci.yml"));
        var commands = lines.Where(l => l.Contains("perflab merge") || l.Contains("perflab gate") || l.Contains("perflab agent")).ToList();
        Assert.That(commands, Has.Some.Contains("perflab merge"));
        Assert.That(commands.Where(PipesACommand), Is.Empty, "a job's status would be the last command's in the pipe");
    }

    [Test]
    public void The_pipe_check_itself_sees_a_pipe_and_ignores_or_lists()
    {
        Assert.That(PipesACommand("perflab merge a.db --into f.db --json | tee merge.json"), Is.True);
        Assert.That(PipesACommand("perflab merge a.db --into f.db || echo failed"), Is.False);
        Assert.That(PipesACommand("perflab merge a.db --into f.db > merge.json"), Is.False);
    }
}
