using PerfLab.Reports.Presentation;
using ScottPlot;

namespace PerfLab.Reports.Charts;

/// <summary>Draws a <see cref="ThermalTraceChart"/>: seconds along x, chip temperature on the left axis, throughput on the right.</summary>
internal static class ThermalTracePlot
{
    public static ChartImage Draw(ThermalTraceChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        foreach (var w in chart.ThrottleWindows ?? [])
        {
            if (!(w.ToSeconds >= w.FromSeconds)) throw new ArgumentException($"Throttle window {SvgText.Value(w.FromSeconds)}–{SvgText.Value(w.ToSeconds)} s ends before it starts.");
        }
        var throughputTitle = SvgText.WithUnit("Throughput", chart.ThroughputUnit);
        var temps = chart.Temperature.Where(p => double.IsFinite(p.Value) && double.IsFinite(p.Seconds)).ToList();
        var rates = chart.Throughput.Where(p => double.IsFinite(p.Value) && double.IsFinite(p.Seconds)).ToList();
        if (temps.Count == 0 && rates.Count == 0) return PlotStyle.NoData(chart.Title, "Thermal trace");

        var plot = PlotStyle.New(chart.Title, "Time (s)", "Chip temperature (\u00B0C)");
        foreach (var w in chart.ThrottleWindows ?? [])
        {
            var span = plot.Add.HorizontalSpan(w.FromSeconds, w.ToSeconds);
            span.FillStyle.Color = PlotStyle.Hex(ChartPalette.Shade).WithAlpha(0.25);
            span.LineStyle.Width = 0;
            span.LegendText = w == chart.ThrottleWindows![0] ? "throttling" : "";
        }
        var shown = false;
        foreach (var (x, y) in PlotStyle.Segments(chart.Temperature.Select(p => p.Seconds).ToList(), chart.Temperature.Select(p => p.Value).ToList()))
        {
            var line = plot.Add.Scatter(x, y, PlotStyle.Hex(ChartPalette.Vermillion));
            line.LineWidth = 2;
            line.MarkerSize = x.Length > 60 ? 0 : 5;
            line.LegendText = shown ? "" : "chip temperature (\u00B0C, left)";
            shown = true;
        }
        if (chart.TemperatureLimit is { } limit)
        {
            var line = plot.Add.HorizontalLine(limit, 1.5f, PlotStyle.Hex(ChartPalette.Regression), LinePattern.Dashed);
            line.LegendText = $"{chart.LimitLabel} {SvgText.Setting(limit)} \u00B0C";
        }
        var right = plot.Axes.Right;
        right.Label.Text = throughputTitle;
        right.Label.FontSize = PlotStyle.LabelSize;
        right.Label.Bold = false;
        shown = false;
        foreach (var (x, y) in PlotStyle.Segments(chart.Throughput.Select(p => p.Seconds).ToList(), chart.Throughput.Select(p => p.Value).ToList()))
        {
            var line = plot.Add.Scatter(x, y, PlotStyle.Hex(ChartPalette.Blue));
            line.Axes.YAxis = right;
            line.LineWidth = 2;
            line.MarkerSize = x.Length > 60 ? 0 : 5;
            line.LegendText = shown ? "" : $"throughput ({chart.ThroughputUnit}, right)";
            shown = true;
        }

        var tempValues = temps.Select(p => p.Value).Concat(chart.TemperatureLimit is { } l ? [l] : []).ToList();
        if (tempValues.Count > 0)
        {
            var (lo, hi) = (tempValues.Min(), tempValues.Max());
            var pad = hi > lo ? (hi - lo) * 0.1 : 2;
            plot.Axes.SetLimitsY(lo - pad, hi + pad, plot.Axes.Left);
        }
        // Throughput is a rate: its axis starts at zero so a drop looks as large as it is.
        var topRate = rates.Count > 0 ? rates.Max(p => p.Value) : 1;
        plot.Axes.SetLimitsY(0, topRate > 0 ? topRate * 1.1 : 1, right);
        var seconds = temps.Concat(rates).Select(p => p.Seconds).ToList();
        var (x0, x1) = (seconds.Min(), seconds.Max());
        plot.Axes.SetLimitsX(x0, x1 > x0 ? x1 : x0 + 1);
        PlotStyle.Legend(plot);
        return new ChartImage(plot, PlotStyle.Width, PlotStyle.Height, chart.Title, Describe(chart, temps, rates));
    }

    private static string Describe(ThermalTraceChart chart, IReadOnlyList<TracePoint> temps, IReadOnlyList<TracePoint> rates)
    {
        var parts = new List<string> { "Line chart over time (s)" };
        if (temps.Count > 0) parts.Add($"chip temperature (left axis) {SvgText.Value(temps.Min(p => p.Value))}–{SvgText.Value(temps.Max(p => p.Value))} \u00B0C over {temps.Count} sample(s)");
        if (rates.Count > 0) parts.Add($"throughput (right axis, from zero) {SvgText.Value(rates.Min(p => p.Value))}–{SvgText.Value(rates.Max(p => p.Value))} {chart.ThroughputUnit}");
        if (chart.TemperatureLimit is { } limit) parts.Add($"dashed line: {chart.LimitLabel} {SvgText.Setting(limit)} \u00B0C");
        if (chart.ThrottleWindows is { Count: > 0 } w) parts.Add($"{w.Count} throttling window(s) shaded");
        return string.Join("; ", parts) + ".";
    }
}
