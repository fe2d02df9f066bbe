using PerfLab.Reports.Presentation;

namespace PerfLab.Reports.Charts;

/// <summary>Draws a <see cref="DeviceComparisonChart"/>: grouped bars from zero, one group per device, whiskers for intervals.</summary>
internal static class DeviceComparisonChartSvg
{
    /// <summary>The widest a device name may print on one line before it wraps (three lines at most).</summary>
    private const double MaxNameWidth = 250;
    private const double NameFont = 12;
    private const double NameLine = 14;
    private const double BarThickness = 16;

    private sealed record Bar(int Device, int Series, BarValue Value);

    public static string Render(DeviceComparisonChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        if (chart.Series.Count is 0 or > DeviceComparisonChart.MaxSeries)
            throw new ArgumentException($"A device comparison needs 1 to {DeviceComparisonChart.MaxSeries} series, got {chart.Series.Count}.");
        var bars = new List<Bar>();
        for (var d = 0; d < chart.Devices.Count; d++)
        {
            var row = chart.Devices[d];
            if (row.Values.Count != chart.Series.Count)
                throw new ArgumentException($"Device '{row.Device}' has {row.Values.Count} values for {chart.Series.Count} series.");
            for (var s = 0; s < row.Values.Count; s++)
            {
                if (row.Values[s] is not { } v || !double.IsFinite(v.Value)) continue;
                if (v.Low is { } lo && v.High is { } hi && lo > hi)
                    throw new ArgumentException($"Device '{row.Device}', series '{chart.Series[s]}': interval low {SvgText.Value(lo)} is above high {SvgText.Value(hi)}.");
                bars.Add(new Bar(d, s, v));
            }
        }
        var axisTitle = SvgText.WithUnit(chart.ValueLabel, chart.Unit);
        if (bars.Count == 0) return ChartFrame.NoData(chart.Title, $"{axisTitle} by device");

        var values = bars.SelectMany(b => new[] { b.Value.Value, b.Value.Low ?? double.NaN, b.Value.High ?? double.NaN });
        var ticks = ChartFrame.TicksOver(values, 7, includeZero: true);
        var legend = chart.Series.Select((s, i) => new LegendEntry(s, LegendSwatch.Bar, ChartPalette.Series[i])).ToList();
        var description = Describe(chart, axisTitle, bars);
        return chart.Orientation == BarOrientation.Horizontal
            ? Horizontal(chart, bars, ticks, legend, axisTitle, description)
            : Vertical(chart, bars, ticks, legend, axisTitle, description);
    }

