using System.Security.Cryptography;
using PerfLab.Harness.Domain;

namespace PerfLab.Runners.Cuda.ExactModel;

/// <summary>The Hydra card's rule for exact-model rows: all three groups, the exact model, a real generation run, a passed
/// dependency check, and an answer artifact whose bytes match the recorded sha256.</summary>
/// <remarks>"Do not cite proxy models, loader-only probes, failed dependency checks, or non-matching model runs"; "each
/// cited row must include all three" groups. Every applicable reason is listed, not only the first.</remarks>
public static class ExactModelEvidenceRules
{
    public const string DefaultExpectedModel = "Qwen/Qwen3.6-35B-A3B-FP8";

    /// <param name="answerArtifact">The result of <see cref="VerifyAnswerArtifact"/>; a failed one makes the row incomplete.</param>
    public static ExactModelVerdict Evaluate(ExactModelSummary summary, string expectedModel = DefaultExpectedModel, Check? answerArtifact = null)
    {
        var x = new List<ExactModelExclusion>();
        if (!string.Equals(summary.DependencyCheck, "passed", StringComparison.OrdinalIgnoreCase))
        {
            x.Add(new(ExactModelExclusionReasons.DependencyCheckFailed, summary.DependencyCheck is null
                ? "no dependency check recorded as passed"
                : $"dependency check {summary.DependencyCheck}" + (summary.DependencyCheckDetail is { } d ? $" ({d})" : "")));
        }
        switch (summary.ProbeKind?.ToLowerInvariant())
        {
            case "generation":
                break;
            case "loader-only" or "loader":
                x.Add(new(ExactModelExclusionReasons.LoaderOnlyProbe, "the run only loaded the model; it generated nothing"));
                break;
            case "proxy" or "profile":
                x.Add(new(ExactModelExclusionReasons.ProxyModel, $"probe kind '{summary.ProbeKind}': a stand-in for the model, not the model"));
                break;
            default:
                x.Add(new(ExactModelExclusionReasons.Incomplete, summary.ProbeKind is null ? "no probe_kind recorded" : $"unknown probe_kind '{summary.ProbeKind}'"));
                break;
        }
        if (!string.Equals(summary.ModelId, expectedModel, StringComparison.Ordinal))
            x.Add(new(ExactModelExclusionReasons.ModelMismatch, $"model '{summary.ModelId ?? "(none)"}' is not '{expectedModel}'"));

        var missing = new List<string>();
        void Group(string name, object? group, IReadOnlyList<string>? fields)
        {
            if (group is null) missing.Add($"{name} (whole group)");
            else if (fields!.Count > 0) missing.Add($"{name} ({string.Join(", ", fields)})");
        }
        Group("fit", summary.Fit, summary.Fit?.Missing());
        Group("quality", summary.Quality, summary.Quality?.Missing());
        Group("speed", summary.Speed, summary.Speed?.Missing());
        if (missing.Count > 0) x.Add(new(ExactModelExclusionReasons.Incomplete, "missing " + string.Join(", ", missing)));
        if (answerArtifact is { Passed: false }) x.Add(new(ExactModelExclusionReasons.Incomplete, answerArtifact.Detail));
        return new ExactModelVerdict(x);
    }

    /// <summary>Checks the answer artifact named in the quality group against its recorded sha256 (path relative to <paramref name="baseDirectory"/>).</summary>
    public static Check VerifyAnswerArtifact(ExactModelSummary summary, string baseDirectory)
    {
        const string name = "exact-model.answer-artifact";
        if (summary.Quality?.AnswerArtifact is not { } rel) return new Check(name, false, "no answer artifact recorded");
        var path = Path.GetFullPath(Path.Combine(baseDirectory, rel));
        if (!File.Exists(path)) return new Check(name, false, $"answer artifact {rel} not found");
        var actual = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
        return VerifyAnswerBytes(summary, actual, rel);
    }

    /// <summary>The pure half of <see cref="VerifyAnswerArtifact"/>: the recorded sha256 against one computed from the bytes.</summary>
    public static Check VerifyAnswerBytes(ExactModelSummary summary, string actualSha256, string shownPath)
    {
        const string name = "exact-model.answer-artifact";
        if (summary.Quality?.AnswerSha256 is not { } expected) return new Check(name, false, $"answer artifact {shownPath} has no recorded sha256");
        return string.Equals(expected, actualSha256, StringComparison.OrdinalIgnoreCase)
            ? new Check(name, true, $"{shownPath} sha256 {actualSha256}")
            : new Check(name, false, $"answer artifact {shownPath} sha256 mismatch: recorded {expected}, file has {actualSha256}");
    }
}
