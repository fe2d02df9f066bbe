using PerfLab.Harness.Domain;
using PerfLab.Reports.Presentation;

namespace PerfLab.Reports.Charts;

/// <summary>Draws a <see cref="ThermalTraceChart"/>: seconds along x, °C on the left axis, throughput on the right.</summary>
internal static class ThermalTraceChartSvg
{
    private const string TemperatureColour = ChartPalette.Vermillion;
    private const string ThroughputColour = ChartPalette.Blue;

    public static string Render(ThermalTraceChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var temperature = Finite(chart.Temperature);
        var throughput = Finite(chart.Throughput);
        var windows = chart.ThrottleWindows ?? [];
        foreach (var w in windows)
            if (!(w.FromSeconds <= w.ToSeconds))
                throw new ArgumentException($"Throttle window {SvgText.Value(w.FromSeconds)} s to {SvgText.Value(w.ToSeconds)} s ends before it starts.");
        var temperatureTitle = "Temperature (\u00B0C)";
        var throughputTitle = SvgText.WithUnit("Throughput", chart.ThroughputUnit);
        if (temperature.Count == 0 && throughput.Count == 0) return ChartFrame.NoData(chart.Title, "Temperature and throughput over time");

        var svg = new SvgDocument(ChartFrame.Width, ChartFrame.Height, chart.Title, Describe(chart, temperature, throughput, throughputTitle));
        ChartFrame.Title(svg, chart.Title);

        var limit = chart.TemperatureLimit is { } l && double.IsFinite(l) ? l : (double?)null;
        var tTicks = temperature.Count > 0 ? ChartFrame.TicksOver(temperature.Select(p => p.Value).Append(limit ?? double.NaN), 6) : null;
        // A throughput axis starts at zero (there is no room for a second, percentage scale beside two value axes).
        var zeroBased = throughput.Count > 0 && ValueAxis.Plan(throughput.Select(p => p.Value), ValueAxis.IsThroughputLike(chart.ThroughputUnit, Better.Higher), allowBreak: false).Start == AxisStart.Zero;
        var fTicks = throughput.Count > 0 ? ChartFrame.TicksOver(throughput.Select(p => p.Value), 6, includeZero: zeroBased) : null;
        var seconds = temperature.Concat(throughput).Select(p => p.Seconds).ToList();
        var xTicks = AxisTicks.Nice(seconds.Min(), seconds.Max(), 9);

        var left = ChartFrame.Margin + 20 + (tTicks is null ? 24 : ChartFrame.TickLabelWidth(tTicks)) + 8;
        var right = ChartFrame.Width - ChartFrame.Margin - 20 - (fTicks is null ? 24 : ChartFrame.TickLabelWidth(fTicks)) - 8;
        var legend = new List<LegendEntry>();
        if (temperature.Count > 0) legend.Add(new("temperature (\u00B0C)", LegendSwatch.Trace, TemperatureColour));
        if (throughput.Count > 0) legend.Add(new(SvgText.WithUnit("throughput", chart.ThroughputUnit), LegendSwatch.Trace, ThroughputColour));
        if (windows.Count > 0) legend.Add(new("throttled", LegendSwatch.Band, ChartPalette.Shade));
        if (limit is not null && tTicks is not null) legend.Add(new(LimitText(chart, limit.Value), LegendSwatch.DashedLine, ChartPalette.Text));
        var top = ChartFrame.Legend(svg, legend, left, 36) + 12;
        var plot = new PlotArea(left, top, right - left, ChartFrame.Height - 52 - top);
        var x = LinearScale.Horizontal(xTicks, plot);

        ChartFrame.HorizontalAxis(svg, xTicks, plot, "Time (s)");
        if (tTicks is not null) ChartFrame.VerticalAxis(svg, tTicks, plot, right: false, temperatureTitle, TemperatureColour, grid: false);
        if (fTicks is not null) ChartFrame.VerticalAxis(svg, fTicks, plot, right: true, throughputTitle, ThroughputColour, grid: false);

        foreach (var w in windows)
        {
            var x0 = Math.Clamp(x.Map(w.FromSeconds), plot.Left, plot.Right);
            var x1 = Math.Clamp(x.Map(w.ToSeconds), plot.Left, plot.Right);
            svg.Empty("rect", ("x", x0), ("y", plot.Top), ("width", Math.Max(1, x1 - x0)), ("height", plot.Height),
                ("fill", ChartPalette.Shade), ("fill-opacity", "0.25"), ("data-role", "throttle"),
                ("data-from", SvgText.Value(w.FromSeconds)), ("data-to", SvgText.Value(w.ToSeconds)));
        }

        if (limit is { } lim && tTicks is not null)
        {
            var ly = LinearScale.Vertical(tTicks, plot).Map(lim);
            svg.Open("g", ("data-role", "limit"), ("data-value", SvgText.Setting(lim)));
            svg.Empty("line", ("x1", plot.Left), ("y1", ly), ("x2", plot.Right), ("y2", ly), ("stroke", ChartPalette.Text), ("stroke-width", 1.2), ("stroke-dasharray", "6 4"));
            svg.Text(plot.Right - 6, ly - 5, LimitText(chart, lim), [("text-anchor", "end"), ("font-size", ChartFrame.TickFont), ("fill", ChartPalette.Text), .. ChartFrame.Halo]);
            svg.Close();
        }

        if (tTicks is not null) Trace(svg, chart.Temperature, x, LinearScale.Vertical(tTicks, plot), TemperatureColour, "temperature");
        if (fTicks is not null) Trace(svg, chart.Throughput, x, LinearScale.Vertical(fTicks, plot), ThroughputColour, "throughput");
        return svg.Finish();
    }

