using PerfLab.Harness.Storage;

namespace PerfLab.Harness.Analysis;

/// <summary>The change points found in one stored series, with the detector configuration that found them.</summary>
/// <param name="PointsUsed">Builds that had at least one finite sample (one point each: the median of its samples).</param>
/// <param name="NoiseSigma">Noise σ of one build median (same unit as the metric): max(point-to-point noise of the medians,
/// standard error of a median from the samples within builds).</param>
public sealed record SeriesChangePoints(
    SeriesIdentity Identity,
    DetectorConfiguration Detector,
    int PointsUsed,
    double NoiseSigma,
    IReadOnlyList<ChangePoint> ChangePoints);
