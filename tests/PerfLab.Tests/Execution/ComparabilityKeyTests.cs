using NUnit.Framework;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Execution;

namespace PerfLab.Tests.Execution;

public class ComparabilityKeyTests
{
    private static PlannedCase Case(string model = "TestCPU", string firmware = "1.2.3", string size = "8")
    {
        var device = TestSuites.Device(model: model) with { Properties = new Dictionary<string, string> { ["firmware"] = firmware } };
        var suite = TestSuites.Suite([TestSuites.Step("s")]);
        return new PlannedCase(suite, TestSuites.Point(("size", size)), device);
    }

    private static readonly Dictionary<string, string> NoFacts = new();

    [Test]
    public void The_same_case_gives_the_same_key()
    {
        Assert.That(ComparabilityKey.Build(Case(), NoFacts, []).Hash, Is.EqualTo(ComparabilityKey.Build(Case(), NoFacts, []).Hash));
    }

    [Test]
    public void Device_model_key_properties_parameters_and_key_facts_change_the_key()
    {
        var baseKey = ComparabilityKey.Build(Case(), NoFacts, []).Hash;
        Assert.That(ComparabilityKey.Build(Case(model: "Other"), NoFacts, []).Hash, Is.Not.EqualTo(baseKey));
        Assert.That(ComparabilityKey.Build(Case(firmware: "9"), NoFacts, []).Hash, Is.Not.EqualTo(baseKey));
        Assert.That(ComparabilityKey.Build(Case(size: "64"), NoFacts, []).Hash, Is.Not.EqualTo(baseKey));
        var facts = new Dictionary<string, string> { ["hef.sha256"] = "abc", ["host.uptime"] = "5" };
        var withFact = ComparabilityKey.Build(Case(), facts, ["hef.sha256"]);
        Assert.That(withFact.Hash, Is.Not.EqualTo(baseKey));
        Assert.That(withFact.Parts, Does.ContainKey("fact.hef.sha256"));
        Assert.That(withFact.Parts, Does.Not.ContainKey("fact.host.uptime"), "info facts stay out of the key");
    }
}
