using NUnit.Framework;
using PerfLab.Reports.Charts;

namespace PerfLab.Tests.Reports.Charts;

public class DeviceComparisonChartSvgTests
{
    private readonly IChartRenderer _renderer = new SvgChartRenderer();

    [TestCase(BarOrientation.Horizontal)]
    [TestCase(BarOrientation.Vertical)]
    public void Two_series_draw_two_bars_per_device_and_a_legend(BarOrientation orientation)
    {
        var doc = SvgAssert.WellFormed(_renderer.Render(ChartExamples.HydraDecode(orientation)));
        var bars = SvgAssert.Role(doc, "bar");
        Assert.That(bars, Has.Count.EqualTo(18));
        var rtx4090 = bars.Where(b => b.Attribute("data-device")!.Value == "RTX 4090").ToList();
        Assert.That(rtx4090.Select(b => b.Attribute("data-series")!.Value), Is.EqualTo(new[] { "package smoke", "HF benchmark mean" }));
        Assert.That(rtx4090.Select(b => b.Attribute("data-value")!.Value), Is.EqualTo(new[] { "0.1132", "0.2245" }));
        Assert.That(SvgAssert.Role(doc, "legend").Single().Value, Does.Contain("package smoke").And.Contain("HF benchmark mean"));
        Assert.That(SvgAssert.Role(doc, "axis-title").Select(t => t.Value), Does.Contain("Decode time per iteration (ms)"));
    }

    [Test]
    public void Longer_values_draw_longer_bars()
    {
        var doc = SvgAssert.WellFormed(_renderer.Render(ChartExamples.HydraDecode()));
        double Width(string device, string series) => SvgAssert.Number(SvgAssert.Role(doc, "bar")
            .Single(b => b.Attribute("data-device")!.Value == device && b.Attribute("data-series")!.Value == series)
            .Element(SvgAssert.Svg + "rect")!, "width");
        Assert.That(Width("RTX 3060", "HF benchmark mean") / Width("RTX 3060", "package smoke"), Is.EqualTo(0.3229 / 0.2574).Within(0.01));
    }

    [Test]
    public void One_series_needs_no_legend_and_whiskers_span_the_interval()
    {
        var chart = new DeviceComparisonChart("FPS", "Throughput", "FPS", ["median"],
            [new("Hailo-8", [new BarValue(855.62, 850, 861)]), new("Hailo-10H", [new BarValue(1630, 1600, 1644)])]);
        var doc = SvgAssert.WellFormed(_renderer.Render(chart));
        Assert.That(SvgAssert.Role(doc, "legend"), Is.Empty);
        Assert.That(SvgAssert.Role(doc, "interval"), Has.Count.EqualTo(2));
        Assert.That(doc.Root!.Element(SvgAssert.Svg + "desc")!.Value, Does.Contain("Hailo-8 855.6 (interval 850.0 to 861.0)"));
    }

    [Test]
    public void Negative_values_grow_left_of_zero()
    {
        var chart = new DeviceComparisonChart("Shift", "Shift", "%", ["shift"],
            [new("A", [new BarValue(-4)]), new("B", [new BarValue(6)])]);
        var doc = SvgAssert.WellFormed(_renderer.Render(chart));
        var rects = SvgAssert.Role(doc, "bar").ToDictionary(b => b.Attribute("data-device")!.Value, b => b.Element(SvgAssert.Svg + "rect")!);
        var zeroX = SvgAssert.Number(rects["A"], "x") + SvgAssert.Number(rects["A"], "width");
        Assert.That(SvgAssert.Number(rects["B"], "x"), Is.EqualTo(zeroX).Within(0.11), "both bars start at zero");
        Assert.That(SvgAssert.Role(doc, "x-axis").Single().Value, Does.Contain("-4").Or.Contain("-5"));
    }

    [Test]
    public void Missing_values_leave_no_bar_and_no_values_at_all_render_no_data()
    {
        var partial = new DeviceComparisonChart("P", "x", "ms", ["a", "b"], [new("D", [new BarValue(1), null]), new("E", [new BarValue(double.NaN), new BarValue(2)])]);
        Assert.That(SvgAssert.Role(SvgAssert.WellFormed(_renderer.Render(partial)), "bar"), Has.Count.EqualTo(2));
        var none = new DeviceComparisonChart("N", "x", "ms", ["a"], []);
        Assert.That(SvgAssert.Role(SvgAssert.WellFormed(_renderer.Render(none)), "no-data"), Has.Count.EqualTo(1));
    }

    [Test]
    public void Device_names_are_escaped_text_never_markup()
    {
        var chart = new DeviceComparisonChart("<script>alert(1)</script>", "a & b", "<ms>", ["x & y", "<i>z</i>"],
            [new("<script>alert(1)</script>", [new BarValue(1), new BarValue(2)]), new("a & b\u0000\u001b[31m", [new BarValue(3), null])],
            BarOrientation.Vertical);
        var svg = _renderer.Render(chart);
        var doc = SvgAssert.WellFormed(svg);
        Assert.That(svg, Does.Not.Contain("<script").And.Not.Contain("<i>"));
        Assert.That(SvgAssert.Texts(doc), Does.Contain("<script>alert(1)</script>").And.Contain("a & b (<ms>)"));
        Assert.That(SvgAssert.Role(doc, "bar")[0].Attribute("data-device")!.Value, Is.EqualTo("<script>alert(1)</script>"));
    }

    [Test]
    public void Vertical_bars_keep_every_device_name_when_two_rows_suffice_and_thin_them_beyond()
    {
        var doc = SvgAssert.WellFormed(_renderer.Render(ChartExamples.HydraDecode(BarOrientation.Vertical)));
        Assert.That(SvgAssert.Role(doc, "device-labels").Single().Elements().ToList(), Has.Count.EqualTo(9));

        var many = Enumerable.Range(1, 40).Select(i => new DeviceRow($"host-{i:00}.farm.local", [new BarValue(i)])).ToList();
        var crowded = SvgAssert.WellFormed(_renderer.Render(new DeviceComparisonChart("Many", "x", "ms", ["v"], many, BarOrientation.Vertical)));
        var labels = SvgAssert.Role(crowded, "device-label").Select(g => g.Element(SvgAssert.Svg + "text")!.Value).ToList();
        Assert.That(labels.Count, Is.LessThan(40).And.GreaterThan(2));
        Assert.That(labels[^1], Is.EqualTo("host-40.farm.local"));
    }

    [Test]
    public void Bad_shapes_are_refused_with_a_clear_message()
    {
        var mismatch = new DeviceComparisonChart("M", "x", "ms", ["a", "b"], [new("RTX 3060", [new BarValue(1)])]);
        Assert.That(() => _renderer.Render(mismatch), Throws.ArgumentException.With.Message.Contains("RTX 3060").And.Message.Contains("2 series"));
        var tooMany = new DeviceComparisonChart("M", "x", "ms", ["1", "2", "3", "4", "5", "6"], []);
        Assert.That(() => _renderer.Render(tooMany), Throws.ArgumentException);
    }

    [Test]
    public void The_same_chart_renders_byte_identically() =>
        Assert.That(_renderer.Render(ChartExamples.HydraDecode()), Is.EqualTo(new SvgChartRenderer().Render(ChartExamples.HydraDecode())));
}
