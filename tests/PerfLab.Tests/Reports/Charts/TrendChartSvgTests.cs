using System.Xml.Linq;
using NUnit.Framework;
using PerfLab.Harness.Analysis;
using PerfLab.Reports.Charts;

namespace PerfLab.Tests.Reports.Charts;

public class TrendChartSvgTests
{
    private readonly IChartRenderer _renderer = new SvgChartRenderer();

    [Test]
    public void A_full_trend_is_well_formed_and_describes_itself()
    {
        var doc = SvgAssert.WellFormed(_renderer.Render(ChartExamples.Trend()));
        var root = doc.Root!;
        Assert.That(root.Element(SvgAssert.Svg + "title")!.Value, Is.EqualTo("Hailo-10H throughput per build (synthetic sample)"));
        Assert.That(root.Element(SvgAssert.Svg + "desc")!.Value, Does.Contain("20 builds").And.Contain("regression of \u22127.6% at b12"));
        Assert.That(SvgAssert.Role(doc, "legend"), Has.Count.EqualTo(1));
        Assert.That(SvgAssert.Role(doc, "baseline-band").Single().Attribute("data-to")!.Value, Is.EqualTo("b11"));
        Assert.That(SvgAssert.Role(doc, "whiskers").Single().Elements().ToList(), Has.Count.EqualTo(20));
    }

    [Test]
    public void The_value_axis_title_carries_the_unit()
    {
        var doc = SvgAssert.WellFormed(_renderer.Render(ChartExamples.Trend()));
        Assert.That(SvgAssert.Role(doc, "axis-title").Select(t => t.Value), Does.Contain("Throughput (FPS)"));
    }

    [Test]
    public void Change_points_sit_on_the_first_build_of_the_new_segment_coloured_by_direction()
    {
        var doc = SvgAssert.WellFormed(_renderer.Render(ChartExamples.Trend()));
        var points = doc.Descendants(SvgAssert.Svg + "circle").Where(c => c.Attribute("data-build") is not null)
            .ToDictionary(c => c.Attribute("data-build")!.Value, c => SvgAssert.Number(c, "cx"));
        var markers = SvgAssert.Role(doc, "change-point");
        Assert.That(markers.Select(m => m.Attribute("data-build")!.Value), Is.EqualTo(new[] { "b12", "b17" }));
        foreach (var marker in markers)
        {
            var build = marker.Attribute("data-build")!.Value;
            var line = marker.Element(SvgAssert.Svg + "line")!;
            Assert.That(SvgAssert.Number(line, "x1"), Is.EqualTo(points[build]).Within(0.051), build);
            Assert.That(SvgAssert.Number(line, "x2"), Is.EqualTo(points[build]).Within(0.051), build);
        }
        Assert.That(markers[0].Element(SvgAssert.Svg + "line")!.Attribute("stroke")!.Value, Is.EqualTo(ChartPalette.Regression));
        Assert.That(markers[1].Element(SvgAssert.Svg + "line")!.Attribute("stroke")!.Value, Is.EqualTo(ChartPalette.Improvement));
        Assert.That(markers[0].Value, Does.Contain("\u22127.6%"));
        Assert.That(markers[1].Attribute("data-direction")!.Value, Is.EqualTo("improvement"));
    }

    [Test]
    public void A_change_point_at_an_unknown_build_is_refused()
    {
        var chart = ChartExamples.Trend() with { ChangePoints = [new ChangeMarker("b99", 5, ChangeDirection.Regression)] };
        Assert.That(() => _renderer.Render(chart), Throws.ArgumentException.With.Message.Contains("b99"));
    }

    [Test]
    public void A_change_marker_comes_from_a_detected_change_point()
    {
        var marker = ChangeMarker.From(new ChangePoint(11, "b11", "b12", 855, 790, -7.6, 9.0, ChangeDirection.Regression));
        Assert.That(marker, Is.EqualTo(new ChangeMarker("b12", -7.6, ChangeDirection.Regression)));
    }

