using PerfLab.Harness.Analysis;
using PerfLab.Reports.Presentation;

namespace PerfLab.Reports.Charts;

/// <summary>Draws a <see cref="TrendChart"/>: builds along x, the metric on y.</summary>
internal static class TrendChartSvg
{
    private const double MarkerRow = 16;

    public static string Render(TrendChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var points = chart.Points;
        var index = BuildIndex(points);
        var markers = (chart.ChangePoints ?? []).Select(m => (Marker: m, At: IndexOf(index, m.Build, "change point"))).OrderBy(m => m.At).ToList();
        var band = chart.Baseline;
        var bandRange = band is null ? default : (From: IndexOf(index, band.FromBuild, "baseline band start"), To: IndexOf(index, band.ToBuild, "baseline band end"));
        var axisTitle = SvgText.WithUnit(chart.ValueLabel, chart.Unit);

        var values = new List<double>();
        foreach (var p in points)
        {
            if (!double.IsFinite(p.Median)) continue;
            values.Add(p.Median);
            if (chart.Whisker == WhiskerKind.None) continue;
            if (p.Low is { } lo && p.High is { } hi && lo > hi)
                throw new ArgumentException($"Trend point '{p.Build}': whisker low {SvgText.Value(lo)} is above high {SvgText.Value(hi)}.");
            if (p.Low is { } l) values.Add(l);
            if (p.High is { } h) values.Add(h);
        }
        if (values.Count == 0) return ChartFrame.NoData(chart.Title, $"Trend of {axisTitle}");
        if (band is not null)
        {
            if (band.Low > band.High) throw new ArgumentException($"Baseline band low {SvgText.Value(band.Low)} is above high {SvgText.Value(band.High)}.");
            values.Add(band.Low);
            values.Add(band.High);
        }

        var axis = ValueAxis.Plan(values, chart.ThroughputLike);
        var ticks = ChartFrame.TicksOver(values, 6, includeZero: axis.Start == AxisStart.Zero);
        var reference = points.Select(p => p.Median).FirstOrDefault(m => double.IsFinite(m) && m > 0);
        var referenceBuild = points.FirstOrDefault(p => double.IsFinite(p.Median) && p.Median > 0)?.Build ?? "";
        var percent = axis.Start == AxisStart.Broken && reference > 0 ? ValueAxis.PercentTicks(ticks.Min, ticks.Max, reference) : [];
        var percentTitle = $"change vs build {referenceBuild} (%)";
        var percentWidth = percent.Count == 0 ? 0 : percent.Max(t => SvgText.EstimateWidth(t.Label, ChartFrame.TickFont)) + 7 + 20;

        var left = ChartFrame.Margin + 20 + ChartFrame.TickLabelWidth(ticks) + 8;
        var legend = Legend(chart, markers.Select(m => m.Marker));
        var legendBottom = ChartFrame.LegendBottom(legend, left, 36);

        // Build labels print whole: level where they fit their slots, else turned; the chart grows downwards for them and the
        // plot moves right where the first turned label would reach past the left edge.
        var rightPad = 8 + percentWidth;
        var width = ChartFrame.Width - ChartFrame.Margin - rightPad - left;
        var labels = AxisLabelLayout.For(points.Select(p => p.Build).ToList(), width / points.Count, ChartFrame.TickFont);
        if (!labels.Rotated)
        {
            // The newest build's label is centred on the last slot; leave room for it to end inside the chart.
            var lastLabel = SvgText.EstimateWidth(labels.Texts[^1], ChartFrame.TickFont);
            var extra = Math.Max(0, lastLabel / 2 - ChartFrame.Margin + 4 - 8);
            width -= extra;
        }
        else
        {
            var reach = labels.Overhang - width / points.Count / 2 + 4;
            if (reach > left) { width -= reach - left; left = reach; }
        }
        var extraDepth = Math.Max(0, labels.Depth - (ChartFrame.TickFont + 6));
        var svg = new SvgDocument(ChartFrame.Width, ChartFrame.Height + extraDepth, chart.Title,
            Describe(chart, axisTitle, markers.Select(m => m.Marker)) + AxisNote(axis, referenceBuild));
        ChartFrame.Title(svg, chart.Title);
        ChartFrame.Legend(svg, legend, left, 36);

        // Marker labels get their own rows above the plot, so they never cover data.
        var x = new BandScale(points.Count, left, width);
        var labelX = markers.Select(m => LabelCentre(x.Center(m.At), Label(m.Marker))).ToList();
        var markerRows = MarkerLabelRows(markers.Select((m, i) => (labelX[i], Label(m.Marker))).ToList());
        var rowCount = markerRows.Count == 0 ? 0 : markerRows.Max() + 1;
        var top = legendBottom + 10 + rowCount * MarkerRow;
        var plot = new PlotArea(left, top, width, ChartFrame.Height - 52 - top);
        var y = LinearScale.Vertical(ticks, plot);

        ChartFrame.VerticalAxis(svg, ticks, plot, right: false, axisTitle, ChartPalette.MutedText, grid: true);
        if (ticks.Min < 0 && ticks.Max > 0)
            svg.Empty("line", ("x1", plot.Left), ("y1", y.Map(0)), ("x2", plot.Right), ("y2", y.Map(0)), ("stroke", ChartPalette.Axis), ("data-role", "zero-line"));
        if (axis.Start == AxisStart.Broken)
        {
            AxisBreak(svg, plot);
            if (percent.Count > 0) PercentAxis(svg, percent, y, plot, percentTitle);
        }
        BuildAxis(svg, points, labels, x, plot);

        if (band is not null)
        {
            var x0 = x.Center(Math.Min(bandRange.From, bandRange.To)) - x.Slot / 2;
            var x1 = x.Center(Math.Max(bandRange.From, bandRange.To)) + x.Slot / 2;
            svg.Empty("rect", ("x", x0), ("y", y.Map(band.High)), ("width", x1 - x0), ("height", Math.Max(1, y.Map(band.Low) - y.Map(band.High))),
                ("fill", ChartPalette.SkyBlue), ("fill-opacity", "0.22"), ("stroke", ChartPalette.SkyBlue), ("stroke-opacity", "0.7"),
                ("data-role", "baseline-band"), ("data-from", band.FromBuild), ("data-to", band.ToBuild));
        }

        for (var i = 0; i < markers.Count; i++)
        {
            var (marker, at) = markers[i];
            var mx = x.Center(at);
            var colour = marker.Direction == ChangeDirection.Regression ? ChartPalette.Regression : ChartPalette.Improvement;
            var word = marker.Direction == ChangeDirection.Regression ? "regression" : "improvement";
            svg.Open("g", ("data-role", "change-point"), ("data-build", marker.Build), ("data-index", at), ("data-direction", word), ("data-x", mx));
            svg.Leaf("title", $"{word} at {marker.Build}: {SvgText.Percent(marker.ChangePercent)}");
            svg.Empty("line", ("x1", mx), ("y1", plot.Top - (rowCount - markerRows[i]) * MarkerRow + 4), ("x2", mx), ("y2", plot.Bottom),
                ("stroke", colour), ("stroke-width", 1.5), ("stroke-dasharray", marker.Direction == ChangeDirection.Regression ? "5 3" : "2 3"));
            svg.Text(labelX[i], plot.Top - (rowCount - markerRows[i]) * MarkerRow, Label(marker),
                [("text-anchor", "middle"), ("fill", colour), ("font-size", ChartFrame.TickFont), ("font-weight", "600"), .. ChartFrame.Halo]);
            svg.Close();
        }

        if (chart.Whisker != WhiskerKind.None)
        {
            var cap = Math.Clamp(x.Slot * 0.35, 2, 8);
            svg.Open("g", ("data-role", "whiskers"), ("stroke", ChartPalette.Blue), ("stroke-opacity", "0.55"), ("stroke-width", 1.5), ("fill", "none"));
            for (var i = 0; i < points.Count; i++)
            {
                var p = points[i];
                if (!double.IsFinite(p.Median) || p.Low is not { } lo || p.High is not { } hi || !double.IsFinite(lo) || !double.IsFinite(hi)) continue;
                var cx = x.Center(i);
                svg.Empty("path", ("d", $"M{SvgText.Coordinate(cx)} {SvgText.Coordinate(y.Map(lo))} V{SvgText.Coordinate(y.Map(hi))} " +
                    $"M{SvgText.Coordinate(cx - cap / 2)} {SvgText.Coordinate(y.Map(lo))} h{SvgText.Coordinate(cap)} " +
                    $"M{SvgText.Coordinate(cx - cap / 2)} {SvgText.Coordinate(y.Map(hi))} h{SvgText.Coordinate(cap)}"),
                    ("data-build", p.Build));
            }
            svg.Close();
        }

        svg.BrokenLine(points.Select((p, i) => (x.Center(i), double.IsFinite(p.Median) ? y.Map(p.Median) : double.NaN)),
            ("stroke", ChartPalette.Blue), ("stroke-width", 2.0), ("stroke-linejoin", "round"), ("data-role", "median-line"));
        // Dense series keep their dots small and unoutlined; outlines on tiny dots read as a dotted line.
        var radius = points.Count == 1 ? 4.5 : Math.Clamp(x.Slot * 0.2, 1.5, 3.5);
        var outline = x.Slot >= 8 ? ChartPalette.Background : null;
        svg.Open("g", ("data-role", "points"), ("fill", ChartPalette.Blue), ("stroke", outline), ("stroke-width", outline is null ? null : 1.0));
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            if (!double.IsFinite(p.Median)) continue;
            svg.Open("circle", ("cx", x.Center(i)), ("cy", y.Map(p.Median)), ("r", radius), ("data-build", p.Build), ("data-value", SvgText.Value(p.Median)));
            svg.Leaf("title", $"{p.Build}: {SvgText.Value(p.Median)} {chart.Unit}".TrimEnd());
            svg.Close();
        }
        svg.Close();