    private static void Trace(SvgDocument svg, IReadOnlyList<TracePoint> points, LinearScale x, LinearScale y, string colour, string role)
    {
        var ordered = points.Where(p => double.IsFinite(p.Seconds)).OrderBy(p => p.Seconds).ToList();
        svg.Open("g", ("data-role", role));
        svg.BrokenLine(ordered.Select(p => (x.Map(p.Seconds), double.IsFinite(p.Value) ? y.Map(p.Value) : double.NaN)),
            ("stroke", colour), ("stroke-width", 2.0), ("stroke-linejoin", "round"));
        // A sample with no finite neighbour draws no line segment, so it gets a dot instead of vanishing.
        for (var i = 0; i < ordered.Count; i++)
        {
            if (!double.IsFinite(ordered[i].Value)) continue;
            var before = i > 0 && double.IsFinite(ordered[i - 1].Value);
            var after = i + 1 < ordered.Count && double.IsFinite(ordered[i + 1].Value);
            if (!before && !after) svg.Empty("circle", ("cx", x.Map(ordered[i].Seconds)), ("cy", y.Map(ordered[i].Value)), ("r", 3.0), ("fill", colour));
        }
        svg.Close();
    }

    private static string LimitText(ThermalTraceChart chart, double limit) => LegendText.LabelWithValue(chart.LimitLabel, $"{SvgText.Setting(limit)} \u00B0C");

    private static List<TracePoint> Finite(IReadOnlyList<TracePoint> points) =>
        points.Where(p => double.IsFinite(p.Seconds) && double.IsFinite(p.Value)).ToList();

    private static string Describe(ThermalTraceChart chart, List<TracePoint> temperature, List<TracePoint> throughput, string throughputTitle)
    {
        var parts = new List<string>();
        if (temperature.Count > 0)
            parts.Add($"temperature {SvgText.Value(temperature.Min(p => p.Value))} to {SvgText.Value(temperature.Max(p => p.Value))} \u00B0C");
        if (throughput.Count > 0)
            parts.Add($"{throughputTitle} {SvgText.Value(throughput.Min(p => p.Value))} to {SvgText.Value(throughput.Max(p => p.Value))}");
        var all = temperature.Concat(throughput).ToList();
        var text = $"Trace over {SvgText.Value(all.Min(p => p.Seconds))} to {SvgText.Value(all.Max(p => p.Seconds))} s: {string.Join("; ", parts)}.";
        if (chart.ThrottleWindows is { Count: > 0 } w) text += $" Throttled in {w.Count} window{(w.Count == 1 ? "" : "s")}.";
        if (chart.TemperatureLimit is { } l) text += $" {LimitText(chart, l)}.";
        return text;
    }
}
