using NUnit.Framework;
using PerfLab.Harness.Domain;
using PerfLab.Runners.Extraction;

namespace PerfLab.Tests.Runners.Command;

/// <summary>Pure extraction of figures from tool output: regex, JSON path, wall clock.</summary>
[TestFixture]
public sealed class MetricExtractorTests
{
    private const string ToolOutput = "loading model...\nthroughput: 123.5 fps\n{\"fps\": 123.5, \"latency\": {\"p50_ms\": [4.25, 5.5]}, \"label\": \"run\"}\n";

    private static ExtractSpec Regex(string pattern, double scale = 1) => new("fps", ExtractKind.Regex, pattern, scale, new SourcePosition(3, 7));

    private static ExtractSpec Json(string path, double scale = 1) => new("fps", ExtractKind.JsonPath, path, scale, new SourcePosition(4, 7));

    [TestCase(@"throughput: (?<value>[0-9.]+) fps", 123.5)]
    [TestCase(@"throughput: (?<fps>[0-9.]+) fps", 123.5)]
    [TestCase(@"(?<unit>\w+): (?<value>[0-9.]+)", 123.5)]
    [TestCase(@"^through\w+: (?<value>\S+)", 123.5)]
    public void A_regex_reads_the_value_group_or_else_the_first_named_group(string pattern, double expected)
    {
        var result = MetricExtractor.Extract(Regex(pattern), ToolOutput, TimeSpan.Zero);

        Assert.That(result.Failure, Is.Null, result.Message);
        Assert.That(result.Value, Is.EqualTo(expected));
    }

    [TestCase("latency: 1.5E+02 us", 150)]
    [TestCase("latency: -2.5 us", -2.5)]
    [TestCase("latency: .5 us", 0.5)]
    [TestCase("latency: 7 us", 7)]
    public void Numbers_are_read_with_the_invariant_culture(string line, double expected)
    {
        var result = MetricExtractor.Extract(Regex(@"latency: (?<value>\S+) us"), line, TimeSpan.Zero);

        Assert.That(result.Value, Is.EqualTo(expected));
    }

    [Test]
    public void The_scale_multiplies_the_figure()
    {
        var result = MetricExtractor.Extract(Regex(@"took (?<value>\d+) ms", scale: 0.001), "took 250 ms", TimeSpan.Zero);

        Assert.That(result.Value, Is.EqualTo(0.25).Within(1e-12));
    }

    [Test]
    public void The_first_match_counts()
    {
        var result = MetricExtractor.Extract(Regex(@"fps=(?<value>\d+)"), "fps=10\nfps=20\n", TimeSpan.Zero);

        Assert.That(result.Value, Is.EqualTo(10));
    }

    [Test]
    public void A_regex_that_matches_nothing_is_no_metric_with_the_start_of_stdout()
    {
        var stdout = "loading model...\n" + new string('y', 500);
        var result = MetricExtractor.Extract(Regex(@"fps: (?<value>\d+)"), stdout, TimeSpan.Zero);

        Assert.That(result.Value, Is.Null);
        Assert.That(result.Failure, Is.EqualTo(FailureClass.NoMetric));
        Assert.That(result.Message, Does.Contain("'fps'").And.Contain("\"loading model...\\nyyy").And.Contain("…"));
        Assert.That(result.Message, Does.Not.Contain(new string('y', 250)), "the preview is capped near 200 characters");
    }

    [Test]
    public void An_optional_group_that_did_not_take_part_is_no_metric()
    {
        var result = MetricExtractor.Extract(Regex(@"fps(: (?<value>\d+))?"), "fps unknown", TimeSpan.Zero);

        Assert.That(result.Failure, Is.EqualTo(FailureClass.NoMetric));
    }

    [TestCase("fast")]
    [TestCase("1,234")]
    [TestCase("NaN")]
    [TestCase("Infinity")]
    [TestCase("1e999")]
    [TestCase("12abc")]
    public void A_match_that_is_not_a_finite_number_is_garbage_output(string figure)
    {
        var result = MetricExtractor.Extract(Regex(@"throughput: (?<value>\S+) fps"), $"throughput: {figure} fps", TimeSpan.Zero);

        Assert.That(result.Value, Is.Null);
        Assert.That(result.Failure, Is.EqualTo(FailureClass.GarbageOutput));
        Assert.That(result.Message, Does.Contain($"'{figure}'"));
    }

    [TestCase("$.fps", 123.5)]
    [TestCase("$.latency.p50_ms[0]", 4.25)]
    [TestCase("$.latency.p50_ms[-1]", 5.5)]
    [TestCase("$['latency'][\"p50_ms\"][1]", 5.5)]
    public void A_json_path_reads_the_last_json_line_of_stdout(string path, double expected)
    {
        var result = MetricExtractor.Extract(Json(path), ToolOutput + "done\n", TimeSpan.Zero);

        Assert.That(result.Failure, Is.Null, result.Message);
        Assert.That(result.Value, Is.EqualTo(expected));
    }

    [Test]
    public void A_json_path_reads_stdout_that_is_one_pretty_printed_document()
    {
        const string stdout = "{\n  \"results\": [\n    {\"name\": \"a b\", \"tokens/s\": 41.5}\n  ]\n}\n";

        var result = MetricExtractor.Extract(Json("$.results[0]['tokens/s']"), stdout, TimeSpan.Zero);

        Assert.That(result.Value, Is.EqualTo(41.5));
    }

    [Test]
    public void Of_several_json_lines_the_last_one_counts()
    {
        var result = MetricExtractor.Extract(Json("$.fps"), "{\"fps\": 1}\n{\"fps\": 2}\nbye\n", TimeSpan.Zero);

        Assert.That(result.Value, Is.EqualTo(2));
    }

