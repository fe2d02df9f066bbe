using PerfLab.Harness.Analysis;
using PerfLab.Reports.Presentation;
using ScottPlot;

namespace PerfLab.Reports.Charts;

/// <summary>Draws a <see cref="TrendChart"/>: builds along x, the metric on y.</summary>
internal static class TrendPlot
{
    // Build labels print level up to this many, then turned; more than MaxLabels are thinned (the newest always shown).
    private const int MaxLevelLabels = 10;
    private const int MaxLabels = 24;
    private const int MaxLabelChars = 18;

    public static ChartImage Draw(TrendChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var points = chart.Points;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < points.Count; i++)
        {
            if (!index.TryAdd(points[i].Build, i)) throw new ArgumentException($"Trend chart: build '{points[i].Build}' appears twice.");
        }
        int IndexOf(string build, string what) =>
            index.TryGetValue(build, out var i) ? i : throw new ArgumentException($"Trend chart: the {what} names build '{build}', which is not among the points.");
        var markers = (chart.ChangePoints ?? []).Select(m => (Marker: m, At: IndexOf(m.Build, "change point"))).OrderBy(m => m.At).ToList();
        var band = chart.Baseline;
        var bandRange = band is null ? default : (From: IndexOf(band.FromBuild, "baseline band start"), To: IndexOf(band.ToBuild, "baseline band end"));
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
        if (values.Count == 0) return PlotStyle.NoData(chart.Title, $"Trend of {axisTitle}");
        if (band is not null)
        {
            if (band.Low > band.High) throw new ArgumentException($"Baseline band low {SvgText.Value(band.Low)} is above high {SvgText.Value(band.High)}.");
            values.Add(band.Low);
            values.Add(band.High);
        }
        if (chart.Threshold is { } threshold)
        {
            if (threshold.Low > threshold.High) throw new ArgumentException($"Threshold band low {SvgText.Value(threshold.Low)} is above high {SvgText.Value(threshold.High)}.");
            values.Add(threshold.Low);
            values.Add(threshold.High);
        }

        var plot = PlotStyle.New(chart.Title, "build", axisTitle);
        var xs = Enumerable.Range(0, points.Count).Select(i => (double)i).ToArray();

        if (band is not null)
        {
            var rect = plot.Add.Rectangle(bandRange.From - 0.4, bandRange.To + 0.4, band.Low, band.High);
            rect.FillStyle.Color = PlotStyle.Hex(ChartPalette.Shade).WithAlpha(0.25);
            rect.LineStyle.Width = 0;
            rect.LegendText = band.Label;
        }
        if (chart.Threshold is { } t)
        {
            var first = true;
            foreach (var y in new[] { t.Low, t.High })
            {
                var line = plot.Add.HorizontalLine(y, 1.5f, PlotStyle.Hex(ChartPalette.ReddishPurple), LinePattern.Dashed);
                line.LegendText = first ? t.Label : "";
                first = false;
            }
        }
        if (chart.Whisker != WhiskerKind.None)
        {
            var whiskers = points.Select((p, i) => (p, i)).Where(x => double.IsFinite(x.p.Median) && x.p.Low is not null && x.p.High is not null).ToList();
            if (whiskers.Count > 0)
            {
                var bars = new ScottPlot.Plottables.ErrorBar(
                    whiskers.Select(w => (double)w.i).ToList(), whiskers.Select(w => w.p.Median).ToList(),
                    null, null,
                    whiskers.Select(w => w.p.High!.Value - w.p.Median).ToList(), whiskers.Select(w => w.p.Median - w.p.Low!.Value).ToList())
                {
                    LegendText = chart.Whisker == WhiskerKind.InterQuartile ? "interquartile range" : "min–max",
                };
                bars.LineStyle.Color = PlotStyle.Hex(ChartPalette.Blue).WithAlpha(0.6);
                bars.LineStyle.Width = 1.5f;
                plot.PlottableList.Add(bars);
            }
        }
        var medianShown = false;
        foreach (var (sx, sy) in PlotStyle.Segments(xs, points.Select(p => p.Median).ToList()))
        {
            var line = plot.Add.Scatter(sx, sy, PlotStyle.Hex(ChartPalette.Blue));
            line.LineWidth = 2;
            line.MarkerSize = 6;
            line.LegendText = medianShown ? "" : "median";
            medianShown = true;
        }
        var legendDirections = new HashSet<ChangeDirection>();
        foreach (var (marker, at) in markers)
        {
            var colour = marker.Direction == ChangeDirection.Regression ? ChartPalette.Regression : ChartPalette.Improvement;
            // Between the last build of the old segment and the first of the new one.
            var line = plot.Add.VerticalLine(at - 0.5, 1.5f, PlotStyle.Hex(colour), LinePattern.Dashed);
            line.Text = SvgText.Percent(marker.ChangePercent);
            line.LabelFontSize = PlotStyle.TickSize;
            line.LabelOppositeAxis = true;
            line.LegendText = legendDirections.Add(marker.Direction) ? $"change point ({(marker.Direction == ChangeDirection.Regression ? "regression" : "improvement")})" : "";
        }

