namespace PerfLab.Harness.Analysis;

/// <summary>A verdict for one metric with everything it rests on. The shift is candidate − baseline (Hodges–Lehmann for the rank
/// test, candidate value − history median for the build-distribution test); NaN where it could not be computed.</summary>
/// <param name="ShiftLow">Lower end of the shift's interval at <paramref name="ConfidenceLevel"/>.</param>
/// <param name="ConfidenceLevel">The level the interval actually has for these sample sizes (NaN: no interval).</param>
/// <param name="PValue">Two-sided p-value of "any difference" (reported, not the decision rule); never below what the ranks allow.</param>
/// <param name="Test">Which test the significance rests on.</param>
/// <param name="PWorse">One-sided p-value that the candidate is worse (NaN: no test).</param>
/// <param name="PBetter">One-sided p-value that the candidate is better (NaN: no test).</param>
/// <param name="QWorse">PWorse after false-discovery control over the gate's series (equal to PWorse for a lone comparison).</param>
/// <param name="QBetter">PBetter after the same control.</param>
/// <param name="Family">How many series the false-discovery control covered (1 for a lone comparison).</param>
/// <param name="Undecidable">Why no test could decide (too few samples, too short a history); null when one could.</param>
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
    string Reason,
    SeriesTest Test = SeriesTest.None,
    double PWorse = double.NaN,
    double PBetter = double.NaN,
    double QWorse = double.NaN,
    double QBetter = double.NaN,
    int Family = 1,
    string? Undecidable = null);
