using PerfLab.Harness.Analysis;

namespace PerfLab.Reports.Charts;

/// <summary>One metric over builds: per-build medians, optional whiskers, a baseline band, the gate's threshold band and change-point markers.</summary>
/// <param name="ValueLabel">What the y axis measures ("Throughput"); printed with <paramref name="Unit"/>.</param>
/// <param name="Points">One per build, oldest first; a NaN median leaves a gap.</param>
/// <param name="Whisker">What the points' Low..High range is, or None to draw no whiskers.</param>
/// <param name="ThroughputLike">A higher-is-better rate: its value axis starts at zero, or shows a break and a percentage scale
/// (<see cref="Presentation.ValueAxis"/>).</param>
public sealed record TrendChart(
    string Title,
    string ValueLabel,
    string Unit,
    IReadOnlyList<TrendPoint> Points,
    WhiskerKind Whisker = WhiskerKind.None,
    BaselineBand? Baseline = null,
    IReadOnlyList<ChangeMarker>? ChangePoints = null,
    bool ThroughputLike = false,
    ThresholdBand? Threshold = null);

/// <summary>One build of a trend: its median and, when whiskers are drawn, the spread around it.</summary>
public sealed record TrendPoint(string Build, double Median, double? Low = null, double? High = null);

/// <summary>What a trend's whiskers span.</summary>
public enum WhiskerKind
{
    None = 0,
    MinMax = 1,
    InterQuartile = 2,
}

/// <summary>A horizontal band Low..High (e.g. the baseline's interval) over the builds FromBuild..ToBuild.</summary>
public sealed record BaselineBand(double Low, double High, string FromBuild, string ToBuild, string Label = "baseline");

/// <summary>The gate's threshold around the baseline median: values between Low and High are within the threshold
/// (<paramref name="Label"/> says which, e.g. "gate threshold ±5.0%").</summary>
public sealed record ThresholdBand(double Low, double High, string Label);

/// <summary>A change point drawn at <paramref name="Build"/>, the first build of the new segment.</summary>
public sealed record ChangeMarker(string Build, double ChangePercent, ChangeDirection Direction)
{
    /// <summary>The marker of a detected change point.</summary>
    public static ChangeMarker From(ChangePoint point) => new(point.BuildAfter, point.ChangePercent, point.Direction);
}
