namespace PerfLab.Runners.Cuda.ExactModel;

/// <summary>Why an exact-model row may not be cited: a Domain exclusion word and the detail behind it.</summary>
public sealed record ExactModelExclusion(string Reason, string Detail)
{
    public override string ToString() => $"{Reason}: {Detail}";
}

/// <summary>Whether an exact-model row is citable, and if not, every reason it is excluded (most fundamental first).</summary>
public sealed record ExactModelVerdict(IReadOnlyList<ExactModelExclusion> Exclusions)
{
    public bool Citable => Exclusions.Count == 0;

    /// <summary>The reason a report lists under its table (the first), or null for a citable row.</summary>
    public string? PrimaryReason => Exclusions.Count == 0 ? null : Exclusions[0].Reason;

    public override string ToString() => Citable ? "citable" : "excluded: " + string.Join("; ", Exclusions);
}

/// <summary>The exclusion words of the exact-model rules (a subset of the Domain's exclusion words).</summary>
public static class ExactModelExclusionReasons
{
    public const string DependencyCheckFailed = "dependency-check-failed";
    public const string LoaderOnlyProbe = "loader-only-probe";
    public const string ProxyModel = "proxy-model";
    public const string ModelMismatch = "model-mismatch";
    public const string Incomplete = "incomplete";
}
