using NUnit.Framework;
using PerfLab.Harness.Domain;
using PerfLab.Reports.Evidence;
using static PerfLab.Tests.Reports.Evidence.EvidenceSamples;

namespace PerfLab.Tests.Reports.Evidence;

public sealed class ExclusionRulesTests
{
    private static IEnumerable<ExclusionReason> Reasons(EvidenceCase c) => ExclusionRules.Evaluate(c).Select(e => e.Reason);

    [Test]
    public void A_complete_silicon_case_is_citable()
    {
        Assert.That(ExclusionRules.Evaluate(Case()), Is.Empty);
    }

    [Test]
    public void An_emulated_run_is_excluded_as_emulated_only()
    {
        var c = Case(Run(EvidenceScope.Emulated, emulated: true), Result(device: Device(emulated: true)));
        Assert.That(Reasons(c), Is.EqualTo(new[] { ExclusionReason.Emulated }));
        Assert.That(ExclusionRules.OnlyEmulated(ExclusionRules.Evaluate(c)), Is.True);
    }

    [Test]
    public void A_failed_emulated_case_is_excluded_as_failed_first()
    {
        var c = Case(Run(EvidenceScope.Emulated, emulated: true),
            Result(status: CaseStatus.Failed, failure: FailureClass.NonZeroExit, message: "hailortcli exited 74", device: Device(emulated: true)));
        var all = ExclusionRules.Evaluate(c);
        Assert.That(all.Select(e => e.Reason), Is.EqualTo(new[] { ExclusionReason.Failed, ExclusionReason.Emulated }));
        Assert.That(all[0].Detail, Does.Contain("nonzero-exit").And.Contain("exited 74"));
    }

    [Test]
    public void Dependency_check_failure_throttling_and_aborted_runs_each_have_their_reason()
    {
        Assert.That(Reasons(Case(result: Result(status: CaseStatus.DependencyCheckFailed, failure: FailureClass.DependencyCheckFailed))),
            Does.Contain(ExclusionReason.DependencyCheckFailed));
        Assert.That(Reasons(Case(result: Result(status: CaseStatus.AbortedThermal, failure: FailureClass.AbortedThermal))),
            Is.EqualTo(new[] { ExclusionReason.Throttled }));
        Assert.That(Reasons(Case(result: Result(checks: [new Check("throttling", false, "FPS fell 12 %")]))),
            Is.EqualTo(new[] { ExclusionReason.Throttled }));
        Assert.That(Reasons(Case(result: Result(telemetry: [new TelemetryPoint(T0, "gpu.temperature", 91, "°C", "throttled: hw_thermal_slowdown")]))),
            Is.EqualTo(new[] { ExclusionReason.Throttled }));
        Assert.That(Reasons(Case(result: Result(telemetry: [new TelemetryPoint(T0, "chip_temp", 50, "°C", "throttled: none")]))), Is.Empty);
        Assert.That(Reasons(Case(Run(status: RunStatus.Aborted))), Is.EqualTo(new[] { ExclusionReason.Incomplete }));
    }

    [Test]
    public void A_hailo_row_without_the_hef_hash_is_incomplete()
    {
        var facts = new Dictionary<string, string>(HailoFacts);
        facts.Remove("hef_sha256");
        var all = ExclusionRules.Evaluate(Case(result: Result(facts: facts)));
        Assert.That(all.Single().Reason, Is.EqualTo(ExclusionReason.Incomplete));
        Assert.That(all.Single().Detail, Does.Contain("hef_sha256"));
    }

    [TestCase("proxy-model", ExclusionReason.ProxyModel)]
    [TestCase("loader-only-probe", ExclusionReason.LoaderOnlyProbe)]
    [TestCase("model-mismatch", ExclusionReason.ModelMismatch)]
    public void Exclusions_declared_by_the_exact_model_ingest_are_honoured(string wire, ExclusionReason reason)
    {
        var c = Case(Run(EvidenceScope.ExactModelPoc, suite: "qwen-poc"),
            Result(device: Device("cuda", "RTX PRO 6000"), facts: new Dictionary<string, string> { [ExclusionRules.ExclusionFact] = wire },
                checks: [new Check("exact-model.fit", true, ""), new Check("exact-model.quality", true, ""), new Check("exact-model.speed", true, "")]));
        Assert.That(Reasons(c), Is.EqualTo(new[] { reason }));
    }

    [Test]
    public void An_exact_model_row_needs_all_three_groups()
    {
        var c = Case(Run(EvidenceScope.ExactModelPoc, suite: "qwen-poc"),
            Result(device: Device("cuda", "RTX 3090"), facts: new Dictionary<string, string>(),
                checks: [new Check("exact-model.fit", true, "ok"), new Check("exact-model.quality", true, "ok"), new Check("exact-model.speed", false, "missing speed (whole group)")]));
        var all = ExclusionRules.Evaluate(c);
        Assert.That(all.Single().Reason, Is.EqualTo(ExclusionReason.Incomplete));
        Assert.That(all.Single().Detail, Does.Contain("speed group"));
    }

    [Test]
    public void Every_reason_has_a_wire_name_that_parses_back()
    {
        foreach (var r in Enum.GetValues<ExclusionReason>()) Assert.That(ExclusionReasonText.Parse(r.ToWire()), Is.EqualTo(r));
        Assert.That(ExclusionReasonText.Parse("speedup"), Is.Null);
    }
}
