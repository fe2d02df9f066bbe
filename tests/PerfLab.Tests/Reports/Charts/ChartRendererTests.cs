using NUnit.Framework;
using PerfLab.Harness.Analysis;
using PerfLab.Reports.Charts;

namespace PerfLab.Tests.Reports.Charts;

/// <summary>The ScottPlot charts: what each kind shows (title, axis labels with units, legend), that data is text and never markup,
/// that PNGs are drawn, and that the same chart gives the same bytes.</summary>
public class ChartRendererTests
{
    private readonly IChartRenderer _renderer = new ScottPlotChartRenderer();

    [Test]
    public void A_trend_has_its_title_axis_labels_with_units_and_a_legend_entry_per_layer()
    {
        var image = _renderer.Render(ChartExamples.Trend() with { Threshold = new ThresholdBand(830, 880, "gate threshold \u00B12.9%") });
        var texts = SvgAssert.Texts(SvgAssert.WellFormed(image));
        Assert.That(texts, Does.Contain("Hailo-10H throughput per build (synthetic sample)"));
        Assert.That(texts, Does.Contain("build").And.Contain("Throughput (FPS)"));
        Assert.That(texts, Does.Contain("median").And.Contain("min–max").And.Contain("baseline interval").And.Contain("gate threshold \u00B12.9%")
            .And.Contain("change point (regression)").And.Contain("change point (improvement)"));
        Assert.That(texts, Does.Contain("\u22127.6%").And.Contain("+8.9%"), "change markers carry their step");
        Assert.That(texts, Does.Contain("b1").And.Contain("b20"));
        Assert.That(image.Description, Does.Contain("b12 (\u22127.6%, regression)").And.Contain("20 build(s)"));
    }

    [Test]
    public void A_throughput_drop_starts_the_axis_at_zero_and_small_noise_gets_a_percentage_scale()
    {
        var drop = Enumerable.Range(1, 8).Select(i => new TrendPoint($"b{i}", i < 5 ? 100 : 60)).ToList();
        Assert.That(_renderer.Render(new TrendChart("t", "Throughput", "FPS", drop, ThroughputLike: true)).Description, Does.Contain("starts at zero"));
        Assert.That(_renderer.Render(new TrendChart("t", "Latency", "ms", drop)).Description, Does.Contain("spans the data"));

        var noise = Enumerable.Range(1, 8).Select(i => new TrendPoint($"b{i}", 100 + i % 3)).ToList();
        var image = _renderer.Render(new TrendChart("t", "Throughput", "FPS", noise, ThroughputLike: true));
        Assert.That(image.Description, Does.Contain("does not start at zero"));
        var texts = SvgAssert.Texts(SvgAssert.WellFormed(image));
        Assert.That(texts, Does.Contain("change vs build b1 (%)"));
        Assert.That(texts.Any(t => t.EndsWith(" %", StringComparison.Ordinal)), Is.True, "percentage ticks");
    }

    [Test]
    public void A_thermal_trace_has_two_value_axes_a_time_axis_and_says_its_limit_once()
    {
        var image = _renderer.Render(ChartExamples.Thermal());
        var texts = SvgAssert.Texts(SvgAssert.WellFormed(image));
        Assert.That(texts, Does.Contain("Time (s)").And.Contain("Chip temperature (\u00B0C)").And.Contain("Throughput (FPS)"));
        Assert.That(texts.Count(t => t == "abort above 85 \u00B0C"), Is.EqualTo(1));
        Assert.That(texts, Does.Contain("throttling"));
        Assert.That(image.Description, Does.Contain("2 throttling window(s)"));
        Assert.That(SvgAssert.HasColour(image.Png, ChartPalette.Vermillion), Is.True, "the temperature trace is drawn");
        Assert.That(SvgAssert.HasColour(image.Png, ChartPalette.Blue), Is.True, "the throughput trace is drawn");
    }

