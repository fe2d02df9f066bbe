namespace PerfLab.Harness.Analysis;

/// <summary>One change point of a series: the new segment starts at <paramref name="Index"/>
/// (<paramref name="BuildBefore"/> is the last build of the old level, <paramref name="BuildAfter"/> the first of the new:
/// last good and first bad for a regression).</summary>
/// <param name="ChangePercent">(MedianAfter − MedianBefore) / |MedianBefore| × 100; NaN when MedianBefore is 0.</param>
/// <param name="EffectInNoise">|MedianAfter − MedianBefore| divided by the series' noise (<see cref="SeriesChangePoints.NoiseSigma"/>).</param>
public sealed record ChangePoint(
    int Index,
    string BuildBefore,
    string BuildAfter,
    double MedianBefore,
    double MedianAfter,
    double ChangePercent,
    double EffectInNoise,
    ChangeDirection Direction);
