using PerfLab.Harness.Analysis;
using PerfLab.Harness.Statistics;
using PerfLab.Harness.Storage;
using PerfLab.Reports.Charts;
using PerfLab.Reports.Presentation;

namespace PerfLab.Reports.Pages;

/// <summary>Builds trend chart models from stored series.</summary>
public static class TrendCharts
{
    /// <summary>Per-build medians with IQR whiskers, an optional baseline band and change-point markers.</summary>
    public static TrendChart Of(MetricSeries series, string title, string valueLabel, BaselinePool? baseline, IReadOnlyList<ChangePoint> changes,
        ThresholdBand? threshold = null)
    {
        var points = series.Points.Select(p => SampleSummary.Of(p.Samples) is { } s
            ? new TrendPoint(p.Build, s.Median, s.Q1, s.Q3)
            : new TrendPoint(p.Build, double.NaN)).ToList();
        BaselineBand? band = null;
        if (baseline is { IsEmpty: false } && SampleSummary.Of(baseline.Samples) is { } b)
            band = new BaselineBand(b.Q1, b.Q3, baseline.Builds[0], baseline.Builds[^1], "baseline IQR");
        return new TrendChart(title, valueLabel, series.Unit, points, WhiskerKind.InterQuartile, band,
            changes.Select(ChangeMarker.From).ToList(), ValueAxis.IsThroughputLike(series.Unit, series.Better), threshold);
    }

    /// <summary>The band a gate's comparison tolerated: the baseline median ± the effective threshold; null where the comparison
    /// had no finite median or threshold (no baseline, error).</summary>
    public static ThresholdBand? Threshold(ComparisonResult result)
    {
        var median = result.Baseline.Median;
        var percent = result.Threshold.EffectivePercent;
        if (!double.IsFinite(median) || !double.IsFinite(percent) || percent < 0) return null;
        return new ThresholdBand(median * (1 - percent / 100), median * (1 + percent / 100),
            $"gate threshold \u00B1{percent.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)}%");
    }
}
