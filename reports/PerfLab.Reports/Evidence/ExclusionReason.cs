namespace PerfLab.Reports.Evidence;

/// <summary>Why a stored result may not be cited (DESIGN.md "Exclusion"); wire names via <see cref="ExclusionReasonText"/>.</summary>
public enum ExclusionReason
{
    ProxyModel = 1,
    LoaderOnlyProbe = 2,
    DependencyCheckFailed = 3,
    ModelMismatch = 4,
    Incomplete = 5,
    Throttled = 6,
    Failed = 7,
    Emulated = 8,
}

/// <summary>The stable spellings of <see cref="ExclusionReason"/> used in reports and JSON.</summary>
public static class ExclusionReasonText
{
    public static string ToWire(this ExclusionReason reason) => reason switch
    {
        ExclusionReason.ProxyModel => "proxy-model",
        ExclusionReason.LoaderOnlyProbe => "loader-only-probe",
        ExclusionReason.DependencyCheckFailed => "dependency-check-failed",
        ExclusionReason.ModelMismatch => "model-mismatch",
        ExclusionReason.Incomplete => "incomplete",
        ExclusionReason.Throttled => "throttled",
        ExclusionReason.Failed => "failed",
        ExclusionReason.Emulated => "emulated",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    /// <summary>Parses a wire name (as runners write it into the <c>evidence.exclusion</c> fact); null when unknown.</summary>
    public static ExclusionReason? Parse(string? text) =>
        Enum.GetValues<ExclusionReason>().Cast<ExclusionReason?>().FirstOrDefault(r => r!.Value.ToWire() == text?.Trim());
}

/// <summary>One reason a result is excluded, with the detail a reader needs to check it.</summary>
public sealed record Exclusion(ExclusionReason Reason, string Detail)
{
    public string Text => Detail.Length == 0 ? Reason.ToWire() : $"{Reason.ToWire()}: {Detail}";
}
