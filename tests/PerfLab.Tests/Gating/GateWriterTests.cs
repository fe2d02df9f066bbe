using NUnit.Framework;
using System.Xml.Linq;
using PerfLab.Harness.Analysis;
using PerfLab.Harness.Gating;
using PerfLab.Harness.Domain;
using PerfLab.Reports.Gate;

namespace PerfLab.Tests.Gating;

/// <summary>The pure gate writers and the outcome policy, on hand-built reports.</summary>
[TestFixture]
public sealed class GateWriterTests
{
    private static GateItem Item(Verdict verdict, string caseName = "yolov8s", string device = "rpi5-hailo8", string reason = "why") =>
        new(device, "yolo", caseName, "fps", "fps", Better.Higher, "k1", "b30", ["run-1"], ["b28", "b29"],
            new ComparisonResult("fps", verdict, new ComparedSide(10, 2, 800), new ComparedSide(5, 1, 760), -40, -5, -48, -32, -6, -4,
                0.99, 0.001, new AppliedThreshold(3, "default", 0.4, 3), reason));

    private static GateReport Report(bool allowMissing = false, bool allowInconclusive = false, params GateItem[] items) =>
        new("b30", "branch:main", "the last 5 build(s) on branch main before the candidate", items, allowMissing, allowInconclusive);

    [Test]
    public void Outcome_is_regression_first_then_action_required_then_pass()
    {
        Assert.That(Report(false, false, Item(Verdict.NoChange), Item(Verdict.Improvement)).Outcome, Is.EqualTo(GateOutcome.Pass));
        Assert.That(Report(false, false, Item(Verdict.Regression), Item(Verdict.Error)).Outcome, Is.EqualTo(GateOutcome.Regression));
        Assert.That(Report(false, false, Item(Verdict.Error)).Outcome, Is.EqualTo(GateOutcome.ActionRequired));
        Assert.That(Report(true, true, Item(Verdict.Error)).Outcome, Is.EqualTo(GateOutcome.ActionRequired), "an error always needs a person");
        Assert.That(Report(false, false, Item(Verdict.NoBaseline)).Outcome, Is.EqualTo(GateOutcome.ActionRequired));
        Assert.That(Report(true, false, Item(Verdict.NoBaseline)).Outcome, Is.EqualTo(GateOutcome.Pass));
        Assert.That(Report(false, false, Item(Verdict.Inconclusive)).Outcome, Is.EqualTo(GateOutcome.ActionRequired));
        Assert.That(Report(false, true, Item(Verdict.Inconclusive)).Outcome, Is.EqualTo(GateOutcome.Pass));
        Assert.That(Report().Outcome, Is.EqualTo(GateOutcome.ActionRequired), "nothing compared is not a pass");
    }

    [Test]
    public void JUnit_is_well_formed_and_escapes_everything()
    {
        var nasty = "a<b>&\"c\" ]]> \u0001 'd' \uD83D\uDE80";
        var xml = JUnitGateWriter.Write(Report(false, false,
            Item(Verdict.Regression, caseName: nasty, device: "dev&<1>", reason: "worse </failure>"),
            Item(Verdict.Inconclusive), Item(Verdict.NoChange)));
        var doc = XDocument.Parse(xml);
        var cases = doc.Descendants("testcase").ToList();
        Assert.That(cases, Has.Count.EqualTo(3));
        var failed = cases.Single(c => c.Element("failure") is not null);
        Assert.That(failed.Attribute("name")!.Value, Is.EqualTo("a<b>&\"c\" ]]> \\x01 'd' \uD83D\uDE80 [fps] (key k1)"));
        Assert.That(failed.Attribute("classname")!.Value, Is.EqualTo("perflab.yolo.dev&<1>"));
        Assert.That(failed.Element("failure")!.Attribute("message")!.Value,
            Does.Contain("dev&<1> / yolo / ").And.Contain(" / fps: regression, shift -5.00 % [-6.00 %, -4.00 %]").And.Contain("baseline b28, b29").And.Contain("candidate b30"));
        Assert.That(failed.Element("failure")!.Value, Does.Contain("reason: worse </failure>"));
        Assert.That(cases.Count(c => c.Element("error") is not null), Is.EqualTo(1), "inconclusive needs action by default: an error");
        Assert.That(doc.Root!.Attribute("tests")!.Value, Is.EqualTo("3"));
        Assert.That(doc.Root!.Attribute("errors")!.Value, Is.EqualTo("1"));

        var allowed = XDocument.Parse(JUnitGateWriter.Write(Report(false, true, Item(Verdict.Inconclusive, reason: "too few samples"))));
        Assert.That(allowed.Descendants("skipped").Single().Attribute("message")!.Value, Does.Contain("too few samples"));
    }

    [Test]
    public void Summary_puts_counts_first_then_regressions_then_the_rest_collapsed()
    {
        var md = MarkdownGateSummary.Write(Report(false, false, Item(Verdict.NoChange), Item(Verdict.Regression, caseName: "a|b"), Item(Verdict.Error, reason: "case failed")));
        var counts = md.IndexOf("| verdict | count |", StringComparison.Ordinal);
        var regressions = md.IndexOf("### Regressions (1)", StringComparison.Ordinal);
        var action = md.IndexOf("### Needs action (1)", StringComparison.Ordinal);
        var rest = md.IndexOf("<details><summary>All other comparisons (1)</summary>", StringComparison.Ordinal);
        Assert.That(md, Does.StartWith("## ❌ PerfLab gate: FAIL: regression"));
        Assert.That(new[] { counts, regressions, action, rest }, Is.Ordered.And.All.GreaterThan(0));
        Assert.That(md, Does.Contain("| rpi5-hailo8 | yolo | a\\|b | fps | **-5.00 % \\[-6.00 %, -4.00 %\\]** |"));
        Assert.That(md, Does.Contain("| error | rpi5-hailo8 | yolo | yolov8s | fps | case failed |"));
    }
}