    [Test]
    public void A_single_build_is_drawn_with_its_value_and_an_axis_of_nonzero_height()
    {
        var doc = SvgAssert.WellFormed(_renderer.Render(new TrendChart("One", "Throughput", "FPS", [new TrendPoint("b1", 855.62)])));
        var ticks = TickValues(doc, "y-axis");
        Assert.That(ticks.Count, Is.GreaterThanOrEqualTo(2));
        Assert.That(ticks.Min(), Is.LessThan(855.62));
        Assert.That(ticks.Max(), Is.GreaterThan(855.62));
        Assert.That(SvgAssert.Role(doc, "value-label").Single().Value, Is.EqualTo("855.6 FPS"));
        Assert.That(doc.Descendants(SvgAssert.Svg + "circle").Count(c => c.Attribute("data-build")?.Value == "b1"), Is.EqualTo(1));
    }

    [Test]
    public void Constant_values_still_get_distinct_ticks_around_them()
    {
        var points = Enumerable.Range(1, 5).Select(i => new TrendPoint($"b{i}", 42)).ToList();
        var doc = SvgAssert.WellFormed(_renderer.Render(new TrendChart("Flat", "Latency", "ms", points)));
        var ticks = TickValues(doc, "y-axis");
        Assert.That(ticks.Distinct().Count(), Is.EqualTo(ticks.Count).And.GreaterThanOrEqualTo(2));
        Assert.That(ticks.Min(), Is.LessThan(42));
        Assert.That(ticks.Max(), Is.GreaterThan(42));
    }

    [Test]
    public void Negative_values_get_negative_ticks_and_a_zero_line()
    {
        var doc = SvgAssert.WellFormed(_renderer.Render(new TrendChart("Shift", "Shift", "%",
            [new("b1", -2.5), new("b2", -1.1), new("b3", 1.9)])));
        Assert.That(TickValues(doc, "y-axis").Min(), Is.LessThanOrEqualTo(-2.5));
        Assert.That(SvgAssert.Role(doc, "zero-line"), Has.Count.EqualTo(1));
    }

    [Test]
    public void A_NaN_median_breaks_the_line_and_draws_no_point()
    {
        var doc = SvgAssert.WellFormed(_renderer.Render(new TrendChart("Gap", "Throughput", "FPS",
            [new("b1", 10), new("b2", 11), new("b3", double.NaN), new("b4", 12), new("b5", 13)])));
        var path = SvgAssert.Role(doc, "median-line").Single().Attribute("d")!.Value;
        Assert.That(path.Count(c => c == 'M'), Is.EqualTo(2));
        Assert.That(path, Does.Not.Contain("NaN"));
        Assert.That(doc.Descendants(SvgAssert.Svg + "circle").Select(c => c.Attribute("data-build")?.Value), Does.Not.Contain("b3"));
        Assert.That(SvgAssert.Role(doc, "build-label").Select(l => l.Value), Does.Contain("b3"), "the gap's build stays on the axis");
    }

    [TestCase(0)]
    [TestCase(3)]
    public void No_finite_data_renders_a_no_data_frame(int nanPoints)
    {
        var points = Enumerable.Range(1, nanPoints).Select(i => new TrendPoint($"b{i}", double.NaN)).ToList();
        var doc = SvgAssert.WellFormed(_renderer.Render(new TrendChart("Empty", "Throughput", "FPS", points)));
        Assert.That(SvgAssert.Role(doc, "no-data").Single().Value, Is.EqualTo("no data"));
        Assert.That(doc.Root!.Element(SvgAssert.Svg + "desc")!.Value, Does.Contain("no data"));
    }

