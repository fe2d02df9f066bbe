using System.Globalization;
using System.Security.Cryptography;
using PerfLab.Harness.Domain;

namespace PerfLab.Runners.Cuda.ExactModel;

/// <summary>What one exact-model summary turns into: figures, checks (the exclusion among them), kept files and facts.</summary>
/// <param name="Error">Why the summary could not be read at all (then nothing else is filled).</param>
public sealed record ExactModelIngestResult(
    ExactModelSummary? Summary,
    ExactModelVerdict? Verdict,
    IReadOnlyList<Sample> Samples,
    IReadOnlyList<Check> Checks,
    IReadOnlyList<Artifact> Artifacts,
    IReadOnlyDictionary<string, string> Facts,
    string? Error);

/// <summary>Turns an exact-model raw summary file into samples, checks and artifacts; the entry a CLI import verb can call.</summary>
/// <remarks>Excluded rows keep their figures (for audit); the <c>exact-model.evidence</c> check fails and the fact
/// <c>evidence.exclusion</c> names the primary reason, so reports list the row under the table and never cite it.</remarks>
public static class ExactModelIngest
{
    public const string EvidenceCheck = "exact-model.evidence";
    public const string ExclusionFact = "evidence.exclusion";

    public static ExactModelIngestResult Read(string summaryPath, string expectedModel = ExactModelEvidenceRules.DefaultExpectedModel)
    {
        if (!File.Exists(summaryPath)) return Failed($"{summaryPath}: no such file");
        var bytes = File.ReadAllBytes(summaryPath);
        var parsed = ExactModelSummaryParser.Parse(System.Text.Encoding.UTF8.GetString(bytes));
        if (!parsed.Ok) return Failed($"{summaryPath}: {parsed.Error}");
        var s = parsed.Value!;
        var baseDir = Path.GetDirectoryName(Path.GetFullPath(summaryPath))!;
        var artifactCheck = ExactModelEvidenceRules.VerifyAnswerArtifact(s, baseDir);
        var verdict = ExactModelEvidenceRules.Evaluate(s, expectedModel, artifactCheck);

        var artifacts = new List<Artifact> { Keep(Path.GetFileName(summaryPath), "application/json", bytes) };
        if (s.Quality?.AnswerArtifact is { } rel && File.Exists(Path.Combine(baseDir, rel)))
            artifacts.Add(Keep("answer/" + rel.Replace('\\', '/'), "text/plain", File.ReadAllBytes(Path.Combine(baseDir, rel))));

        var checks = new List<Check>
        {
            new(EvidenceCheck, verdict.Citable, verdict.ToString()),
            GroupCheck("fit", s.Fit?.Missing()), GroupCheck("quality", s.Quality?.Missing()), GroupCheck("speed", s.Speed?.Missing()),
            artifactCheck,
            new("exact-model.dependency-check", string.Equals(s.DependencyCheck, "passed", StringComparison.OrdinalIgnoreCase),
                s.DependencyCheck ?? "not recorded"),
        };
        return new ExactModelIngestResult(s, verdict, Samples(s), checks, artifacts, Facts(s, verdict), null);
    }

    private static ExactModelIngestResult Failed(string error) =>
        new(null, null, [], [], [], new Dictionary<string, string>(), error);

    private static Check GroupCheck(string group, IReadOnlyList<string>? missing) =>
        new($"exact-model.{group}", missing is { Count: 0 }, missing is null ? "group absent" : missing.Count == 0 ? "complete" : "missing " + string.Join(", ", missing));

    private static List<Sample> Samples(ExactModelSummary s)
    {
        var list = new List<Sample>();
        void Add(string metric, double? v, string unit) { if (v is { } x) list.Add(new Sample(metric, x, unit)); }
        Add("context_length", s.Fit?.ContextLength, "tokens");
        Add("memory_allocated_bytes", s.Fit?.MemoryAllocatedBytes, "bytes");
        Add("memory_reserved_bytes", s.Fit?.MemoryReservedBytes, "bytes");
        Add("oom", s.Fit?.Oom is { } o ? (o ? 1 : 0) : null, "bool");
        Add("wall_s", s.Speed?.WallSeconds, "s");
        Add("generated_tokens", s.Speed?.GeneratedTokens, "tokens");
        Add("tokens_per_s", s.Speed?.TokensPerSecond, "tokens/s");
        return list;
    }

    private static Dictionary<string, string> Facts(ExactModelSummary s, ExactModelVerdict v)
    {
        var f = new Dictionary<string, string>(StringComparer.Ordinal);
        void Put(string k, string? value) { if (value is not null) f[k] = value; }
        Put("model.id", s.ModelId);
        Put("exact_model.run_id", s.RunId);
        Put("exact_model.probe_kind", s.ProbeKind);
        Put("exact_model.dependency_check", s.DependencyCheck);
        Put(Cuda.CudaFactNames.GpuName, s.Fit?.Gpu);
        Put("exact_model.oom_detail", s.Fit?.OomDetail);
        Put("exact_model.prompt_id", s.Quality?.PromptId);
        Put("exact_model.task_id", s.Quality?.TaskId);
        Put("exact_model.answer_sha256", s.Quality?.AnswerSha256);
        Put("exact_model.comparison_target", s.Speed?.ComparisonTarget);
        Put("exact_model.context_length", s.Fit?.ContextLength?.ToString(CultureInfo.InvariantCulture));
        Put(ExclusionFact, v.PrimaryReason);
        if (!v.Citable) f["evidence.exclusions"] = string.Join(",", v.Exclusions.Select(e => e.Reason).Distinct());
        return f;
    }

    private static Artifact Keep(string name, string media, byte[] bytes) =>
        new(name, media, bytes, Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.LongLength);
}
