namespace PerfLab.Harness.Analysis;

/// <summary>The threshold a comparison applied: the budget (and where it came from), the baseline's between-build noise,
/// and the effective threshold max(budget, multiplier × noise), all in percent of the baseline median.</summary>
public sealed record AppliedThreshold(double BudgetPercent, string BudgetSource, double NoisePercent, double EffectivePercent);