    private static string Horizontal(DeviceComparisonChart chart, List<Bar> bars, NiceTicks ticks, List<LegendEntry> legend, string axisTitle, string description)
    {
        var n = chart.Series.Count;
        var room = LabelFit.Room(chart.Devices.Select(d => d.Device), NameFont, MaxNameWidth);
        var names = chart.Devices.Select(d => LabelFit.Fit(d.Device, room, NameFont, maxLines: 3)).ToList();
        var nameWidth = names.Max(name => name.Width(NameFont));
        var lines = names.Max(name => name.Lines.Count);
        var slot = Math.Max(n * BarThickness + (n - 1) * 2 + 14, lines * NameLine + 8);
        var valueWidth = bars.Max(b => SvgText.EstimateWidth(SvgText.Value(b.Value.Value), ChartFrame.TickFont));
        var left = ChartFrame.Margin + nameWidth + 10;
        var right = ChartFrame.Width - ChartFrame.Margin - valueWidth - 8;

        // The height follows the number of devices and the legend's rows, so lay out before opening the document.
        var top = ChartFrame.LegendBottom(legend, ChartFrame.Margin, 36) + 8;
        var plot = new PlotArea(left, top, right - left, slot * chart.Devices.Count);
        var svg = new SvgDocument(ChartFrame.Width, plot.Bottom + 52, chart.Title, description);
        ChartFrame.Title(svg, chart.Title);
        ChartFrame.Legend(svg, legend, ChartFrame.Margin, 36);
        ChartFrame.HorizontalAxis(svg, ticks, plot, axisTitle);
        var x = LinearScale.Horizontal(ticks, plot);
        var rows = new BandScale(chart.Devices.Count, plot.Top, plot.Height);

        svg.Open("g", ("data-role", "device-labels"), ("font-size", NameFont), ("text-anchor", "end"));
        for (var d = 0; d < names.Count; d++)
        {
            var name = names[d];
            var first = rows.Center(d) + 4 - (name.Lines.Count - 1) * NameLine / 2;
            svg.Open("g", ("data-role", "device-label"), ("data-device", chart.Devices[d].Device));
            svg.Leaf("title", chart.Devices[d].Device);
            for (var l = 0; l < name.Lines.Count; l++) svg.Text(plot.Left - 8, first + l * NameLine, name.Lines[l]);
            svg.Close();
            if (chart.Devices[d].Note is { } note && !bars.Any(b => b.Device == d))
                svg.Text(plot.Left + 6, rows.Center(d) + 4, note, ("text-anchor", "start"), ("fill", ChartPalette.Regression), ("font-size", ChartFrame.TickFont), ("data-role", "device-note"));
        }
        svg.Close();
        ZeroLine(svg, x.Map(0), plot, vertical: true);

        svg.Open("g", ("data-role", "bars"));
        foreach (var bar in bars)
        {
            var centre = rows.Center(bar.Device) - (n * BarThickness + (n - 1) * 2) / 2 + bar.Series * (BarThickness + 2) + BarThickness / 2;
            var (x0, x1) = (x.Map(0), x.Map(bar.Value.Value));
            OpenBar(svg, chart, bar, ("x", Math.Min(x0, x1)), ("y", centre - BarThickness / 2), ("width", Math.Max(0.5, Math.Abs(x1 - x0))), ("height", BarThickness));
            var end = x1;
            if (bar.Value.Low is { } lo && bar.Value.High is { } hi)
            {
                var (wl, wh) = (x.Map(lo), x.Map(hi));
                svg.Empty("path", ("d", $"M{SvgText.Coordinate(wl)} {SvgText.Coordinate(centre)} H{SvgText.Coordinate(wh)} " +
                    $"M{SvgText.Coordinate(wl)} {SvgText.Coordinate(centre - 5)} v10 M{SvgText.Coordinate(wh)} {SvgText.Coordinate(centre - 5)} v10"),
                    ("stroke", ChartPalette.Text), ("stroke-width", 1.2), ("fill", "none"), ("data-role", "interval"));
                end = bar.Value.Value >= 0 ? Math.Max(end, wh) : Math.Min(end, wl);
            }
            var positive = bar.Value.Value >= 0;
            svg.Text(end + (positive ? 5 : -5), centre + 4, SvgText.Value(bar.Value.Value),
                ("text-anchor", positive ? "start" : "end"), ("font-size", ChartFrame.TickFont), ("fill", ChartPalette.Text));
            svg.Close();
        }
        svg.Close();
        return svg.Finish();
    }

