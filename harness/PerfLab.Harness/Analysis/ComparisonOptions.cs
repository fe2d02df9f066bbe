namespace PerfLab.Harness.Analysis;

/// <summary>Parameters of <see cref="MannWhitneyComparer"/>.</summary>
/// <param name="DefaultBudgetPercent">Budget used when the metric's gate has none.</param>
/// <param name="Alpha">One-sided significance level for "worse/better by more than the threshold"; also 1 − the interval's level.</param>
/// <param name="BaselineBuilds">How many previous builds the baseline pools by default.</param>
/// <param name="NoiseMultiplier">The threshold is at least this many between-build standard deviations of the baseline medians.</param>
/// <param name="MinBuildsForNoise">Fewest baseline builds from which between-build noise is estimated.</param>
public sealed record ComparisonOptions(
    double DefaultBudgetPercent = 3,
    double Alpha = 0.01,
    int BaselineBuilds = 5,
    double NoiseMultiplier = 3,
    int MinBuildsForNoise = 3)
{
    /// <summary>The defaults measured in docs/detection.md.</summary>
    public static ComparisonOptions Default { get; } = new();
}
