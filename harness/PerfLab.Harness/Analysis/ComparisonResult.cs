namespace PerfLab.Harness.Analysis;

/// <summary>A verdict for one metric with everything it rests on. The shift is candidate − baseline (Hodges–Lehmann);
/// NaN where it could not be computed (no baseline, error).</summary>
/// <param name="ShiftLow">Lower end of the distribution-free confidence interval of the shift (<paramref name="ConfidenceLevel"/>).</param>
/// <param name="PValue">Two-sided Mann–Whitney p-value of "any difference" (reported, not the decision rule).</param>
public sealed record ComparisonResult(
    string Metric,
    Verdict Verdict,
    ComparedSide Baseline,
    ComparedSide Candidate,
    double Shift,
    double ShiftPercent,
    double ShiftLow,
    double ShiftHigh,
    double ShiftLowPercent,
    double ShiftHighPercent,
    double ConfidenceLevel,
    double PValue,
    AppliedThreshold Threshold,
    string Reason);
