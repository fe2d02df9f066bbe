namespace PerfLab.Harness.Analysis;

/// <summary>Parameters of <see cref="SeriesComparer"/> (docs/gating.md §4 gives the reasoning for each default).</summary>
/// <param name="DefaultBudgetPercent">Budget used when the metric's gate has none.</param>
/// <param name="Alpha">Significance level of a one-sided test (after false-discovery control over a gate's series); 1 − Alpha is
/// the level the intervals aim for.</param>
/// <param name="BaselineBuilds">How many previous builds the baseline pools by default.</param>
/// <param name="NoiseMultiplier">The threshold is at least this many between-build standard deviations of the history.</param>
/// <param name="MinBuildsForNoise">Fewest history builds from which between-build noise is estimated.</param>
/// <param name="HistoryBuilds">How many builds before the candidate the history (noise, one-value-per-build test) reads.</param>
/// <param name="MinHistoryBuilds">Fewest history builds for the one-value-per-build test.</param>
/// <param name="MinSamples">Fewest samples per side (and per baseline build) for the rank test.</param>
public sealed record ComparisonOptions(
    double DefaultBudgetPercent = 3,
    double Alpha = 0.01,
    int BaselineBuilds = 5,
    double NoiseMultiplier = 3,
    int MinBuildsForNoise = 3,
    int HistoryBuilds = 20,
    int MinHistoryBuilds = 10,
    int MinSamples = 3)
{
    /// <summary>The defaults measured in docs/gating.md.</summary>
    public static ComparisonOptions Default { get; } = new();
}
