using System.Text;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using NUnit.Framework;
using PerfLab.Harness.Analysis;
using PerfLab.Harness.Gating;
using PerfLab.Harness.Domain;
using PerfLab.Reports.Gate;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Gating;

/// <summary>What real CI consumers accept: the Jenkins xUnit plugin's JUnit schema, one identity per series (GitLab keeps one
/// test per identity), a time on every suite, and a step summary under GitHub's 1 MiB at farm scale.</summary>
[TestFixture]
public sealed class GateConsumerCompatibilityTests
{
    private static int _runs;

    private static GateItem Item(Verdict verdict, string device = "HAILO8", string caseName = "model=yolov8s", string metric = "fps",
        string key = "1a2b3c4d5e6f7081", string unit = "fps", string reason = "why") =>
        new(device, "hailo-yolo", caseName, metric, unit, Better.Higher, key, "b30", [$"run-{Interlocked.Increment(ref _runs)}"], ["b28", "b29"],
            new ComparisonResult(metric, verdict, new ComparedSide(10, 2, 800), new ComparedSide(5, 1, 760), -40, -5, -48, -32, -6, -4,
                0.99, 0.001, new AppliedThreshold(3, "default", 0.4, 3), reason));

    private static GateReport Report(params GateItem[] items) =>
        new("b30", "branch:main", "the last 5 build(s) on branch main before the candidate", items, false, false);

    private static string JenkinsSchema()
    {
        var shared = RepoPaths.Shared;
        if (shared is null) Assert.Ignore("../shared is absent, so the Jenkins xUnit schema (shared/data/peer-formats/jenkins-xunit/junit-10.xsd) cannot be read");
        return Path.Combine(shared!, "data", "peer-formats", "jenkins-xunit", "junit-10.xsd");
    }