    [TestCase(BarOrientation.Horizontal)]
    [TestCase(BarOrientation.Vertical)]
    public void A_device_comparison_names_every_device_and_series(BarOrientation orientation)
    {
        var chart = ChartExamples.HydraDecode(orientation);
        var image = _renderer.Render(chart);
        var texts = SvgAssert.Texts(SvgAssert.WellFormed(image));
        Assert.That(texts, Does.Contain("Decode time per iteration (ms)"));
        Assert.That(texts, Does.Contain("package smoke").And.Contain("HF benchmark mean"));
        Assert.That(texts, Is.SupersetOf(chart.Devices.Select(d => d.Device)));
        Assert.That(image.Description, Does.Contain("highest 0.3230 on RTX A6000 (builder smoke)"));
        Assert.That(SvgAssert.HasColour(image.Png, ChartPalette.Series[0]) && SvgAssert.HasColour(image.Png, ChartPalette.Series[1]), Is.True);
    }

    [Test]
    public void A_device_without_a_figure_keeps_its_row_and_says_why()
    {
        var chart = new DeviceComparisonChart("d", "Decode time", "ms", ["a"],
        [
            new DeviceRow("NVIDIA A100-SXM4-80GB (cuda-emu:GPU-e0000000-0000-4000-8000-000000000007)", [null], "error: no figure"),
            new DeviceRow("NVIDIA GeForce RTX 3060", [new BarValue(0.25, 0.2, 0.3)]),
        ]);
        var image = _renderer.Render(chart);
        var texts = SvgAssert.Texts(SvgAssert.WellFormed(image));
        Assert.That(texts, Does.Contain("error: no figure"));
        Assert.That(texts.Any(t => t.StartsWith("NVIDIA A100-SXM4-80GB", StringComparison.Ordinal)), Is.True);
        Assert.That(image.Description, Does.Contain("no figure: NVIDIA A100-SXM4-80GB"));
    }

    [Test]
    public void Strings_from_data_are_escaped_text_never_markup()
    {
        const string hostile = "<script>alert(1)</script>\"&'";
        var images = new[]
        {
            _renderer.Render(new TrendChart(hostile, hostile, "<b>", [new TrendPoint(hostile, 1), new TrendPoint("b2", 2)],
                ChangePoints: [new ChangeMarker("b2", 100, ChangeDirection.Improvement)])),
            _renderer.Render(new DeviceComparisonChart(hostile, "x", "ms", [hostile], [new DeviceRow(hostile, [new BarValue(1)]), new DeviceRow("b", [null], hostile)])),
            _renderer.Render(ChartExamples.Thermal() with { Title = hostile, LimitLabel = hostile }),
        };
        foreach (var image in images)
        {
            var doc = SvgAssert.WellFormed(image);
            Assert.That(image.Svg, Does.Not.Contain("<script").And.Not.Contain("<b>"));
            Assert.That(SvgAssert.Texts(doc).Any(t => t.Contains("<script>alert(1)</script>", StringComparison.Ordinal)), Is.True, "the text survives, escaped");
        }
    }

