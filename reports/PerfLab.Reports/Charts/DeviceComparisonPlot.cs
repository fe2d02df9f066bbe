using PerfLab.Reports.Presentation;
using ScottPlot;

namespace PerfLab.Reports.Charts;

/// <summary>Draws a <see cref="DeviceComparisonChart"/>: a group of bars per device, one bar per series, whiskers for intervals.</summary>
internal static class DeviceComparisonPlot
{
    private const double GroupWidth = 0.8;
    private const int MaxDeviceChars = 34;

    public static ChartImage Draw(DeviceComparisonChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        if (chart.Series.Count is 0 or > DeviceComparisonChart.MaxSeries)
            throw new ArgumentException($"A device comparison needs 1 to {DeviceComparisonChart.MaxSeries} series, not {chart.Series.Count}.");
        foreach (var row in chart.Devices)
        {
            if (row.Values.Count != chart.Series.Count)
                throw new ArgumentException($"Device '{row.Device}' has {row.Values.Count} value(s) for {chart.Series.Count} series.");
        }
        var axisTitle = SvgText.WithUnit(chart.ValueLabel, chart.Unit);
        var bars = chart.Devices.SelectMany(d => d.Values).OfType<BarValue>().ToList();
        if (chart.Devices.Count == 0 || bars.Count == 0) return PlotStyle.NoData(chart.Title, $"{axisTitle} by device");

        var horizontal = chart.Orientation == BarOrientation.Horizontal;
        var plot = horizontal ? PlotStyle.New(chart.Title, axisTitle, "") : PlotStyle.New(chart.Title, "", axisTitle);
        var seriesCount = chart.Series.Count;
        var barSize = GroupWidth / seriesCount;
        // Horizontal charts list the first device at the top.
        double Centre(int device) => horizontal ? chart.Devices.Count - 1 - device : device;
        double Position(int device, int series) => Centre(device) - GroupWidth / 2 + (series + 0.5) * barSize;

        for (var s = 0; s < seriesCount; s++)
        {
            var colour = PlotStyle.Hex(ChartPalette.Series[s]);
            var drawn = new List<Bar>();
            var whiskers = new List<(double At, BarValue Value)>();
            for (var d = 0; d < chart.Devices.Count; d++)
            {
                if (chart.Devices[d].Values[s] is not { } v) continue;
                drawn.Add(new Bar { Position = Position(d, s), Value = v.Value, ValueBase = 0, Size = barSize * 0.9, FillColor = colour, LineWidth = 0 });
                if (v.Low is not null && v.High is not null) whiskers.Add((Position(d, s), v));
            }
            if (drawn.Count == 0) continue;
            var plottable = plot.Add.Bars(drawn);
            plottable.Horizontal = horizontal;
            plottable.LegendText = chart.Series[s];
            if (whiskers.Count == 0) continue;
            var at = whiskers.Select(w => w.At).ToList();
            var mid = whiskers.Select(w => w.Value.Value).ToList();
            var up = whiskers.Select(w => w.Value.High!.Value - w.Value.Value).ToList();
            var down = whiskers.Select(w => w.Value.Value - w.Value.Low!.Value).ToList();
            var errors = horizontal
                ? new ScottPlot.Plottables.ErrorBar(mid, at, up, down, null, null)
                : new ScottPlot.Plottables.ErrorBar(at, mid, null, null, up, down);
            errors.LineStyle.Color = PlotStyle.Hex(ChartPalette.Text);
            errors.LineStyle.Width = 1;
            plot.PlottableList.Add(errors);
        }
        var top = chart.Devices.SelectMany(d => d.Values).OfType<BarValue>().Max(v => Math.Max(v.Value, v.High ?? v.Value));
        var bottom = Math.Min(0, chart.Devices.SelectMany(d => d.Values).OfType<BarValue>().Min(v => Math.Min(v.Value, v.Low ?? v.Value)));
        foreach (var (row, d) in chart.Devices.Select((r, i) => (r, i)))
        {
            if (row.Values.Any(v => v is not null) || row.Note is null) continue;
            // A device without bars keeps its place and says why it has none.
            var note = plot.Add.Text(row.Note, horizontal ? 0 : Centre(d), horizontal ? Centre(d) : top * 0.02);
            note.LabelFontName = ChartFonts.Family;
            note.LabelFontSize = PlotStyle.TickSize;
            note.LabelFontColor = PlotStyle.Hex(ChartPalette.MutedText);
            note.LabelAlignment = horizontal ? Alignment.MiddleLeft : Alignment.LowerCenter;
            if (!horizontal) note.LabelRotation = -90;
        }

        var labels = chart.Devices.Select(r => PlotStyle.Fit(r.Device, MaxDeviceChars)).ToArray();
        var centres = chart.Devices.Select((_, i) => Centre(i)).ToArray();
        var valueMax = top > 0 ? top * 1.08 : 1;
        int height;
        if (horizontal)
        {
            plot.Axes.Left.SetTicks(centres, labels);
            plot.Axes.SetLimitsX(bottom, valueMax);
            plot.Axes.SetLimitsY(-0.6, chart.Devices.Count - 0.4);
            height = 150 + chart.Devices.Count * Math.Max(24, (int)(seriesCount * 12 + 8));
        }
        else
        {
            plot.Axes.Bottom.SetTicks(centres, labels);
            plot.Axes.Bottom.TickLabelStyle.Rotation = -45;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
            plot.Axes.Bottom.MinimumSize = (float)(SvgText.EstimateWidth(new string('x', labels.Max(l => l.Length)), PlotStyle.TickSize) * Math.Sqrt(0.5) + 16);
            plot.Axes.SetLimitsY(bottom, valueMax);
            plot.Axes.SetLimitsX(-0.6, chart.Devices.Count - 0.4);
            height = PlotStyle.Height + (int)(SvgText.EstimateWidth(new string('x', labels.Max(l => l.Length)), PlotStyle.TickSize) * Math.Sqrt(0.5));
        }
        if (seriesCount > 1) PlotStyle.Legend(plot);
        return new ChartImage(plot, PlotStyle.Width, height, chart.Title, Describe(chart, axisTitle));
    }

    private static string Describe(DeviceComparisonChart chart, string axisTitle)
    {
        var parts = new List<string>
        {
            $"Bar chart of {axisTitle} for {chart.Devices.Count} device(s)" + (chart.Series.Count > 1 ? $", one bar per {string.Join(", ", chart.Series)}" : $" ({chart.Series[0]})"),
        };
        for (var s = 0; s < chart.Series.Count; s++)
        {
            var values = chart.Devices.Select(d => (d.Device, V: d.Values[s])).Where(x => x.V is not null).ToList();
            if (values.Count == 0) continue;
            var best = values.MaxBy(x => x.V!.Value);
            var least = values.MinBy(x => x.V!.Value);
            parts.Add($"{chart.Series[s]}: highest {SvgText.Value(best.V!.Value)} on {best.Device}, lowest {SvgText.Value(least.V!.Value)} on {least.Device}");
        }
        var without = chart.Devices.Where(d => d.Values.All(v => v is null)).Select(d => d.Note is null ? d.Device : $"{d.Device} ({d.Note})").ToList();
        if (without.Count > 0) parts.Add($"no figure: {string.Join(", ", without)}");
        return string.Join("; ", parts) + ".";
    }
}