    private static List<string> SchemaErrors(string xml)
    {
        var schemas = new XmlSchemaSet();
        using (var xsd = XmlReader.Create(JenkinsSchema())) schemas.Add(null, xsd);
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} line {e.Exception?.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read()) { }
        return errors;
    }

    [Test]
    public void The_schema_check_itself_rejects_what_Jenkins_rejects()
    {
        // landed main wrote 'skipped' on <testsuites>; the check must see that, or it proves nothing
        var old = """<?xml version="1.0" encoding="utf-8"?><testsuites name="g" tests="1" failures="0" errors="0" skipped="0"><testsuite name="s" tests="1" failures="0" errors="0"><testcase name="c" /></testsuite></testsuites>""";
        Assert.That(SchemaErrors(old), Has.Some.Contains("skipped"));
    }

    [Test]
    public void JUnit_of_every_verdict_validates_against_the_Jenkins_xunit_schema()
    {
        var report = Report(Item(Verdict.Regression, reason: "worse </failure> & <b>"), Item(Verdict.Error, metric: "-", key: "", reason: "run aborted"),
            Item(Verdict.NoBaseline, metric: "hw_latency", unit: "ms"), Item(Verdict.Inconclusive, metric: "power_avg", unit: "W"),
            Item(Verdict.Improvement, device: "HAILO10H"), Item(Verdict.NoChange, device: "HAILO10H", caseName: "a\u0001b"));
        var xml = JUnitGateWriter.Write(report);
        Assert.That(SchemaErrors(xml), Is.Empty, xml);

        var allowed = report with { AllowInconclusive = true, AllowMissingBaseline = true };
        var skippedXml = JUnitGateWriter.Write(allowed);
        Assert.That(SchemaErrors(skippedXml), Is.Empty, skippedXml);
        Assert.That(XDocument.Parse(skippedXml).Descendants("skipped").Count(), Is.EqualTo(2));
    }

    [Test]
    public void Every_suite_and_the_root_carry_a_time_and_skipped_is_counted_per_suite_only()
    {
        var doc = XDocument.Parse(JUnitGateWriter.Write(Report(Item(Verdict.Inconclusive), Item(Verdict.NoChange, device: "HAILO10H")) with { AllowInconclusive = true }));
        Assert.That(doc.Root!.Attribute("time")?.Value, Is.EqualTo("0"));
        Assert.That(doc.Root!.Attribute("skipped"), Is.Null);
        Assert.That(doc.Descendants("testsuite").Select(s => s.Attribute("time")?.Value), Is.All.EqualTo("0"));
        Assert.That(doc.Descendants("testsuite").Sum(s => int.Parse(s.Attribute("skipped")!.Value)), Is.EqualTo(1));
    }

    [Test]
    public void Two_series_that_differ_only_in_a_key_property_are_two_test_cases_with_stable_names()
    {
        // two Hailo-8 modules on different firmware: same device model, suite, case and metric; their keys differ
        var fw420 = Item(Verdict.NoChange, key: "c9ed9315d5781cc9");
        var fw421 = Item(Verdict.Regression, key: "07f3aa12be55d2e0");
        var doc = XDocument.Parse(JUnitGateWriter.Write(Report(fw420, fw421)));
        var ids = doc.Descendants("testcase").Select(c => (c.Attribute("classname")!.Value, c.Attribute("name")!.Value)).ToList();
        Assert.That(ids, Is.Unique);
        Assert.That(ids.Select(i => i.Item2), Is.EquivalentTo(new[] { "model=yolov8s [fps] (key c9ed9315)", "model=yolov8s [fps] (key 07f3aa12)" }));

        // the name of a series does not depend on what else the gate holds
        var alone = XDocument.Parse(JUnitGateWriter.Write(Report(fw421))).Descendants("testcase").Single().Attribute("name")!.Value;
        Assert.That(alone, Is.EqualTo("model=yolov8s [fps] (key 07f3aa12)"));
    }

    [Test]
    public void Items_without_a_key_or_with_the_same_key_in_two_units_still_get_unique_names()
    {
        var items = new[]
        {
            Item(Verdict.Error, caseName: "(run)", metric: "-", key: ""), Item(Verdict.Error, caseName: "(run)", metric: "-", key: ""),
            Item(Verdict.NoChange, unit: "fps"), Item(Verdict.NoChange, unit: "frames/s"),
        };
        var doc = XDocument.Parse(JUnitGateWriter.Write(Report(items)));
        var names = doc.Descendants("testcase").Select(c => c.Attribute("classname")!.Value + "|" + c.Attribute("name")!.Value).ToList();
        Assert.That(names, Is.Unique);
        Assert.That(names.Count(n => n.Contains("|(run) [-] (runs run-", StringComparison.Ordinal)), Is.EqualTo(2));
        Assert.That(names, Has.Some.EndsWith("[fps] (key 1a2b3c4d) [frames/s]"));
    }

    /// <summary>A farm gate: 200 hosts × 64 series = 12,800 comparisons, with regressions and items needing action among them.</summary>
    private static GateReport FarmGate(int regressions, int errors)
    {
        var items = new List<GateItem>();
        for (var i = 0; i < 12_800; i++)
        {
            var verdict = i < regressions ? Verdict.Regression : i < regressions + errors ? Verdict.Error : i % 10 == 0 ? Verdict.Improvement : Verdict.NoChange;
            items.Add(Item(verdict, device: $"host-{i / 64:D3}-NVIDIA H100 80GB HBM3", caseName: $"model=yolov8s,batch={i % 64}", key: $"{i:x16}",
                reason: $"worse beyond threshold 3 % (budget, default): shift -4.436 % [-5.576, -3.274] at 99 %, p=0.001 ({i})"));
        }
        return Report([.. items]);
    }

    [Test]
    public void Summary_of_12800_comparisons_stays_under_the_budget_with_every_blocking_item_first()
    {
        var report = FarmGate(regressions: 40, errors: 25);
        var md = MarkdownGateSummary.Write(report);
        var bytes = Encoding.UTF8.GetByteCount(md);
        TestContext.Out.WriteLine($"summary of {report.Items.Count} comparisons: {bytes} bytes");
        Assert.That(bytes, Is.LessThanOrEqualTo(MarkdownGateSummary.DefaultBudgetBytes));
        Assert.That(bytes, Is.LessThan(1024 * 1024), "GitHub drops a step summary over 1 MiB");
        Assert.That(md, Does.StartWith("## ❌ PerfLab gate: FAIL: regression"));
        Assert.That(md, Does.Contain("| regression | 40 |").And.Contain("| error | 25 |").And.Contain("| no-change | 11462 |").And.Contain("| improvement | 1273 |"));
        foreach (var item in report.Items.Where(i => i.Verdict is Verdict.Regression or Verdict.Error))
            Assert.That(md, Does.Contain(PerfLab.Reports.Markdown.MarkdownText.Cell(item.Result.Reason)), "every blocking item is listed");
        var regressions = md.IndexOf("### Regressions (40)", StringComparison.Ordinal);
        var action = md.IndexOf("### Needs action (25)", StringComparison.Ordinal);
        var rest = md.IndexOf("### Other comparisons by suite and device (12735)", StringComparison.Ordinal);
        Assert.That(new[] { regressions, action, rest }, Is.Ordered.And.All.GreaterThan(0));

        var shownRows = md.Split('\n').Count(l => l.StartsWith("| improvement |", StringComparison.Ordinal) || l.StartsWith("| no-change |", StringComparison.Ordinal));
        var cut = System.Text.RegularExpressions.Regex.Match(md, @"\*(\d+) more comparison\(s\) not shown here \(this summary is kept under 512 KiB\); the full list: `perflab compare --candidate b30 --baseline branch:main --json`");
        Assert.That(cut.Success, Is.True, "the cut says how many were left out and where the full list is");
        Assert.That(int.Parse(cut.Groups[1].Value) + shownRows - 2, Is.EqualTo(12_735), "shown + left out = all the rest (the verdict-count rows are not comparisons)");
        Assert.That(md.TrimEnd(), Does.EndWith("beyond the threshold."));
        Assert.That(md, Does.Contain("</details>"));
    }

    [Test]
    public void Summary_stays_under_the_budget_even_when_every_comparison_is_a_regression()
    {
        var md = MarkdownGateSummary.Write(FarmGate(regressions: 12_800, errors: 0), fullReport: "perflab-out/gate.html");
        Assert.That(Encoding.UTF8.GetByteCount(md), Is.LessThanOrEqualTo(MarkdownGateSummary.DefaultBudgetBytes));
        Assert.That(md, Does.Match(@"\*\d+ more regression\(s\) not shown here .*; the full list: `perflab-out/gate\.html`\.\*"));
    }

    [Test]
    public void A_small_gate_is_written_whole_without_a_cut_note()
    {
        var md = MarkdownGateSummary.Write(Report(Item(Verdict.NoChange), Item(Verdict.Improvement, device: "HAILO10H")));
        Assert.That(md, Does.Not.Contain("not shown here"));
        Assert.That(md, Does.Contain("| hailo-yolo | HAILO10H | 1 | 0 |").And.Contain("| hailo-yolo | HAILO8 | 0 | 1 |"));
    }
}
