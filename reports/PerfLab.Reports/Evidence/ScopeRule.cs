using System.Globalization;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Statistics;

namespace PerfLab.Reports.Evidence;

/// <summary>How claims of one evidence scope are worded and what they may say (the Hydra card's Evidence Boundary).</summary>
/// <param name="Qualifier">The clause every claim of the scope ends with, saying what kind of evidence it is.</param>
/// <param name="AllowsMetric">Which metrics the scope may state at all (exact-model rows: the three groups' figures).</param>
public sealed record ScopeRule(EvidenceScope Scope, string Qualifier, Func<string, bool> AllowsMetric)
{
    /// <summary>"Hydra on HAILO10H: fps 855.62 FPS (median of 5 repetitions, IQR 850.1–858.0, min–max 849.0–860.2); silicon measurement on the named device."</summary>
    public string Sentence(string caseName, string device, string metric, SampleSummary s, string unit) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{caseName} on {device}: {metric} {FigureText.Number(s.Median)} {unit} (median of {s.Count} repetition{(s.Count == 1 ? "" : "s")}, " +
            $"IQR {FigureText.Number(s.Q1)}–{FigureText.Number(s.Q3)}, min–max {FigureText.Number(s.Min)}–{FigureText.Number(s.Max)}); {Qualifier}.");
}

/// <summary>The rule of every scope.</summary>
public static class ScopeRules
{
    private static readonly HashSet<string> ExactModelMetrics = new(StringComparer.Ordinal)
    {
        "context_length", "memory_allocated_bytes", "memory_reserved_bytes", "oom", "wall_s", "generated_tokens", "tokens_per_s",
    };

    public static ScopeRule For(EvidenceScope scope) => scope switch
    {
        EvidenceScope.SiliconMeasurement => new(scope, "silicon measurement on the named device", _ => true),
        EvidenceScope.KernelPackageValidation => new(scope, "kernel/package validation of this source packet, not a universal speedup claim", _ => true),
        EvidenceScope.ResearchCampaign => new(scope, "research-campaign figure, outside the exact-model proof-of-concept", _ => true),
        EvidenceScope.ExactModelPoc => new(scope, "exact-model proof-of-concept row for this GPU only, not the full validation campaign", ExactModelMetrics.Contains),
        EvidenceScope.HostMeasurement => new(scope, "host measurement, not silicon or kernel evidence", _ => true),
        EvidenceScope.Emulated => new(scope, "EMULATED device: demonstrates the pipeline, not evidence", _ => true),
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, null),
    };
}
