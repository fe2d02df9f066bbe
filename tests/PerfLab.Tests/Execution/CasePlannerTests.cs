using NUnit.Framework;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Execution;

namespace PerfLab.Tests.Execution;

public class CasePlannerTests
{
    private static DeviceSelector Selector(string label, params string[] values) =>
        new(new Dictionary<string, IReadOnlyList<string>> { [label] = values });

    [Test]
    public void Every_matrix_point_runs_on_every_accepted_device()
    {
        var suite = TestSuites.Suite([TestSuites.Step("s")],
            matrix: [TestSuites.Point(("n", "1")), TestSuites.Point(("n", "2"))], requires: [Selector("family", "hailo")]);
        var devices = new[] { TestSuites.Device("a", "hailo"), TestSuites.Device("b", "hailo"), TestSuites.Device("c", "cuda") };

        var plan = CasePlanner.Plan(suite, devices);

        Assert.That(plan.Cases.Select(c => $"{c.Device.Id}:{c.Name}"), Is.EqualTo(new[] { "a:n=1", "a:n=2", "b:n=1", "b:n=2" }));
        Assert.That(plan.Skipped.Single().Device.Id, Is.EqualTo("c"));
        Assert.That(plan.Skipped.Single().Reason, Does.Contain("family=hailo"));
    }

    [Test]
    public void A_point_with_its_own_selector_runs_only_where_it_matches()
    {
        var enki = new MatrixPoint(new Dictionary<string, string> { ["model"] = "enki" }, Selector("arch", "HAILO8"));
        var hydra = new MatrixPoint(new Dictionary<string, string> { ["model"] = "hydra" }, Selector("arch", "HAILO10H"));
        var suite = TestSuites.Suite([TestSuites.Step("s")], matrix: [enki, hydra]);
        var h8 = TestSuites.Device("h8", labels: new Dictionary<string, string> { ["arch"] = "HAILO8" });
        var h10 = TestSuites.Device("h10", labels: new Dictionary<string, string> { ["arch"] = "hailo10h" });

        var plan = CasePlanner.Plan(suite, [h8, h10]);

        Assert.That(plan.Cases.Select(c => $"{c.Device.Id}:{c.Name}"), Is.EqualTo(new[] { "h8:model=enki", "h10:model=hydra" }));
    }

    [Test]
    public void A_suite_without_requires_accepts_every_device()
    {
        var plan = CasePlanner.Plan(TestSuites.Suite([TestSuites.Step("s")]), [TestSuites.Device("x", "cuda")]);
        Assert.That(plan.Cases, Has.Count.EqualTo(1));
    }
}
