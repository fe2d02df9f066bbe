using NUnit.Framework;
using PerfLab.Harness.Suites;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Suites;

/// <summary>One test per class of suite error, each asserting the exact line and column of every error in its fixture.</summary>
public sealed class SuiteLoaderErrorTests
{
    private static IReadOnlyList<SuiteError> ErrorsOf(string fixture)
    {
        var result = ArgvTestRunner.Loader().Load(RepoPaths.Fixture("suites", "bad", fixture));
        Assert.That(result.Suite, Is.Null, "a suite with errors must not load");
        Assert.That(result.IsValid, Is.False);
        return result.Errors;
    }

    /// <summary>Asserts the errors are exactly these, in this order, each at its line and column with a message holding the text.</summary>
    private static void AssertErrors(IReadOnlyList<SuiteError> errors, params (int Line, int Column, string Text)[] expected)
    {
        var listing = string.Join("\n", errors);
        Assert.That(errors.Select(e => (e.Position.Line, e.Position.Column)).ToList(),
            Is.EqualTo(expected.Select(x => (x.Line, x.Column)).ToList()), listing);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.That(errors[i].Message, Does.Contain(expected[i].Text), listing);
        }
    }

    [Test]
    public void UnparsableYaml_IsReportedAtTheParserPosition()
    {
        var errors = ErrorsOf("syntax.yaml");
        AssertErrors(errors, (2, 14, "invalid YAML: While scanning a multi-line double-quoted scalar"));
        Assert.That(errors[0].ToString(), Does.StartWith(RepoPaths.Fixture("suites", "bad", "syntax.yaml") + ":2:14: invalid YAML"));
    }

    [Test]
    public void TabIndentation_IsReportedOnTheLineOfTheTab()
    {
        // The shipped host suite with the first step's "- name" indented by a tab: YamlDotNet marks this at 1:1.
        var errors = ErrorsOf("tab-indent.yaml");
        AssertErrors(errors, (38, 1, "invalid YAML: a tab indents this line; YAML indents with spaces only"));
    }

    [Test]
    public void TabIndentation_InsideAPlainScalarsContinuation_IsReportedOnTheLineOfTheTab()
    {
        var result = ArgvTestRunner.Loader().LoadText("name: x\nsteps:\n  - name: a\n    runner: command\n\twith: {}\n", "t.yaml");
        Assert.That(result.Errors.Select(e => (e.Position.Line, e.Position.Column)), Is.EqualTo(new[] { (5, 1) }), string.Join("\n", result.Errors));
    }

    [TestCase("a: 1\n# \tcomment\n\n  \t\nb:\n  c: 1\n", 1, null, null)]
    [TestCase("a: 1\nb:\n \tc: 1\n", 1, 3, 2)]
    [TestCase("\ta: 1\nb:\n\tc: 1\n", 2, 3, 1)]
    public void FirstTabIndent_SkipsCommentsAndBlankLines(string text, int fromLine, int? line, int? column)
    {
        var found = YamlSyntaxError.FirstTabIndent(text, fromLine);
        Assert.That(found, Is.EqualTo(line is null ? null : new Harness.Domain.SourcePosition(line.Value, column!.Value)));
    }

    [Test]
    public void UnclosedFlowSequence_IsReportedNotThrown()
    {
        // YamlDotNet's scanner throws InvalidOperationException (not a YamlException) on this input.
        var result = ArgvTestRunner.Loader().LoadText("name: [a, b\nx: 1\n", "t.yaml");
        Assert.That(result.Errors, Has.Count.EqualTo(1));
        Assert.That(result.Errors[0].Position, Is.EqualTo(new Harness.Domain.SourcePosition(1, 9)));
        Assert.That(result.Errors[0].Message, Does.StartWith("invalid YAML"));
    }

    [Test]
    public void UnknownKeys_AreReportedAtEveryLevel_WithTheClosestKnownKey()
    {
        AssertErrors(ErrorsOf("unknown-keys.yaml"),
            (5, 1, "unknown top-level key 'owner' (known: name, description, version, requires, scope, defaults, thermal, matrix, metrics, steps)"),
            (6, 13, "unknown key 'repetiton' in defaults; did you mean 'repetitions'?"),
            (7, 29, "unknown key 'abort' in thermal; did you mean 'abort_above'?"),
            (11, 7, "'matrix.include[0]' gives no value for matrix axis 'size'"),
            (11, 9, "unknown matrix axis 'sise' in matrix.include[0]; did you mean 'size'?"),
            (13, 45, "unknown key 'units' in metrics[0]; did you mean 'unit'?"),
            (13, 63, "unknown key 'budget' in metrics[0].gate; did you mean 'budget_pct'?"),
            (17, 5, "unknown key 'timout' in steps[0]; did you mean 'timeout'?"),
            (18, 24, "runner 'argv-test': unknown key 'envv'"),
            (20, 52, "unknown key 'scael' in steps[0].extract[0]; did you mean 'scale'?"));
    }

    [Test]
    public void WrongTypes_NameTheExpectedAndTheWrittenType()
    {
        AssertErrors(ErrorsOf("wrong-types.yaml"),
            (3, 10, "'version' must be a scalar, got a list"),
            (5, 26, "'defaults.repetitions' must be an integer, got 'many'"),
            (5, 41, "'defaults.timeout' must be a duration like 30s, 500ms, 2m or 1h, got 'soon'"),
            (6, 10, "'thermal' must be a map, got a list"),
            (7, 10, "'metrics' must be a list of metrics, got a map"),
            (11, 11, "'steps[0].with' must be a map of runner arguments, got a list"),
            (12, 11, "'steps[0].once' must be true or false, got 'sometimes'"));
    }

    [Test]
    public void MissingRequiredFields_AreReportedAtTheirMap()
    {
        AssertErrors(ErrorsOf("missing-required.yaml"),
            (1, 1, "missing required field 'name'"),
            (1, 1, "missing required field 'description'"),
            (4, 5, "missing required field 'unit' in metrics[0]"),
            (6, 5, "missing required field 'runner' in steps[0]"),
            (8, 5, "missing required field 'name' in steps[1]"));
    }

    [Test]
    public void UndefinedVariables_AreReportedAtTheScalarUsingThem()
    {
        AssertErrors(ErrorsOf("undefined-variables.yaml"),
            (12, 17, "undefined variable '${sizemb}' in steps[0].with; did you mean '${size_mb}'?"),
            (12, 33, "undefined variable '${HOME}' in steps[0].with (variables are the matrix axes (size_mb), suite_dir and device.<label>)"));
    }

    [Test]
    public void DuplicateNames_AndKeys_PointAtTheSecondAndNameTheFirst()
    {
        AssertErrors(ErrorsOf("duplicates.yaml"),
            (3, 1, "duplicate key 'description' (first at 2:1)"),
            (9, 3, "duplicate key 'size' (first at 7:3)"),
            (12, 13, "duplicate metric name 'fps' (first at 11:13)"),
            (15, 13, "duplicate step name 'run' (first at 14:13)"),
            (15, 56, "duplicate key 'argv' (first at 15:45)"));
    }

    [Test]
    public void UnknownRunners_SuggestTheClosestOrListTheCatalog()
    {
        AssertErrors(ErrorsOf("unknown-runner.yaml"),
            (7, 13, "unknown runner 'argv-tset'; did you mean 'argv-test'?"),
            (9, 13, "unknown runner 'teleport' (known: argv-test)"));
    }

    [Test]
    public void InvalidEnumValues_AreRejected()
    {
        AssertErrors(ErrorsOf("bad-enums.yaml"),
            (4, 8, "'scope' must be an evidence scope, got 'host-measurment'; did you mean 'host-measurement'?"),
            (6, 37, "'metrics[0].better' must be 'higher' or 'lower', got 'up'"),
            (7, 40, "'metrics[1].better' must be 'higher' or 'lower', got 'lowr'; did you mean 'lower'?"));
    }

    [Test]
    public void BadExtracts_InvalidRegex_NoNamedGroup_UndeclaredMetric_DuplicateMetric_BadJsonPath()
    {
        AssertErrors(ErrorsOf("bad-extracts.yaml"),
            (13, 38, "'steps[0].extract[0].regex' is not a valid regex: UnterminatedBracket"),
            (14, 35, "'steps[0].extract[1].regex' needs a named group"),
            (15, 19, "'steps[0].extract[2].metric' names metric 'thruput', which 'metrics' does not declare; did you mean 'throughput'?"),
            (16, 19, "metric 'latency' is extracted twice in one step (first at 14:19)"),
            (16, 34, "'steps[0].extract[3].json' must be a path like $.a.b[0]"));
    }

    [Test]
    public void NonPositiveCounts_AndZeroTimeouts_AreRejected()
    {
        AssertErrors(ErrorsOf("non-positive.yaml"),
            (5, 26, "'defaults.repetitions' must be at least 1, got 0"),
            (5, 37, "'defaults.warmup' must be at least 0, got -1"),
            (5, 50, "'defaults.timeout' must be longer than zero"),
            (10, 18, "'steps[0].repetitions' must be at least 1, got -2"));
    }

    [Test]
    public void RunnerArgumentProblems_AreReportedAtTheirPositions()
    {
        AssertErrors(ErrorsOf("runner-arguments.yaml"),
            (8, 11, "runner 'argv-test': missing field 'argv'"),
            (8, 13, "runner 'argv-test': unknown key 'args'"),
            (12, 13, "runner 'argv-test': 'argv' must be a list"));
    }

    [Test]
    public void IncludePoints_MustFitTheAxes_AndBeDistinct()
    {
        AssertErrors(ErrorsOf("matrix-points.yaml"),
            (9, 7, "'matrix.include[0]' gives no value for matrix axis 'algo'"),
            (10, 7, "matrix point algo=a,size=1 is listed twice"),
            (11, 47, "'matrix.include[2].requires.family' must be a value or a non-empty list of values"));
    }
}
