using NUnit.Framework;
using PerfLab.Runners.Cuda.ExactModel;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Runners.Cuda;

public sealed class ExactModelTests
{
    private static string Path_(string name) => RepoPaths.Fixture("cuda", "exact-model", name);

    private static ExactModelSummary Summary(string name) => ExactModelSummaryParser.Parse(File.ReadAllText(Path_(name))).Value!;

    [Test]
    public void CompleteExactRow_IsCitable()
    {
        var r = ExactModelIngest.Read(Path_("citable-rtxpro6000-032k.json"));
        Assert.That(r.Verdict!.Citable, Is.True, r.Verdict.ToString());
        Assert.That(r.Checks.Single(c => c.Name == ExactModelIngest.EvidenceCheck).Passed, Is.True);
        Assert.That(r.Checks.Single(c => c.Name == "exact-model.answer-artifact").Passed, Is.True);
        Assert.That(r.Facts.ContainsKey(ExactModelIngest.ExclusionFact), Is.False);
        Assert.That(r.Samples.Single(s => s.Metric == "tokens_per_s").Value, Is.EqualTo(8.28));
        Assert.That(r.Samples.Single(s => s.Metric == "memory_reserved_bytes").Value, Is.EqualTo(43486543872));
        Assert.That(r.Artifacts.Select(a => a.Name), Is.EqualTo(new[] { "citable-rtxpro6000-032k.json", "answer/answers/needle-032k.txt" }));
    }

    [TestCase("proxy-model.json", "proxy-model")]
    [TestCase("loader-only-probe.json", "loader-only-probe")]
    [TestCase("model-mismatch.json", "model-mismatch")]
    [TestCase("dependency-check-failed.json", "dependency-check-failed")]
    [TestCase("incomplete-no-speed.json", "incomplete")]
    [TestCase("incomplete-fields.json", "incomplete")]
    [TestCase("answer-sha-mismatch.json", "incomplete")]
    [TestCase("oom-edge-3090.json", "incomplete")]
    public void EachExclusionClass_IsExcludedWithItsReason(string fixture, string reason)
    {
        var r = ExactModelIngest.Read(Path_(fixture));
        Assert.That(r.Verdict!.Citable, Is.False);
        Assert.That(r.Verdict.PrimaryReason, Is.EqualTo(reason), r.Verdict.ToString());
        Assert.That(r.Facts[ExactModelIngest.ExclusionFact], Is.EqualTo(reason));
        var check = r.Checks.Single(c => c.Name == ExactModelIngest.EvidenceCheck);
        Assert.That(check.Passed, Is.False);
        Assert.That(check.Detail, Does.StartWith("excluded: " + reason));
    }

    [Test]
    public void Incomplete_NamesTheMissingGroupsAndFields()
    {
        var v = ExactModelEvidenceRules.Evaluate(Summary("incomplete-fields.json"));
        Assert.That(v.Exclusions.Single().Detail, Is.EqualTo("missing fit (memory_reserved_bytes, oom), quality (answer_sha256)"));
        var noSpeed = ExactModelEvidenceRules.Evaluate(Summary("incomplete-no-speed.json"));
        Assert.That(noSpeed.Exclusions.Single().Detail, Is.EqualTo("missing speed (whole group)"));
    }

    [Test]
    public void Proxy_IsAlsoAModelMismatch_AndLoaderOnlyIsIncomplete()
    {
        var proxy = ExactModelEvidenceRules.Evaluate(Summary("proxy-model.json"));
        Assert.That(proxy.Exclusions.Select(e => e.Reason), Is.EqualTo(new[] { "proxy-model", "model-mismatch" }));
        var loader = ExactModelEvidenceRules.Evaluate(Summary("loader-only-probe.json"));
        Assert.That(loader.Exclusions.Select(e => e.Reason), Is.EqualTo(new[] { "loader-only-probe", "incomplete" }));
    }

