using NUnit.Framework;
using PerfLab.Harness.Domain;
using PerfLab.Reports.Evidence;
using static PerfLab.Tests.Reports.Evidence.EvidenceSamples;

namespace PerfLab.Tests.Reports.Evidence;

public sealed class EvidenceBuilderTests
{
    [Test]
    public void A_claim_carries_median_spread_unit_scope_key_and_run()
    {
        var set = EvidenceBuilder.Build([Case()]);
        var claim = set.Claims.Single();
        Assert.That(claim.Value.Median, Is.EqualTo(855.62));
        Assert.That(claim.Value.Count, Is.EqualTo(5));
        Assert.That(claim.Value.Q1, Is.EqualTo(852.0));
        Assert.That(claim.Value.Q3, Is.EqualTo(858.3));
        Assert.That(claim.Unit, Is.EqualTo("FPS"));
        Assert.That(claim.Scope, Is.EqualTo(EvidenceScope.SiliconMeasurement));
        Assert.That(claim.ComparabilityKey, Is.EqualTo("key-hydra"));
        Assert.That(claim.RunIds, Is.EqualTo(new[] { "run-1" }));
        Assert.That(claim.Citable, Is.True);
        Assert.That(claim.Sentence, Does.Contain("855.6 FPS").And.Contain("median of 5 repetitions").And.Contain("IQR 852.0–858.3")
            .And.Contain("silicon measurement"));
    }

    [Test]
    public void Claims_never_pool_cases_of_different_keys_or_scopes()
    {
        var a = Case(Run(id: "run-a"), Result(key: "key-a", samples: Fps(100, 101, 102)), id: 1);
        var b = Case(Run(EvidenceScope.ResearchCampaign, id: "run-b"), Result(key: "key-b", samples: Fps(200, 201, 202)), id: 2);
        var claims = EvidenceBuilder.Build([a, b]).Claims;
        Assert.That(claims, Has.Count.EqualTo(2));
        Assert.That(claims.Select(c => (c.ComparabilityKey, c.Scope, c.RunIds.Single(), c.Value.Median)),
            Is.EqualTo(new[] { ("key-a", EvidenceScope.SiliconMeasurement, "run-a", 101.0), ("key-b", EvidenceScope.ResearchCampaign, "run-b", 201.0) }));
    }

    [Test]
    public void Emulated_figures_are_claims_of_scope_emulated_that_are_not_citable()
    {
        var c = Case(Run(EvidenceScope.Emulated, emulated: true), Result(device: Device(emulated: true)));
        var set = EvidenceBuilder.Build([c]);
        Assert.That(set.Claims.Single().Scope, Is.EqualTo(EvidenceScope.Emulated));
        Assert.That(set.Claims.Single().Citable, Is.False);
        Assert.That(set.Claims.Single().Sentence, Does.Contain("EMULATED").And.Contain("not evidence"));
        Assert.That(set.Excluded, Is.Empty);
        Assert.That(set.AnyEmulated, Is.True);
    }

    [Test]
    public void Excluded_cases_yield_no_claim_and_keep_their_reasons()
    {
        var failed = Case(result: Result(status: CaseStatus.Failed, failure: FailureClass.Timeout, message: "killed after 5m"));
        var set = EvidenceBuilder.Build([failed]);
        Assert.That(set.Claims, Is.Empty);
        Assert.That(set.Excluded.Single().Primary.Reason, Is.EqualTo(ExclusionReason.Failed));
        Assert.That(set.Excluded.Single().RunId, Is.EqualTo("run-1"));
    }

    [Test]
    public void Exact_model_claims_state_only_the_three_groups_and_never_a_speedup()
    {
        var samples = new[]
        {
            new RecordedSample("poc", 0, "tokens_per_s", 8.28, "tokens/s"),
            new RecordedSample("poc", 0, "context_length", 32768, "tokens"),
            new RecordedSample("poc", 0, "ms_per_iter", 0.1, "ms"),
        };
        var c = Case(Run(EvidenceScope.ExactModelPoc, suite: "qwen-poc"),
            Result(device: Device("cuda", "RTX PRO 6000"), facts: new Dictionary<string, string>(), samples: samples,
                checks: [new Check("exact-model.fit", true, ""), new Check("exact-model.quality", true, ""), new Check("exact-model.speed", true, "")]));
        var claims = EvidenceBuilder.Build([c]).Claims;
        Assert.That(claims.Select(x => x.Metric), Is.EquivalentTo(new[] { "tokens_per_s", "context_length" }));
        foreach (var scope in Enum.GetValues<EvidenceScope>())
        {
            var sentence = ScopeRules.For(scope).Sentence("case", "dev", "m", PerfLab.Harness.Statistics.SampleSummary.Of([1.0, 2.0])!, "ms");
            var affirmative = sentence.ToLowerInvariant().Replace("not a universal speedup claim", "", StringComparison.Ordinal);
            Assert.That(affirmative, Does.Not.Contain("faster").And.Not.Contain("speedup").And.Not.Contain("speeds up"), scope.ToString());
        }
        Assert.That(ScopeRules.For(EvidenceScope.KernelPackageValidation).Qualifier, Does.Contain("not a universal speedup claim"));
    }
}
