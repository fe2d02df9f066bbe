namespace PerfLab.Harness.Domain;

/// <summary>The evidence tier a result belongs to; claims never mix scopes.</summary>
/// <remarks>
/// Stored as explicit integers so a renamed member never changes what a database means.
/// <see cref="HostMeasurement"/> is PerfLab's own addition: real figures from a general-purpose host
/// (the Command runner), citable only as host measurements, never as silicon or kernel evidence.
/// </remarks>
public enum EvidenceScope
{
    SiliconMeasurement = 1,
    KernelPackageValidation = 2,
    ResearchCampaign = 3,
    ExactModelPoc = 4,
    HostMeasurement = 5,
    Emulated = 6,
}

/// <summary>Canonical spellings of <see cref="EvidenceScope"/> as they appear in suites and reports.</summary>
public static class EvidenceScopeNames
{
    private static readonly (EvidenceScope Scope, string Name)[] Names =
    [
        (EvidenceScope.SiliconMeasurement, "silicon-measurement"),
        (EvidenceScope.KernelPackageValidation, "kernel-package-validation"),
        (EvidenceScope.ResearchCampaign, "research-campaign"),
        (EvidenceScope.ExactModelPoc, "exact-model-poc"),
        (EvidenceScope.HostMeasurement, "host-measurement"),
        (EvidenceScope.Emulated, "emulated"),
    ];

    public static IEnumerable<string> All => Names.Select(n => n.Name);

    public static string ToName(this EvidenceScope scope) =>
        Names.First(n => n.Scope == scope).Name;

    public static bool TryParse(string text, out EvidenceScope scope)
    {
        foreach (var (s, name) in Names)
        {
            if (string.Equals(name, text, StringComparison.Ordinal)) { scope = s; return true; }
        }
        scope = default;
        return false;
    }
}