    [Test]
    public void A_json_string_holding_a_number_is_read()
    {
        var result = MetricExtractor.Extract(Json("$.fps"), "{\"fps\": \" 12.5 \"}", TimeSpan.Zero);

        Assert.That(result.Value, Is.EqualTo(12.5));
    }

    [Test]
    public void A_json_path_that_selects_nothing_is_no_metric_naming_the_missing_part()
    {
        var result = MetricExtractor.Extract(Json("$.latency.p90_ms"), ToolOutput, TimeSpan.Zero);

        Assert.That(result.Failure, Is.EqualTo(FailureClass.NoMetric));
        Assert.That(result.Message, Does.Contain("$.latency.p90_ms").And.Contain("p50_ms"));
    }

    [Test]
    public void An_index_past_the_end_is_no_metric()
    {
        var result = MetricExtractor.Extract(Json("$.latency.p50_ms[2]"), ToolOutput, TimeSpan.Zero);

        Assert.That(result.Failure, Is.EqualTo(FailureClass.NoMetric));
        Assert.That(result.Message, Does.Contain("an array of 2"));
    }

    [Test]
    public void Stdout_without_json_is_no_metric()
    {
        var result = MetricExtractor.Extract(Json("$.fps"), "throughput: 12 fps\n42\n", TimeSpan.Zero);

        Assert.That(result.Failure, Is.EqualTo(FailureClass.NoMetric));
        Assert.That(result.Message, Does.Contain("not JSON").And.Contain("throughput: 12 fps"));
    }

    [TestCase("{\"fps\": \"n/a\"}", "\"n/a\"")]
    [TestCase("{\"fps\": null}", "null")]
    [TestCase("{\"fps\": true}", "true")]
    [TestCase("{\"fps\": {\"mean\": 3}}", "{\"mean\": 3}")]
    [TestCase("{\"fps\": 1e999}", "1e999")]
    public void A_json_value_that_is_not_a_finite_number_is_garbage_output(string stdout, string shown)
    {
        var result = MetricExtractor.Extract(Json("$.fps"), stdout, TimeSpan.Zero);

        Assert.That(result.Failure, Is.EqualTo(FailureClass.GarbageOutput));
        Assert.That(result.Message, Does.Contain(shown));
    }

    [Test]
    public void Wall_clock_is_seconds_times_the_scale()
    {
        var spec = new ExtractSpec("wall_ms", ExtractKind.WallClock, "", 1000, SourcePosition.Unknown);

        var result = MetricExtractor.Extract(spec, "", TimeSpan.FromMilliseconds(1500));

        Assert.That(result.Value, Is.EqualTo(1500).Within(1e-9));
    }

    [TestCase(ExtractKind.Regex, "fps: (?<value>[0-9.]+", "invalid regex")]
    [TestCase(ExtractKind.Regex, "fps: ([0-9.]+)", "named group")]
    [TestCase(ExtractKind.JsonPath, "fps", "starts with '$'")]
    [TestCase(ExtractKind.JsonPath, "$.", "a name must follow '.'")]
    [TestCase(ExtractKind.JsonPath, "$[*]", "neither an index nor a quoted name")]
    [TestCase(ExtractKind.JsonPath, "$.a[0", "not closed")]
    [TestCase(ExtractKind.JsonPath, "$.a b", "unexpected ' '")]
    public void Unusable_expressions_are_reported(ExtractKind kind, string expression, string expected)
    {
        var problem = MetricExtractor.Problem(new ExtractSpec("fps", kind, expression, 1, SourcePosition.Unknown));

        Assert.That(problem, Does.Contain(expected));
    }

    [TestCase(0)]
    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void A_scale_must_be_finite_and_non_zero(double scale)
    {
        var problem = MetricExtractor.Problem(new ExtractSpec("wall", ExtractKind.WallClock, "", scale, SourcePosition.Unknown));

        Assert.That(problem, Does.Contain("scale"));
    }

    [TestCase(ExtractKind.Regex, "fps: (?<value>[0-9.]+)")]
    [TestCase(ExtractKind.JsonPath, "$.a['b c'][0][-1]")]
    [TestCase(ExtractKind.WallClock, "")]
    public void Usable_expressions_have_no_problem(ExtractKind kind, string expression)
    {
        Assert.That(MetricExtractor.Problem(new ExtractSpec("fps", kind, expression, 1, SourcePosition.Unknown)), Is.Null);
    }

    [Test]
    public void A_json_path_is_parsed_into_segments()
    {
        Assert.That(JsonPathExpression.TryParse("$.a['b c'][2][-1]", out var path, out var error), Is.True, error);

        Assert.That(path!.Segments, Is.EqualTo(new[]
        {
            new JsonPathSegment("a", null), new JsonPathSegment("b c", null), new JsonPathSegment(null, 2), new JsonPathSegment(null, -1),
        }));
    }

    [Test]
    public void Previews_are_one_line_and_capped()
    {
        Assert.That(OutputPreview.Head(""), Is.EqualTo("(empty)"));
        Assert.That(OutputPreview.Head("a\tb\r\nc\"d"), Is.EqualTo("\"a\\tb\\r\\nc\\\"d\""));
        Assert.That(OutputPreview.Head(new string('z', 300), 10), Is.EqualTo("\"zzzzzzzzzz…\""));
        Assert.That(OutputPreview.Tail("one\ntwo\n\nthree\nfour\n", lines: 2), Is.EqualTo("three | four"));
        Assert.That(OutputPreview.Tail(" \n"), Is.EqualTo("(empty)"));
    }
}