    [Test]
    public void Many_builds_thin_their_labels_so_none_overlap_and_the_newest_is_shown()
    {
        var points = Enumerable.Range(1, 200).Select(i => new TrendPoint($"build-{i:000}", 100 + i % 7)).ToList();
        var doc = SvgAssert.WellFormed(_renderer.Render(new TrendChart("Many", "Latency", "ms", points)));
        var labels = SvgAssert.Role(doc, "build-label");
        Assert.That(labels.Count, Is.LessThan(200).And.GreaterThan(3));
        Assert.That(labels[^1].Value, Is.EqualTo("build-200"));
        // Too many for level labels: they are turned 45°, so neighbours need only their line height apart (measured across the slant).
        Assert.That(labels.Select(l => l.Attribute("transform")?.Value), Has.All.StartWith("rotate(-45"));
        var xs = labels.Select(l => SvgAssert.Number(l, "x")).ToList();
        for (var i = 1; i < xs.Count; i++) Assert.That((xs[i] - xs[i - 1]) * Math.Cos(Math.PI / 4), Is.GreaterThanOrEqualTo(11 * 1.2), $"labels {i - 1} and {i} overlap");
        var width = SvgText.EstimateWidth("build-001", 11);
        Assert.That(xs[0] - width * Math.Cos(Math.PI / 4), Is.GreaterThanOrEqualTo(0), "the first turned label starts inside the chart");
        Assert.That(xs[^1], Is.LessThanOrEqualTo(760), "the newest label ends inside the chart");
    }

    [Test]
    public void Few_builds_show_every_label()
    {
        var doc = SvgAssert.WellFormed(_renderer.Render(ChartExamples.Trend()));
        Assert.That(SvgAssert.Role(doc, "build-label"), Has.Count.EqualTo(20));
    }

    [Test]
    public void Strings_from_data_are_escaped_text_never_markup()
    {
        var evil = "<script>alert(1)</script>";
        var chart = new TrendChart($"{evil} & title", "a & b", "<unit>",
            [new TrendPoint(evil, 1), new TrendPoint("a & b\u0001", 2), new TrendPoint("\"quoted\"", 3)],
            Baseline: new BaselineBand(1, 2, evil, "a & b\u0001", "band <b>"),
            ChangePoints: [new ChangeMarker("\"quoted\"", 12, ChangeDirection.Regression)]);
        var svg = _renderer.Render(chart);
        var doc = SvgAssert.WellFormed(svg);
        Assert.That(svg, Does.Not.Contain("<script"));
        Assert.That(doc.Root!.Element(SvgAssert.Svg + "title")!.Value, Is.EqualTo(evil + " & title"));
        Assert.That(SvgAssert.Texts(doc), Does.Contain("a & b (<unit>)").And.Contain("band <b>"));
        var first = SvgAssert.Role(doc, "build-label")[0];
        Assert.That(first.Attribute("data-build")!.Value, Is.EqualTo(evil));
        Assert.That(first.Value, Is.EqualTo("<script>alert(1)</scrip\u2026"), "long build labels are shortened, as text");
        Assert.That(first.Parent!.Element(SvgAssert.Svg + "title")!.Value, Is.EqualTo(evil), "with the full value on hover");
        Assert.That(SvgAssert.Role(doc, "change-point").Single().Attribute("data-build")!.Value, Is.EqualTo("\"quoted\""));
    }

    [Test]
    public void The_same_chart_renders_byte_identically()
    {
        var first = _renderer.Render(ChartExamples.Trend());
        var second = new SvgChartRenderer().Render(ChartExamples.Trend());
        Assert.That(second, Is.EqualTo(first));
        var coordinates = SvgAssert.WellFormed(first).Descendants().SelectMany(e => e.Attributes())
            .Where(a => a.Name.LocalName is "x" or "y" or "cx" or "cy" or "x1" or "x2" or "y1" or "y2" or "width" or "height" or "r").ToList();
        Assert.That(coordinates, Is.Not.Empty);
        Assert.That(coordinates.Select(a => a.Value), Has.All.Match(@"^-?\d+\.\d$"), "coordinates have one fixed decimal");
    }

    [Test]
    public void Reversed_whiskers_are_refused_with_the_build_named()
    {
        var chart = new TrendChart("Bad", "x", "ms", [new TrendPoint("b7", 5, 6, 4)], WhiskerKind.InterQuartile);
        Assert.That(() => _renderer.Render(chart), Throws.ArgumentException.With.Message.Contains("b7"));
    }

    private static List<double> TickValues(XDocument doc, string axis) =>
        SvgAssert.Role(doc, axis).Single().Elements(SvgAssert.Svg + "text").Where(t => t.Attribute("data-tick") is not null)
            .Select(t => double.Parse(t.Attribute("data-tick")!.Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture)).ToList();
}
