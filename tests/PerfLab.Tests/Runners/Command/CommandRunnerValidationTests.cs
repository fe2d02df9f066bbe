using NUnit.Framework;
using PerfLab.Harness.Domain;
using PerfLab.Runners.Command;
using static PerfLab.Tests.Runners.Command.CommandCase;

namespace PerfLab.Tests.Runners.Command;

/// <summary>What Validate reports for a command step's arguments and extracts, with positions.</summary>
[TestFixture]
public sealed class CommandRunnerValidationTests
{
    private readonly CommandRunner _runner = new();

    private IReadOnlyList<ArgProblem> Validate(string withYaml, params ExtractSpec[] extract) => _runner.Validate(Step(withYaml, extract));

    [Test]
    public void A_complete_step_has_no_problems()
    {
        var problems = Validate("""
            argv: [python3, workloads/bench.py, --batch, "${batch}"]
            env: {OMP_NUM_THREADS: "4", MODEL: "${model}"}
            cwd: workloads
            stdin: "hello"
            output_cap: 65536
            ok_exit_codes: [0, 2]
            """, Regex("fps", @"fps: (?<value>[0-9.]+)"), Json("p50", "$.latency.p50"), Wall());

        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void Variables_are_accepted_where_numbers_go_before_substitution()
    {
        var problems = Validate("argv: [true]\noutput_cap: ${cap}\nok_exit_codes: [0, '${code}']", Regex("fps", "fps ${x} (?<value>[0-9]+)"));

        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void Neither_argv_nor_shell_is_reported_at_the_arguments()
    {
        var problems = Validate("env: {A: b}");

        Assert.That(problems.Select(p => (p.Position, p.Message)), Is.EqualTo(new[]
        {
            (new SourcePosition(1, 1), "a command step needs 'argv: [program, arg...]' or 'shell: \"script\"'"),
        }));
    }

    [Test]
    public void A_step_without_arguments_is_reported_at_the_step()
    {
        var problems = _runner.Validate(new StepSpec("bench", "command", ArgMap.Empty, [], null, null, null, false, new SourcePosition(12, 5)));

        Assert.That(problems.Single().Position, Is.EqualTo(new SourcePosition(12, 5)));
    }

    [Test]
    public void Argv_and_shell_together_are_reported_at_shell()
    {
        var problems = Validate("argv: [true]\nshell: echo hi");

        Assert.That(problems.Single().Position, Is.EqualTo(new SourcePosition(2, 1)));
        Assert.That(problems.Single().Message, Does.Contain("not both"));
    }

    [Test]
    public void An_unknown_key_is_reported_at_the_key_with_the_known_ones()
    {
        var problems = Validate("argv: [true]\ntimeout_s: 5");

        Assert.That(problems.Single().Position, Is.EqualTo(new SourcePosition(2, 1)));
        Assert.That(problems.Single().Message, Does.Contain("unknown key 'timeout_s'").And.Contain("argv").And.Contain("ok_exit_codes"));
    }

    [TestCase("argv: true", 1, 7, "'argv' must be a list")]
    [TestCase("argv: []", 1, 7, "'argv' must name a program")]
    [TestCase("argv: ['', x]", 1, 7, "'argv[0]' (the program) is empty")]
    [TestCase("argv: [true, [x]]", 1, 14, "'argv' must be a list of scalars")]
    [TestCase("shell: [echo, hi]", 1, 8, "'shell' must be a scalar")]
    [TestCase("shell: ''", 1, 8, "'shell' is empty")]
    [TestCase("argv: [true]\nenv: [A, B]", 2, 6, "'env' must be a map")]
    [TestCase("argv: [true]\nenv: {A: [1]}", 2, 10, "'env.A' must be a scalar")]
    [TestCase("argv: [true]\nenv: {'A=B': x}", 2, 7, "not a valid environment variable name")]
    [TestCase("argv: [true]\ncwd: {a: b}", 2, 6, "'cwd' must be a scalar")]
    [TestCase("argv: [true]\noutput_cap: 4MiB", 2, 13, "'output_cap' must be an integer")]
    [TestCase("argv: [true]\noutput_cap: 0", 2, 13, "'output_cap' must be at least 1")]
    [TestCase("argv: [true]\nok_exit_codes: 0", 2, 16, "'ok_exit_codes' must be a list")]
    [TestCase("argv: [true]\nok_exit_codes: []", 2, 16, "at least one exit code")]
    [TestCase("argv: [true]\nok_exit_codes: [0, x]", 2, 20, "exit codes 0..255, got 'x'")]
    [TestCase("argv: [true]\nok_exit_codes: [0, 256]", 2, 20, "exit codes 0..255, got '256'")]
    [TestCase("argv: [true]\nok_exit_codes: [-1]", 2, 17, "exit codes 0..255, got '-1'")]
    public void Wrong_types_are_reported_where_they_are_written(string yaml, int line, int column, string message)
    {
        var problems = Validate(yaml);

        Assert.That(problems, Has.Count.EqualTo(1), string.Join("; ", problems));
        Assert.That(problems[0].Message, Does.Contain(message));
        Assert.That(problems[0].Position, Is.EqualTo(new SourcePosition(line, column)));
    }

    [Test]
    public void Every_problem_is_reported_not_only_the_first()
    {
        var problems = Validate("argv: true\noutput_cap: big\ncolour: red", Regex("fps", "("));

        Assert.That(problems.Select(p => p.Position.Line), Is.EquivalentTo(new[] { 1, 2, 3, 20 }));
    }

    [Test]
    public void Unusable_extracts_are_reported_at_the_extract()
    {
        var problems = Validate("argv: [true]",
            Regex("fps", @"fps: ([0-9.]+)"), Json("p50", "latency.p50"), Wall("wall"), Wall("wall"));

        Assert.That(problems.Select(p => (p.Position, p.Message.Split(':')[0])), Is.EquivalentTo(new[]
        {
            (new SourcePosition(20, 5), "extract 'fps'"),
            (new SourcePosition(21, 5), "extract 'p50'"),
            (new SourcePosition(22, 5), "metric 'wall' is extracted twice"),
        }));
    }

    [Test]
    public void The_runner_is_named_command()
    {
        Assert.That(_runner.Name, Is.EqualTo("command"));
        Assert.That(_runner.Summary, Is.Not.Empty);
    }
}
