using System.Xml.Linq;
using NUnit.Framework;
using PerfLab.Reports.Charts;

namespace PerfLab.Tests.Reports.Charts;

public class ThermalTraceChartSvgTests
{
    private readonly IChartRenderer _renderer = new SvgChartRenderer();

    [Test]
    public void Both_axes_and_time_carry_their_units()
    {
        var doc = SvgAssert.WellFormed(_renderer.Render(ChartExamples.Thermal()));
        Assert.That(SvgAssert.Role(doc, "axis-title").Select(t => t.Value),
            Is.EquivalentTo(new[] { "Temperature (\u00B0C)", "Throughput (FPS)", "Time (s)" }));
        Assert.That(SvgAssert.Role(doc, "y-axis"), Has.Count.EqualTo(1));
        Assert.That(SvgAssert.Role(doc, "y2-axis"), Has.Count.EqualTo(1));
    }

    [Test]
    public void Throttle_windows_are_shaded_over_their_seconds()
    {
        var doc = SvgAssert.WellFormed(_renderer.Render(ChartExamples.Thermal()));
        var windows = SvgAssert.Role(doc, "throttle");
        Assert.That(windows.Select(w => w.Attribute("data-from")!.Value), Is.EqualTo(new[] { "300.0", "480.0" }));
        // The x axis runs 0..600 s, so a 60 s window is a tenth of the plot, and 40 s a fifteenth.
        var axis = SvgAssert.Role(doc, "x-axis").Single().Elements(SvgAssert.Svg + "line").Where(l => l.Attribute("y1")!.Value == l.Attribute("y2")!.Value).Single();
        var plotWidth = SvgAssert.Number(axis, "x2") - SvgAssert.Number(axis, "x1");
        Assert.That(SvgAssert.Number(windows[0], "width"), Is.EqualTo(plotWidth / 10).Within(0.1));
        Assert.That(SvgAssert.Number(windows[1], "width"), Is.EqualTo(plotWidth / 15).Within(0.1));
        Assert.That(SvgAssert.Number(windows[0], "x"), Is.EqualTo(SvgAssert.Number(axis, "x1") + plotWidth / 2).Within(0.1));
    }

    [Test]
    public void The_limit_line_is_drawn_and_labelled()
    {
        var doc = SvgAssert.WellFormed(_renderer.Render(ChartExamples.Thermal()));
        var limit = SvgAssert.Role(doc, "limit").Single();
        Assert.That(limit.Attribute("data-value")!.Value, Is.EqualTo("85"));
        Assert.That(limit.Value, Is.EqualTo("abort above 85 \u00B0C"));
        var ticks = SvgAssert.Role(doc, "y-axis").Single().Elements(SvgAssert.Svg + "text").Where(t => t.Attribute("data-tick") is not null).ToList();
        // Each tick label follows its tick mark.
        double TickY(string label) => SvgAssert.Number((XElement)ticks.Single(t => t.Value == label).PreviousNode!, "y1");
        var y = SvgAssert.Number(limit.Element(SvgAssert.Svg + "line")!, "y1");
        Assert.That(y, Is.EqualTo((TickY("80") + TickY("90")) / 2).Within(0.1), "85 lies midway between the 80 and 90 ticks");
    }

    [Test]
    public void A_NaN_sample_breaks_its_trace()
    {
        var doc = SvgAssert.WellFormed(_renderer.Render(ChartExamples.Thermal()));
        var fps = SvgAssert.Role(doc, "throughput").Single().Element(SvgAssert.Svg + "path")!.Attribute("d")!.Value;
        var temperature = SvgAssert.Role(doc, "temperature").Single().Element(SvgAssert.Svg + "path")!.Attribute("d")!.Value;
        Assert.That(fps.Count(c => c == 'M'), Is.EqualTo(2));
        Assert.That(temperature.Count(c => c == 'M'), Is.EqualTo(1));
    }

    [Test]
    public void A_trace_of_throughput_alone_has_only_the_right_axis_and_single_samples_show_as_dots()
    {
        var chart = new ThermalTraceChart("FPS only", [], [new TracePoint(0, 850), new TracePoint(5, double.NaN), new TracePoint(10, 845)]);
        var doc = SvgAssert.WellFormed(_renderer.Render(chart));
        Assert.That(SvgAssert.Role(doc, "y-axis"), Is.Empty);
        Assert.That(SvgAssert.Role(doc, "y2-axis"), Has.Count.EqualTo(1));
        Assert.That(SvgAssert.Role(doc, "throughput").Single().Elements(SvgAssert.Svg + "circle").ToList(), Has.Count.EqualTo(2));
    }

    [Test]
    public void No_samples_render_a_no_data_frame()
    {
        var doc = SvgAssert.WellFormed(_renderer.Render(new ThermalTraceChart("None", [], [new TracePoint(1, double.NaN)])));
        Assert.That(SvgAssert.Role(doc, "no-data"), Has.Count.EqualTo(1));
    }

    [Test]
    public void Titles_and_labels_are_escaped_text_never_markup()
    {
        var chart = new ThermalTraceChart("<script>alert(1)</script>", [new TracePoint(0, 50)], [new TracePoint(0, 800)],
            TemperatureLimit: 85, LimitLabel: "a & b <limit>", ThroughputUnit: "<fps>");
        var svg = _renderer.Render(chart);
        var doc = SvgAssert.WellFormed(svg);
        Assert.That(svg, Does.Not.Contain("<script").And.Not.Contain("<fps>"));
        Assert.That(SvgAssert.Texts(doc), Does.Contain("Throughput (<fps>)").And.Contain("a & b <limit> 85 \u00B0C"));
    }

    [Test]
    public void A_window_that_ends_before_it_starts_is_refused() =>
        Assert.That(() => _renderer.Render(ChartExamples.Thermal() with { ThrottleWindows = [new TimeWindow(30, 20)] }), Throws.ArgumentException);

    [Test]
    public void The_same_chart_renders_byte_identically() =>
        Assert.That(_renderer.Render(ChartExamples.Thermal()), Is.EqualTo(new SvgChartRenderer().Render(ChartExamples.Thermal())));
}