        // With a single figure the axis alone makes it hard to read off, so print it.
        var finitePoints = Enumerable.Range(0, points.Count).Where(i => double.IsFinite(points[i].Median)).ToList();
        if (finitePoints.Count == 1)
        {
            var only = finitePoints[0];
            svg.Text(x.Center(only) + 8, y.Map(points[only].Median) - 8, $"{SvgText.Value(points[only].Median)} {chart.Unit}".TrimEnd(),
                [("font-size", ChartFrame.TickFont), ("fill", ChartPalette.Text), ("data-role", "value-label"), .. ChartFrame.Halo]);
        }
        return svg.Finish();
    }

    private static void BuildAxis(SvgDocument svg, IReadOnlyList<TrendPoint> points, AxisLabelLayout labels, BandScale x, PlotArea plot)
    {
        var shown = LabelThinning.Shown(points.Count, labels.Stride);
        svg.Open("g", ("data-role", "build-axis"), ("font-size", ChartFrame.TickFont));
        svg.Empty("line", ("x1", plot.Left), ("y1", plot.Bottom), ("x2", plot.Right), ("y2", plot.Bottom), ("stroke", ChartPalette.Axis));
        foreach (var i in shown)
        {
            var cx = x.Center(i);
            svg.Empty("line", ("x1", cx), ("y1", plot.Bottom), ("x2", cx), ("y2", plot.Bottom + 4), ("stroke", ChartPalette.Axis));
            if (labels.Shortened[i])
            {
                svg.Open("g", ("data-role", "build-label-full"));
                svg.Leaf("title", points[i].Build);
            }
            if (labels.Rotated)
            {
                var ly = plot.Bottom + 12;
                svg.Text(cx + 3, ly, labels.Texts[i], ("text-anchor", "end"), ("fill", ChartPalette.MutedText), ("data-role", "build-label"), ("data-build", points[i].Build),
                    ("transform", $"rotate({SvgText.Coordinate(AxisLabelLayout.Angle)} {SvgText.Coordinate(cx + 3)} {SvgText.Coordinate(ly)})"));
            }
            else
            {
                svg.Text(ChartFrame.InsideChart(cx, SvgText.EstimateWidth(labels.Texts[i], ChartFrame.TickFont)), plot.Bottom + 17, labels.Texts[i],
                    ("text-anchor", "middle"), ("fill", ChartPalette.MutedText), ("data-role", "build-label"), ("data-build", points[i].Build));
            }
            if (labels.Shortened[i]) svg.Close();
        }
        svg.Close();
        svg.Text(plot.Left + plot.Width / 2, plot.Bottom + labels.Depth + 18, "build", ("text-anchor", "middle"), ("fill", ChartPalette.MutedText), ("font-size", 12), ("data-role", "axis-title"));
    }

    /// <summary>Two slanted strokes across the foot of the value axis: the axis does not start at zero.</summary>
    private static void AxisBreak(SvgDocument svg, PlotArea plot)
    {
        var (x, yb) = (plot.Left, plot.Bottom - 10);
        svg.Open("g", ("data-role", "axis-break"));
        svg.Leaf("title", "axis break: the value axis does not start at zero");
        svg.Empty("rect", ("x", x - 7), ("y", yb - 4), ("width", 14.0), ("height", 8.0), ("fill", ChartPalette.Background));
        svg.Empty("path", ("d", $"M{SvgText.Coordinate(x - 7)} {SvgText.Coordinate(yb - 1)} l14 -5 M{SvgText.Coordinate(x - 7)} {SvgText.Coordinate(yb + 5)} l14 -5"),
            ("stroke", ChartPalette.Text), ("stroke-width", 1.5), ("fill", "none"));
        svg.Close();
    }

    /// <summary>The percentage scale on the right of a broken axis: how far each level lies from the reference build.</summary>
    private static void PercentAxis(SvgDocument svg, IReadOnlyList<(double Value, string Label)> ticks, LinearScale y, PlotArea plot, string title)
    {
        svg.Open("g", ("data-role", "percent-axis"), ("font-size", ChartFrame.TickFont));
        svg.Empty("line", ("x1", plot.Right), ("y1", plot.Top), ("x2", plot.Right), ("y2", plot.Bottom), ("stroke", ChartPalette.Axis));
        foreach (var (value, label) in ticks)
        {
            var ty = y.Map(value);
            svg.Empty("line", ("x1", plot.Right), ("y1", ty), ("x2", plot.Right + 4), ("y2", ty), ("stroke", ChartPalette.Axis));
            svg.Text(plot.Right + 7, ty + ChartFrame.TickFont * 0.35, label, ("text-anchor", "start"), ("fill", ChartPalette.MutedText), ("data-tick", label));
        }
        var widest = ticks.Max(t => SvgText.EstimateWidth(t.Label, ChartFrame.TickFont));
        var tx = plot.Right + 7 + widest + 10;
        var tyc = plot.Top + plot.Height / 2;
        svg.Text(tx, tyc, title, ("text-anchor", "middle"), ("fill", ChartPalette.MutedText), ("font-size", 11),
            ("transform", $"rotate(90 {SvgText.Coordinate(tx)} {SvgText.Coordinate(tyc)})"), ("data-role", "axis-title"));
        svg.Close();
    }

    private static string AxisNote(ValueAxisPlan axis, string referenceBuild) => axis.Start switch
    {
        AxisStart.Zero => " The value axis starts at zero.",
        AxisStart.Broken => $" The value axis does not start at zero (marked by a break); the right-hand scale gives the change against build {referenceBuild}.",
        _ => "",
    };

    /// <summary>Greedy rows for marker labels: each label takes the first row where it clears the previous one.</summary>
    private static List<int> MarkerLabelRows(IReadOnlyList<(double X, string Label)> labels)
    {
        var rowEnds = new List<double>();
        var rows = new List<int>();
        foreach (var (x, label) in labels)
        {
            var half = SvgText.EstimateWidth(label, ChartFrame.TickFont) / 2;
            var row = rowEnds.FindIndex(end => end + 6 <= x - half);
            if (row < 0) { row = rowEnds.Count; rowEnds.Add(0); }
            rowEnds[row] = x + half;
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>A marker's label sits centred on its line unless that would push it past the chart's edge.</summary>
    private static double LabelCentre(double x, string label)
    {
        var half = SvgText.EstimateWidth(label, ChartFrame.TickFont) / 2;
        return Math.Clamp(x, half + 4, ChartFrame.Width - 4 - half);
    }

    private static string Label(ChangeMarker marker) => SvgText.Percent(marker.ChangePercent);

    private static IReadOnlyList<LegendEntry> Legend(TrendChart chart, IEnumerable<ChangeMarker> markers)
    {
        var entries = new List<LegendEntry> { new("median per build", LegendSwatch.Line, ChartPalette.Blue) };
        if (chart.Whisker != WhiskerKind.None && chart.Points.Any(p => p.Low.HasValue && p.High.HasValue))
            entries.Add(new(chart.Whisker == WhiskerKind.MinMax ? "min\u2013max" : "Q1\u2013Q3", LegendSwatch.Whisker, ChartPalette.Blue));
        if (chart.Baseline is { } band) entries.Add(new(band.Label, LegendSwatch.Band, ChartPalette.SkyBlue));
        if (markers.Any(m => m.Direction == ChangeDirection.Regression)) entries.Add(new("regression", LegendSwatch.DashedLine, ChartPalette.Regression));
        if (markers.Any(m => m.Direction == ChangeDirection.Improvement)) entries.Add(new("improvement", LegendSwatch.DashedLine, ChartPalette.Improvement));
        return entries;
    }

    private static string Describe(TrendChart chart, string axisTitle, IEnumerable<ChangeMarker> markers)
    {
        var finite = chart.Points.Where(p => double.IsFinite(p.Median)).ToList();
        var text = $"Trend of {axisTitle} over {chart.Points.Count} build{(chart.Points.Count == 1 ? "" : "s")} " +
                   $"from {chart.Points[0].Build} to {chart.Points[^1].Build}; median per build from {SvgText.Value(finite.Min(p => p.Median))} " +
                   $"to {SvgText.Value(finite.Max(p => p.Median))}.";
        if (chart.Baseline is { } band) text += $" {band.Label}: {SvgText.Value(band.Low)} to {SvgText.Value(band.High)}.";
        var list = markers.Select(m => $"{(m.Direction == ChangeDirection.Regression ? "regression" : "improvement")} of {SvgText.Percent(m.ChangePercent)} at {m.Build}").ToList();
        if (list.Count > 0) text += " Change points: " + string.Join("; ", list) + ".";
        return text;
    }

    private static Dictionary<string, int> BuildIndex(IReadOnlyList<TrendPoint> points)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < points.Count; i++) index.TryAdd(points[i].Build, i);
        return index;
    }

    private static int IndexOf(Dictionary<string, int> index, string build, string what) =>
        index.TryGetValue(build, out var i) ? i : throw new ArgumentException($"The {what} names build '{build}', which is not among the chart's points.");
}
