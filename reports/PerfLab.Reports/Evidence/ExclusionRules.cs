using System.Globalization;
using PerfLab.Harness.Domain;

namespace PerfLab.Reports.Evidence;

/// <summary>Decides which stored results may not be cited, and why: the DESIGN.md exclusions and the Hydra card's
/// Evidence Boundary, applied per scope. Pure: everything it reads is in the <see cref="EvidenceCase"/>.</summary>
public static class ExclusionRules
{
    /// <summary>The exclusion fact the exact-model ingest writes (docs/exact-model-summary.md).</summary>
    public const string ExclusionFact = "evidence.exclusion";

    /// <summary>Every applicable exclusion, most fundamental first; empty when the result may be cited.</summary>
    /// <remarks><see cref="ExclusionReason.Emulated"/> comes last: an emulated result that also failed is shown as failed,
    /// an emulated result that is otherwise sound is shown under the demonstration banner, never as evidence.</remarks>
    public static IReadOnlyList<Exclusion> Evaluate(EvidenceCase c)
    {
        var found = new List<Exclusion>();
        var r = c.Result;
        if (r.Status == CaseStatus.DependencyCheckFailed || r.Checks.Any(k => k.Name.EndsWith("dependency-check", StringComparison.Ordinal) && !k.Passed))
            found.Add(new Exclusion(ExclusionReason.DependencyCheckFailed, FailureDetail(r)));

        if (ExclusionReasonText.Parse(c.Fact(ExclusionFact)) is { } declared && !found.Any(e => e.Reason == declared))
            found.Add(new Exclusion(declared, c.Fact("evidence.exclusions") ?? "declared by the runner"));

        if (r.Status == CaseStatus.AbortedThermal)
            found.Add(new Exclusion(ExclusionReason.Throttled, FailureDetail(r)));
        else if (Throttling(r) is { } throttled)
            found.Add(new Exclusion(ExclusionReason.Throttled, throttled));

        switch (r.Status)
        {
            case CaseStatus.Failed:
                found.Add(new Exclusion(ExclusionReason.Failed, FailureDetail(r)));
                break;
            case CaseStatus.NotRun or CaseStatus.Skipped:
                found.Add(new Exclusion(ExclusionReason.Incomplete, "the case did not run to the end" + Suffix(FailureDetail(r))));
                break;
        }
        if (c.Run.Status is RunStatus.Aborted or RunStatus.Running && !found.Any(e => e.Reason == ExclusionReason.Incomplete))
            found.Add(new Exclusion(ExclusionReason.Incomplete, $"the run is {c.Run.Status.ToString().ToLowerInvariant()}, not finished"));

        if (r.Status == CaseStatus.Passed && MissingForScope(c) is { } missing && !found.Any(e => e.Reason == ExclusionReason.Incomplete))
            found.Add(new Exclusion(ExclusionReason.Incomplete, missing));

        if (c.Run.Scope == EvidenceScope.Emulated || c.Run.Emulated || r.Device.Emulated)
            found.Add(new Exclusion(ExclusionReason.Emulated, "measured on an emulated device: demonstrates the pipeline, not evidence"));
        return found;
    }

    /// <summary>True when the only exclusion is that the device was emulated: the figures are shown, under the banner.</summary>
    public static bool OnlyEmulated(IReadOnlyList<Exclusion> exclusions) =>
        exclusions.Count > 0 && exclusions.All(e => e.Reason == ExclusionReason.Emulated);

    /// <summary>What a scope requires that the case lacks, or null. Hailo silicon rows need a named device and the HEF's hash;
    /// exact-model rows need all three groups (fit, quality, speed) as the Hydra card demands.</summary>
    public static string? MissingForScope(EvidenceCase c)
    {
        var scope = c.Run.Scope == EvidenceScope.Emulated ? ScopeOfDevice(c) : c.Run.Scope;
        var missing = new List<string>();
        switch (scope)
        {
            case EvidenceScope.SiliconMeasurement when c.Result.Device.Family == "hailo":
                if (c.Fact("arch") is null) missing.Add("device architecture (fact arch)");
                if (c.Fact("hef_sha256") is null) missing.Add("HEF sha256 (fact hef_sha256)");
                break;
            case EvidenceScope.ExactModelPoc:
                foreach (var group in new[] { "fit", "quality", "speed" })
                {
                    var check = c.Result.Checks.FirstOrDefault(k => k.Name == "exact-model." + group);
                    if (check is null || !check.Passed) missing.Add($"{group} group" + (check is null ? "" : $" ({check.Detail})"));
                }
                break;
        }
        return missing.Count == 0 ? null : "missing " + string.Join(", ", missing);
    }

    // An emulated run carries scope 'emulated'; its completeness is still judged by what the device family would need.
    private static EvidenceScope ScopeOfDevice(EvidenceCase c) =>
        c.Result.Device.Family == "hailo" ? EvidenceScope.SiliconMeasurement : EvidenceScope.Emulated;

    private static string? Throttling(CaseResult r)
    {
        var check = r.Checks.FirstOrDefault(k => k.Name == "throttling" && !k.Passed);
        if (check is not null) return check.Detail;
        var flagged = r.Telemetry.Where(t => t.Flag is { } f && f.StartsWith("throttled", StringComparison.Ordinal) && f != "throttled: none").ToList();
        if (flagged.Count == 0) return null;
        return string.Create(CultureInfo.InvariantCulture,
            $"{flagged.Count} telemetry reading(s) flagged ({flagged[0].Flag} on {flagged[0].Channel})");
    }

    private static string FailureDetail(CaseResult r) =>
        r.Failure is not { } f ? (r.FailureMessage ?? "") : f.Code + Suffix(r.FailureMessage);

    private static string Suffix(string? text) => string.IsNullOrEmpty(text) ? "" : " — " + text;
}