    [Test]
    public void Every_kind_draws_a_png_of_the_svg_size_with_ink()
    {
        foreach (var image in new[] { _renderer.Render(ChartExamples.Trend()), _renderer.Render(ChartExamples.HydraDecode()), _renderer.Render(ChartExamples.Thermal()) })
        {
            var width = int.Parse(SvgAssert.WellFormed(image).Root!.Attribute("width")!.Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.That(width, Is.EqualTo(800));
            Assert.That(SvgAssert.Ink(image.Png, width), Is.GreaterThan(0.02).And.LessThan(0.6), image.Title);
        }
    }

    [Test]
    public void The_same_chart_drawn_twice_gives_the_same_bytes_and_two_charts_share_no_id()
    {
        var first = new ScottPlotChartRenderer();
        var second = new ScottPlotChartRenderer();
        var a = first.Render(ChartExamples.Trend());
        _ = first.Render(ChartExamples.Thermal()).Svg; // ScottPlot's id counter moves on between the two renders
        var b = second.Render(ChartExamples.Trend());
        Assert.That(b.Svg, Is.EqualTo(a.Svg));
        Assert.That(b.Png, Is.EqualTo(a.Png));

        var ids = new[] { a, first.Render(ChartExamples.Thermal()), first.Render(ChartExamples.HydraDecode()) }
            .SelectMany(i => SvgAssert.WellFormed(i).Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>()).ToList();
        Assert.That(ids, Is.Not.Empty.And.Unique, "charts inlined into one page never share an id");
    }

    [Test]
    public void Charts_drawn_on_many_threads_equal_charts_drawn_on_one()
    {
        var charts = Enumerable.Range(0, 12).Select(i => ChartExamples.Trend() with { Title = $"chart {i}" }).ToList();
        var serial = charts.Select(c => _renderer.Render(c).Svg).ToList();
        var parallel = new string[charts.Count];
        Parallel.For(0, charts.Count, i => parallel[i] = _renderer.Render(charts[i]).Svg);
        Assert.That(parallel, Is.EqualTo(serial));
    }

    [TestCase(0)]
    [TestCase(3)]
    public void No_finite_data_draws_a_no_data_chart(int nanPoints)
    {
        var image = _renderer.Render(new TrendChart("Nothing yet", "Throughput", "FPS", Enumerable.Range(1, nanPoints).Select(i => new TrendPoint($"b{i}", double.NaN)).ToList()));
        Assert.That(SvgAssert.Texts(SvgAssert.WellFormed(image)), Does.Contain("no data").And.Contain("Nothing yet"));
        Assert.That(image.Description, Does.Contain("no data"));
    }

    [Test]
    public void A_NaN_median_breaks_the_line_and_the_chart_still_draws()
    {
        var image = _renderer.Render(new TrendChart("gaps", "Shift", "%", [new("b1", -2.5), new("b2", -1.1), new("b3", double.NaN), new("b4", 0.8), new("b5", 1.9)]));
        var doc = SvgAssert.WellFormed(image);
        Assert.That(SvgAssert.Texts(doc), Does.Contain("b3"), "the build keeps its slot");
        Assert.That(image.Description, Does.Contain("from \u22122.5").Or.Contain("from -2.5"));
    }

    [Test]
    public void Many_builds_thin_their_labels_and_always_show_the_newest()
    {
        var many = Enumerable.Range(1, 150).Select(i => new TrendPoint($"2026.06.{i:000}", 100 + i % 7)).ToList();
        var texts = SvgAssert.Texts(SvgAssert.WellFormed(_renderer.Render(new TrendChart("many", "Latency", "ms", many))));
        var builds = texts.Where(t => t.StartsWith("2026.06.", StringComparison.Ordinal)).ToList();
        Assert.That(builds, Has.Count.LessThanOrEqualTo(24).And.Count.GreaterThan(5));
        Assert.That(builds, Does.Contain("2026.06.150"));
    }

    [Test]
    public void Bad_shapes_are_refused_with_the_culprit_named()
    {
        var unknown = ChartExamples.Trend() with { ChangePoints = [new ChangeMarker("b99", 1, ChangeDirection.Regression)] };
        Assert.That(() => _renderer.Render(unknown), Throws.ArgumentException.With.Message.Contains("b99"));
        var reversed = new TrendChart("r", "x", "ms", [new("b7", 5, 6, 4)], WhiskerKind.MinMax);
        Assert.That(() => _renderer.Render(reversed), Throws.ArgumentException.With.Message.Contains("b7"));
        var mismatch = new DeviceComparisonChart("m", "x", "ms", ["a", "b"], [new DeviceRow("RTX 3060", [new BarValue(1)])]);
        Assert.That(() => _renderer.Render(mismatch), Throws.ArgumentException.With.Message.Contains("RTX 3060").And.Message.Contains("2 series"));
        var window = ChartExamples.Thermal() with { ThrottleWindows = [new TimeWindow(30, 20)] };
        Assert.That(() => _renderer.Render(window), Throws.ArgumentException);
    }

    [Test]
    public void A_change_marker_comes_from_a_detected_change_point()
    {
        var marker = ChangeMarker.From(new ChangePoint(11, "b11", "b12", 855, 790, -7.6, 9.0, ChangeDirection.Regression));
        Assert.That(marker, Is.EqualTo(new ChangeMarker("b12", -7.6, ChangeDirection.Regression)));
    }
}