    [Test]
    public void ExpectedModel_IsAParameter()
    {
        var s = Summary("model-mismatch.json");
        Assert.That(ExactModelEvidenceRules.Evaluate(s, "Qwen/Qwen3.6-35B-A3B").Citable, Is.True);
        Assert.That(ExactModelEvidenceRules.Evaluate(Summary("citable-rtxpro6000-032k.json"), "qwen/qwen3.6-35b-a3b-fp8").Citable, Is.False);
    }

    [Test]
    public void AnswerArtifact_ShaMismatch_AndMissingFile()
    {
        var bad = ExactModelEvidenceRules.VerifyAnswerArtifact(Summary("answer-sha-mismatch.json"), Path.GetDirectoryName(Path_("x"))!);
        Assert.That(bad.Passed, Is.False);
        Assert.That(bad.Detail, Does.Contain("sha256 mismatch"));
        using var dir = new TempDirectory();
        var missing = ExactModelEvidenceRules.VerifyAnswerArtifact(Summary("citable-rtxpro6000-032k.json"), dir.Path);
        Assert.That(missing.Detail, Does.Contain("not found"));
        Assert.That(ExactModelEvidenceRules.Evaluate(Summary("citable-rtxpro6000-032k.json"), answerArtifact: missing).PrimaryReason, Is.EqualTo("incomplete"));
    }

    [Test]
    public void Parser_RefusesBrokenJsonAndWrongTypes()
    {
        Assert.That(ExactModelSummaryParser.Parse(File.ReadAllText(Path_("not-json.json"))).Error, Does.StartWith("not valid JSON (line"));
        Assert.That(ExactModelSummaryParser.Parse(File.ReadAllText(Path_("wrong-type.json"))).Error, Is.EqualTo("'fit.context_length' must be number, got string"));
        Assert.That(ExactModelSummaryParser.Parse("{\"schema\": \"other/2\"}").Error, Does.Contain("expected 'perflab.exact-model-summary/1'"));
        Assert.That(ExactModelIngest.Read(Path_("absent.json")).Error, Does.Contain("no such file"));
    }

    [Test]
    public async Task Runner_StoresExcludedRowWithReason_AndFailsOnUnreadableSummary()
    {
        var runner = new CudaExactModelRunner();
        var dir = Path.GetDirectoryName(Path_("x"))!;
        var device = CudaTestSteps.FakeDevice();
        var ok = await runner.ExecuteAsync(CudaTestSteps.Context(runner.Name, CudaTestSteps.With(("summary", "proxy-model.json")), device, dir), CancellationToken.None);
        Assert.That(ok.Succeeded, Is.True);
        Assert.That(ok.Facts["evidence.exclusion"], Is.EqualTo("proxy-model"));
        Assert.That(ok.Samples, Is.Not.Empty);
        var broken = await runner.ExecuteAsync(CudaTestSteps.Context(runner.Name, CudaTestSteps.With(("summary", "not-json.json")), device, dir), CancellationToken.None);
        Assert.That(broken.Failure?.Code, Is.EqualTo("garbage-output"));
        Assert.That(broken.Samples, Is.Empty);
        var missing = await runner.ExecuteAsync(CudaTestSteps.Context(runner.Name, CudaTestSteps.With(("summary", "absent.json")), device, dir), CancellationToken.None);
        Assert.That(missing.Failure?.Code, Is.EqualTo("no-metric"));
    }

    [Test]
    public void Runner_Validate_RejectsUnknownKeysAndMissingSummary()
    {
        var runner = new CudaExactModelRunner();
        var spec = new PerfLab.Harness.Domain.StepSpec("s", runner.Name, CudaTestSteps.With(("summry", "x.json")), [], null, null, null, true, default);
        var problems = runner.Validate(spec).Select(p => p.Message).ToList();
        Assert.That(problems, Has.Some.Contains("missing field 'summary'"));
        Assert.That(problems, Has.Some.Contains("unknown key 'summry'"));
    }
}
