using NUnit.Framework;
using PerfLab.Harness.Analysis;
using PerfLab.Reports.Pages;

namespace PerfLab.Tests.Reports.Pages;

/// <summary>The gate's threshold band on its trend charts: the baseline median ± the effective threshold the comparison applied.</summary>
public class GateThresholdBandTests
{
    private static ComparisonResult Result(double baselineMedian, double effectivePercent) =>
        new("fps", Verdict.Regression, new ComparedSide(10, 5, baselineMedian), new ComparedSide(5, 1, baselineMedian * 0.9),
            -10, -10, -12, -8, -12, -8, 0.95, 0.001, new AppliedThreshold(5, "budget", 2, effectivePercent), "");

    [Test]
    public void The_band_spans_the_effective_threshold_around_the_baseline_median()
    {
        var band = TrendCharts.Threshold(Result(200, 7.5))!;
        Assert.That(band.Low, Is.EqualTo(185).Within(1e-9));
        Assert.That(band.High, Is.EqualTo(215).Within(1e-9));
        Assert.That(band.Label, Is.EqualTo("gate threshold \u00B17.5%"));
    }

    [Test]
    public void A_comparison_without_a_median_or_threshold_has_no_band()
    {
        Assert.That(TrendCharts.Threshold(Result(double.NaN, 5)), Is.Null);
        Assert.That(TrendCharts.Threshold(Result(200, double.NaN)), Is.Null);
    }
}
