using PerfLab.Harness.Storage;

namespace PerfLab.Harness.Analysis;

/// <summary>The change points found in one stored series, with the detector configuration that found them.</summary>
/// <param name="PointsUsed">Builds that had at least one finite sample (one point each: the median of its samples).</param>
/// <param name="NoiseSigma">Point-to-point noise of the build medians (same unit as the metric).</param>
public sealed record SeriesChangePoints(
    SeriesIdentity Identity,
    DetectorConfiguration Detector,
    int PointsUsed,
    double NoiseSigma,
    IReadOnlyList<ChangePoint> ChangePoints);