    private static string Vertical(DeviceComparisonChart chart, List<Bar> bars, NiceTicks ticks, List<LegendEntry> legend, string axisTitle, string description)
    {
        var n = chart.Series.Count;
        var svg = new SvgDocument(ChartFrame.Width, ChartFrame.Height, chart.Title, description);
        ChartFrame.Title(svg, chart.Title);
        var left = ChartFrame.Margin + 20 + ChartFrame.TickLabelWidth(ticks) + 8;
        var top = ChartFrame.Legend(svg, legend, left, 36) + 12;
        var plot = new PlotArea(left, top, ChartFrame.Width - ChartFrame.Margin - 8 - left, ChartFrame.Height - 52 - top);
        ChartFrame.VerticalAxis(svg, ticks, plot, right: false, axisTitle, ChartPalette.MutedText, grid: true);
        var y = LinearScale.Vertical(ticks, plot);
        var columns = new BandScale(chart.Devices.Count, plot.Left, plot.Width);

        // Every bar needs its device's name, so names that would touch alternate between two rows;
        // only when even that does not fit are names thinned out.
        var names = chart.Devices.Select(d => SvgText.Truncate(Identifiers.Shorten(d.Device), 20)).ToList();
        var stride = LabelThinning.Stride(names.Count, columns.Slot, names.Max(name => SvgText.EstimateWidth(name, ChartFrame.TickFont)));
        var staggered = stride == 2;
        var shown = staggered ? Enumerable.Range(0, names.Count).ToList() : LabelThinning.Shown(names.Count, stride);
        svg.Open("g", ("data-role", "device-labels"), ("font-size", ChartFrame.TickFont), ("text-anchor", "middle"), ("fill", ChartPalette.MutedText));
        foreach (var d in shown)
        {
            var below = staggered && (names.Count - 1 - d) % 2 == 1 ? 14 : 0;
            svg.Open("g", ("data-role", "device-label"), ("data-device", chart.Devices[d].Device));
            svg.Leaf("title", chart.Devices[d].Device);
            svg.Text(ChartFrame.InsideChart(columns.Center(d), SvgText.EstimateWidth(names[d], ChartFrame.TickFont)), plot.Bottom + 17 + below, names[d]);
            svg.Close();
        }
        svg.Close();
        svg.Empty("line", ("x1", plot.Left), ("y1", plot.Bottom), ("x2", plot.Right), ("y2", plot.Bottom), ("stroke", ChartPalette.Axis));
        ZeroLine(svg, y.Map(0), plot, vertical: false);

        var group = columns.Slot * 0.7;
        var barWidth = group / n;
        svg.Open("g", ("data-role", "bars"));
        foreach (var bar in bars)
        {
            var centre = columns.Center(bar.Device) - group / 2 + (bar.Series + 0.5) * barWidth;
            var (y0, y1) = (y.Map(0), y.Map(bar.Value.Value));
            OpenBar(svg, chart, bar, ("x", centre - barWidth * 0.45), ("y", Math.Min(y0, y1)), ("width", barWidth * 0.9), ("height", Math.Max(0.5, Math.Abs(y1 - y0))));
            if (bar.Value.Low is { } lo && bar.Value.High is { } hi)
            {
                var (wl, wh) = (y.Map(lo), y.Map(hi));
                var cap = Math.Min(10, barWidth * 0.5);
                svg.Empty("path", ("d", $"M{SvgText.Coordinate(centre)} {SvgText.Coordinate(wl)} V{SvgText.Coordinate(wh)} " +
                    $"M{SvgText.Coordinate(centre - cap / 2)} {SvgText.Coordinate(wl)} h{SvgText.Coordinate(cap)} M{SvgText.Coordinate(centre - cap / 2)} {SvgText.Coordinate(wh)} h{SvgText.Coordinate(cap)}"),
                    ("stroke", ChartPalette.Text), ("stroke-width", 1.2), ("fill", "none"), ("data-role", "interval"));
            }
            svg.Close();
        }
        svg.Close();
        return svg.Finish();
    }

    private static void OpenBar(SvgDocument svg, DeviceComparisonChart chart, Bar bar, params (string, object?)[] geometry)
    {
        var device = chart.Devices[bar.Device].Device;
        var series = chart.Series[bar.Series];
        svg.Open("g", ("data-role", "bar"), ("data-device", device), ("data-series", series), ("data-value", SvgText.Value(bar.Value.Value)));
        svg.Leaf("title", $"{device}, {series}: {SvgText.Value(bar.Value.Value)} {chart.Unit}{Interval(bar.Value)}".Replace("  ", " "));
        svg.Empty("rect", [.. geometry, ("fill", ChartPalette.Series[bar.Series])]);
    }

    private static void ZeroLine(SvgDocument svg, double at, PlotArea plot, bool vertical)
    {
        if (vertical) svg.Empty("line", ("x1", at), ("y1", plot.Top), ("x2", at), ("y2", plot.Bottom), ("stroke", ChartPalette.Axis), ("stroke-width", 1.0));
        else svg.Empty("line", ("x1", plot.Left), ("y1", at), ("x2", plot.Right), ("y2", at), ("stroke", ChartPalette.Axis), ("stroke-width", 1.0));
    }

    private static string Interval(BarValue v) =>
        v.Low is { } lo && v.High is { } hi ? $" (interval {SvgText.Value(lo)} to {SvgText.Value(hi)})" : "";

    private static string Describe(DeviceComparisonChart chart, string axisTitle, IEnumerable<Bar> bars)
    {
        var parts = bars.Select(b => $"{chart.Devices[b.Device].Device}{(chart.Series.Count > 1 ? " " + chart.Series[b.Series] : "")} {SvgText.Value(b.Value.Value)}{Interval(b.Value)}");
        return $"{axisTitle} by device ({string.Join(", ", chart.Series)}): {string.Join("; ", parts)}.";
    }
}