        var plan = ValueAxis.Plan(values, chart.ThroughputLike);
        var (low, high) = (plan.Start == AxisStart.Zero ? 0 : plan.Min, plan.Max);
        var pad = high > low ? (high - low) * 0.08 : Math.Max(Math.Abs(high) * 0.1, 1);
        var yMin = plan.Start == AxisStart.Zero ? 0 : low - pad;
        plot.Axes.SetLimitsY(yMin, high + pad);
        plot.Axes.SetLimitsX(-0.6, points.Count - 0.4);
        var reference = points.FirstOrDefault(p => double.IsFinite(p.Median) && p.Median > 0);
        if (plan.Start == AxisStart.Broken && reference is not null)
        {
            // The axis does not start at zero: a percentage scale on the right says how large the differences are.
            var right = plot.Axes.Right;
            var ticks = ValueAxis.PercentTicks(yMin, high + pad, reference.Median);
            right.SetTicks(ticks.Select(x => x.Value).ToArray(), ticks.Select(x => x.Label).ToArray());
            right.Label.Text = $"change vs build {Identifiers.Shorten(reference.Build)} (%)";
            right.Label.FontSize = PlotStyle.LabelSize;
            right.Label.Bold = false;
            right.Min = yMin;
            right.Max = high + pad;
        }
        BuildTicks(plot, points.Select(p => p.Build).ToList());
        PlotStyle.Legend(plot);
        return new ChartImage(plot, PlotStyle.Width, PlotStyle.Height, chart.Title, Describe(chart, axisTitle, plan, markers.Select(m => m.Marker), reference?.Build));
    }

    private static void BuildTicks(Plot plot, IReadOnlyList<string> builds)
    {
        var stride = (int)Math.Ceiling(builds.Count / (double)MaxLabels);
        var shown = LabelThinning.Shown(builds.Count, Math.Max(1, stride));
        plot.Axes.Bottom.SetTicks(shown.Select(i => (double)i).ToArray(),
            shown.Select(i => PlotStyle.Fit(builds[i], MaxLabelChars)).ToArray());
        if (shown.Count > MaxLevelLabels || shown.Any(i => builds[i].Length > 8 && shown.Count > 5))
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = -45;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
            // ScottPlot sizes the axis for level labels: turned ones need their diagonal's height, plus the axis title below them.
            var longest = shown.Max(i => PlotStyle.Fit(builds[i], MaxLabelChars).Length);
            plot.Axes.Bottom.MinimumSize = (float)(SvgText.EstimateWidth(new string('x', longest), PlotStyle.TickSize) * Math.Sqrt(0.5) + PlotStyle.LabelSize + 22);
        }
    }

    private static string Describe(TrendChart chart, string axisTitle, ValueAxisPlan plan, IEnumerable<ChangeMarker> markers, string? referenceBuild)
    {
        var finite = chart.Points.Where(p => double.IsFinite(p.Median)).ToList();
        var parts = new List<string>
        {
            $"Line chart of the median {axisTitle} per build over {chart.Points.Count} build(s), {chart.Points[0].Build} to {chart.Points[^1].Build}: " +
            $"from {SvgText.Value(finite[0].Median)} to {SvgText.Value(finite[^1].Median)}",
        };
        if (chart.Whisker != WhiskerKind.None) parts.Add(chart.Whisker == WhiskerKind.InterQuartile ? "whiskers span the interquartile range" : "whiskers span min to max");
        if (chart.Baseline is { } b) parts.Add($"shaded: {b.Label} {SvgText.Value(b.Low)}–{SvgText.Value(b.High)} over builds {b.FromBuild} to {b.ToBuild}");
        if (chart.Threshold is { } t) parts.Add($"dashed lines: {t.Label} ({SvgText.Value(t.Low)}–{SvgText.Value(t.High)})");
        var changes = markers.ToList();
        parts.Add(changes.Count == 0 ? "no change points"
            : $"change point(s) at {string.Join(", ", changes.Select(m => $"{m.Build} ({SvgText.Percent(m.ChangePercent)}, {(m.Direction == ChangeDirection.Regression ? "regression" : "improvement")})"))}");
        parts.Add(plan.Start switch
        {
            AxisStart.Zero => "the value axis starts at zero",
            AxisStart.Broken => $"the value axis does not start at zero; the right axis gives the change vs build {referenceBuild} in percent",
            _ => "the value axis spans the data",
        });
        return string.Join("; ", parts) + ".";
    }
}
