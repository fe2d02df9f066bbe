using NUnit.Framework;
using PerfLab.Reports.Charts;

namespace PerfLab.Tests.Reports.Charts;

/// <summary>The page rules as the charts apply them: throughput axes from zero or visibly broken, labels whole, legends saying each thing once.</summary>
public sealed class ChartTruthRulesTests
{
    private readonly IChartRenderer _renderer = new SvgChartRenderer();

    private static List<TrendPoint> HydraDrop() =>
        Enumerable.Range(1, 14).Select(i => new TrendPoint(i.ToString(System.Globalization.CultureInfo.InvariantCulture), i < 8 ? 858 : 770, i < 8 ? 855 : 767, i < 8 ? 861 : 773)).ToList();

    [Test]
    public void A_throughput_trend_with_a_visible_drop_starts_its_axis_at_zero()
    {
        var doc = SvgAssert.WellFormed(_renderer.Render(new TrendChart("t", "Throughput", "FPS", HydraDrop(), WhiskerKind.InterQuartile, ThroughputLike: true)));
        var ticks = SvgAssert.Role(doc, "y-axis").Single().Elements(SvgAssert.Svg + "text").Select(t => t.Attribute("data-tick")?.Value).ToList();
        Assert.That(ticks[0], Is.EqualTo("0"));
        Assert.That(SvgAssert.Role(doc, "axis-break"), Is.Empty);
        Assert.That(doc.Root!.Element(SvgAssert.Svg + "desc")!.Value, Does.Contain("starts at zero"));
    }

    [Test]
    public void The_same_data_as_a_latency_fits_its_axis_to_the_data()
    {
        var doc = SvgAssert.WellFormed(_renderer.Render(new TrendChart("t", "Latency", "ms", HydraDrop(), WhiskerKind.InterQuartile)));
        var ticks = SvgAssert.Role(doc, "y-axis").Single().Elements(SvgAssert.Svg + "text").Select(t => t.Attribute("data-tick")?.Value).ToList();
        Assert.That(ticks[0], Is.Not.EqualTo("0"));
    }

    [Test]
    public void A_throughput_trend_of_small_noise_shows_a_break_marker_and_a_percentage_scale()
    {
        var points = Enumerable.Range(1, 10).Select(i => new TrendPoint($"b{i}", 770 + i % 3 * 4)).ToList();
        var doc = SvgAssert.WellFormed(_renderer.Render(new TrendChart("t", "Throughput", "FPS", points, ThroughputLike: true)));
        Assert.That(SvgAssert.Role(doc, "axis-break"), Has.Count.EqualTo(1));
        var percent = SvgAssert.Role(doc, "percent-axis").Single();
        Assert.That(percent.Elements(SvgAssert.Svg + "text").Select(t => t.Value), Does.Contain("0.0 %").And.Contain("change vs build b1 (%)"));
        Assert.That(doc.Root!.Element(SvgAssert.Svg + "desc")!.Value, Does.Contain("does not start at zero"));
    }

    [Test]
    public void The_thermal_throughput_axis_starts_at_zero_and_the_legend_says_the_limit_once()
    {
        var chart = new ThermalTraceChart("th", [new TracePoint(30, 54), new TracePoint(60, 55)], [new TracePoint(30, 772), new TracePoint(60, 779)],
            TemperatureLimit: 85, LimitLabel: "gate max 85 \u00B0C");
        var doc = SvgAssert.WellFormed(_renderer.Render(chart));
        var fps = SvgAssert.Role(doc, "y2-axis").Single().Elements(SvgAssert.Svg + "text").Select(t => t.Attribute("data-tick")?.Value).Where(v => v is not null).ToList();
        Assert.That(fps[0], Is.EqualTo("0"));
        Assert.That(SvgAssert.Role(doc, "legend").Single().Elements(SvgAssert.Svg + "text").Select(t => t.Value), Does.Contain("gate max 85 \u00B0C"));
        Assert.That(SvgAssert.Texts(doc), Has.None.Contains("85 \u00B0C 85 \u00B0C"));
    }

    [Test]
    public void A_device_without_bars_keeps_its_row_with_its_note_and_long_names_wrap_with_the_full_name_on_hover()
    {
        const string failed = "NVIDIA A100-SXM4-80GB (cuda-emu:GPU-e0000000-0000-4000-8000-000000000007)";
        var chart = new DeviceComparisonChart("d", "Decode time", "ms", ["a"],
        [
            new DeviceRow(failed, [null], "error: no figure"),
            new DeviceRow("NVIDIA GeForce RTX 3060 (cuda-emu:GPU-e0000000-0000-4000-8000-000000000001)", [new BarValue(0.25)]),
        ]);
        var doc = SvgAssert.WellFormed(_renderer.Render(chart));
        var labels = SvgAssert.Role(doc, "device-label");
        Assert.That(labels.Select(l => l.Element(SvgAssert.Svg + "title")!.Value), Is.EqualTo(new[] { failed, "NVIDIA GeForce RTX 3060 (cuda-emu:GPU-e0000000-0000-4000-8000-000000000001)" }));
        Assert.That(labels[1].Elements(SvgAssert.Svg + "text").Select(t => t.Value), Is.EqualTo(new[] { "NVIDIA GeForce RTX 3060", "(cuda-emu:GPU-e0000000\u20260001)" }));
        Assert.That(SvgAssert.Role(doc, "device-note").Single().Value, Is.EqualTo("error: no figure"));
        // Every label starts inside the chart.
        var nameRight = SvgAssert.Number(labels[1].Elements(SvgAssert.Svg + "text").First(), "x");
        Assert.That(nameRight - SvgText.EstimateWidth("(cuda-emu:GPU-e0000000\u20260001)", 12), Is.GreaterThanOrEqualTo(0));
    }
}
