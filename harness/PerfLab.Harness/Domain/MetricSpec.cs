namespace PerfLab.Harness.Domain;

/// <summary>A metric a suite yields: its unit, its good direction and its gate.</summary>
public sealed record MetricSpec(string Name, string Unit, Better Better, MetricGate Gate, string? Description = null);

/// <summary>How far a metric may move before a build is gated: a relative budget and/or absolute limits.</summary>
/// <param name="BudgetPercent">Largest tolerated change in the bad direction, in percent of the baseline.</param>
/// <param name="Min">Absolute lower limit (inclusive) every candidate sample median must respect.</param>
/// <param name="Max">Absolute upper limit (inclusive), e.g. chip temperature max ≤ 85 °C.</param>
public sealed record MetricGate(double? BudgetPercent, double? Min, double? Max)
{
    public static MetricGate None { get; } = new(null, null, null);
}
