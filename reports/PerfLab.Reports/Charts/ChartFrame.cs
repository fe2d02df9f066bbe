namespace PerfLab.Reports.Charts;

/// <summary>The parts every chart shares: size, title, legend, value axes and the "no data" frame.</summary>
internal static class ChartFrame
{
    public const double Width = 760;
    public const double Height = 380;
    public const double TickFont = 11;
    public const double TitleFont = 15;
    public const double Margin = 16;

    /// <summary>The chart's title on one line; one too long for the chart ends in an ellipsis, with the whole title on hover.</summary>
    public static void Title(SvgDocument svg, string title)
    {
        var fitted = Presentation.LabelFit.Fit(title, Width - 2 * Margin, TitleFont, maxLines: 1);
        if (!fitted.Shortened || fitted.Lines[0] == title)
        {
            svg.Text(Margin, 26, title, ("font-size", TitleFont), ("font-weight", "600"), ("data-role", "title"));
            return;
        }
        svg.Open("g", ("data-role", "title-full"));
        svg.Leaf("title", title);
        svg.Text(Margin, 26, fitted.Lines[0], ("font-size", TitleFont), ("font-weight", "600"), ("data-role", "title"));
        svg.Close();
    }

    private const double LegendRow = 18;
    private const double LegendSwatchWidth = 20;

    /// <summary>Where each legend entry goes: left to right from <paramref name="left"/>, wrapping before the right margin.</summary>
    private static List<(LegendEntry Entry, double X, double Y)> PlaceLegend(IReadOnlyList<LegendEntry> entries, double left, double top)
    {
        var placed = new List<(LegendEntry, double, double)>();
        if (entries.Count < 2) return placed;
        var (x, y) = (left, top);
        foreach (var entry in entries)
        {
            var width = LegendSwatchWidth + 6 + SvgText.EstimateWidth(entry.Label, TickFont) + 18;
            if (x > left && x + width > Width - Margin) (x, y) = (left, y + LegendRow);
            placed.Add((entry, x, y));
            x += width;
        }
        return placed;
    }

    /// <summary>The y below the legend <see cref="Legend"/> would draw (<paramref name="top"/> when there is none: a single series needs no legend).</summary>
    public static double LegendBottom(IReadOnlyList<LegendEntry> entries, double left, double top)
    {
        var placed = PlaceLegend(entries, left, top);
        return placed.Count == 0 ? top : placed[^1].Y + LegendRow;
    }

    /// <summary>Draws the legend when there are at least two entries; returns the y below it.</summary>
    public static double Legend(SvgDocument svg, IReadOnlyList<LegendEntry> entries, double left, double top)
    {
        var placed = PlaceLegend(entries, left, top);
        if (placed.Count == 0) return top;
        const double swatch = LegendSwatchWidth;
        svg.Open("g", ("data-role", "legend"), ("font-size", TickFont));
        foreach (var (entry, x, y) in placed)
        {
            var mid = y + LegendRow / 2;
            switch (entry.Swatch)
            {
                case LegendSwatch.Line:
                    svg.Empty("line", ("x1", x), ("y1", mid), ("x2", x + swatch), ("y2", mid), ("stroke", entry.Color), ("stroke-width", 2.0));
                    svg.Empty("circle", ("cx", x + swatch / 2), ("cy", mid), ("r", 3.0), ("fill", entry.Color));
                    break;
                case LegendSwatch.Trace:
                    svg.Empty("line", ("x1", x), ("y1", mid), ("x2", x + swatch), ("y2", mid), ("stroke", entry.Color), ("stroke-width", 2.0));
                    break;
                case LegendSwatch.DashedLine:
                    svg.Empty("line", ("x1", x), ("y1", mid), ("x2", x + swatch), ("y2", mid), ("stroke", entry.Color), ("stroke-width", 2.0), ("stroke-dasharray", "5 3"));
                    break;
                case LegendSwatch.Band:
                    svg.Empty("rect", ("x", x), ("y", mid - 6), ("width", swatch), ("height", 12.0), ("fill", entry.Color), ("fill-opacity", "0.25"), ("stroke", entry.Color), ("stroke-opacity", "0.6"));
                    break;
                case LegendSwatch.Bar:
                    svg.Empty("rect", ("x", x + 2), ("y", mid - 6), ("width", swatch - 4), ("height", 12.0), ("fill", entry.Color));
                    break;
                case LegendSwatch.Whisker:
                    svg.Empty("path", ("d", $"M{SvgText.Coordinate(x + swatch / 2)} {SvgText.Coordinate(mid - 6)} V{SvgText.Coordinate(mid + 6)} M{SvgText.Coordinate(x + swatch / 2 - 4)} {SvgText.Coordinate(mid - 6)} h8 M{SvgText.Coordinate(x + swatch / 2 - 4)} {SvgText.Coordinate(mid + 6)} h8"),
                        ("stroke", entry.Color), ("stroke-width", 1.5), ("fill", "none"));
                    break;
            }
            svg.Text(x + swatch + 6, mid + TickFont * 0.35, entry.Label, ("fill", ChartPalette.MutedText));
        }
        svg.Close();
        return placed[^1].Y + LegendRow;
    }

    /// <summary>Attributes that give a text label a white outline, so it stays legible where it crosses lines.</summary>
    public static readonly (string, object?)[] Halo =
        [("paint-order", "stroke"), ("stroke", ChartPalette.Background), ("stroke-width", 3.0), ("stroke-linejoin", "round")];

    /// <summary>The x at which a centred label of <paramref name="width"/> stays inside the chart.</summary>
    public static double InsideChart(double x, double width) => Math.Clamp(x, width / 2 + 2, Width - width / 2 - 2);

    /// <summary>Width the tick labels of an axis need.</summary>
    public static double TickLabelWidth(NiceTicks ticks) =>
        ticks.Values.Max(v => SvgText.EstimateWidth(ticks.Label(v), TickFont));

    /// <summary>A vertical value axis on the left or right of the plot with tick labels, optional grid lines and a rotated title.</summary>
    public static void VerticalAxis(SvgDocument svg, NiceTicks ticks, PlotArea plot, bool right, string title, string labelColor, bool grid)
    {
        var scale = LinearScale.Vertical(ticks, plot);
        svg.Open("g", ("data-role", right ? "y2-axis" : "y-axis"), ("font-size", TickFont));
        foreach (var v in ticks.Values)
        {
            var y = scale.Map(v);
            if (grid) svg.Empty("line", ("x1", plot.Left), ("y1", y), ("x2", plot.Right), ("y2", y), ("stroke", ChartPalette.Grid), ("stroke-width", 1.0));
            var tickX = right ? plot.Right : plot.Left;
            svg.Empty("line", ("x1", tickX), ("y1", y), ("x2", tickX + (right ? 4 : -4)), ("y2", y), ("stroke", ChartPalette.Axis));
            svg.Text(right ? tickX + 7 : tickX - 7, y + TickFont * 0.35, ticks.Label(v),
                ("text-anchor", right ? "start" : "end"), ("fill", labelColor), ("data-tick", ticks.Label(v)));
        }
        var axisX = right ? plot.Right : plot.Left;
        svg.Empty("line", ("x1", axisX), ("y1", plot.Top), ("x2", axisX), ("y2", plot.Bottom), ("stroke", ChartPalette.Axis));
        var titleX = right ? plot.Right + 12 + TickLabelWidth(ticks) + 8 : plot.Left - 12 - TickLabelWidth(ticks) - 6;
        var titleY = plot.Top + plot.Height / 2;
        svg.Text(titleX, titleY, title, ("text-anchor", "middle"), ("fill", labelColor), ("font-size", 12),
            ("transform", $"rotate({(right ? 90 : -90)} {SvgText.Coordinate(titleX)} {SvgText.Coordinate(titleY)})"),
            ("data-role", "axis-title"));
        svg.Close();
    }

    /// <summary>A horizontal value axis under the plot with tick labels, vertical grid lines and a title.</summary>
    public static void HorizontalAxis(SvgDocument svg, NiceTicks ticks, PlotArea plot, string title)
    {
        var scale = LinearScale.Horizontal(ticks, plot);
        svg.Open("g", ("data-role", "x-axis"), ("font-size", TickFont));
        foreach (var v in ticks.Values)
        {
            var x = scale.Map(v);
            svg.Empty("line", ("x1", x), ("y1", plot.Top), ("x2", x), ("y2", plot.Bottom), ("stroke", ChartPalette.Grid), ("stroke-width", 1.0));
            svg.Empty("line", ("x1", x), ("y1", plot.Bottom), ("x2", x), ("y2", plot.Bottom + 4), ("stroke", ChartPalette.Axis));
            svg.Text(x, plot.Bottom + 17, ticks.Label(v), ("text-anchor", "middle"), ("fill", ChartPalette.MutedText), ("data-tick", ticks.Label(v)));
        }
        svg.Empty("line", ("x1", plot.Left), ("y1", plot.Bottom), ("x2", plot.Right), ("y2", plot.Bottom), ("stroke", ChartPalette.Axis));
        AxisTitleBelow(svg, plot, title);
        svg.Close();
    }

    public static void AxisTitleBelow(SvgDocument svg, PlotArea plot, string title) =>
        svg.Text(plot.Left + plot.Width / 2, plot.Bottom + 38, title, ("text-anchor", "middle"), ("fill", ChartPalette.MutedText), ("font-size", 12), ("data-role", "axis-title"));

    /// <summary>A chart with nothing to draw still renders: its title and a frame saying so.</summary>
    public static string NoData(string title, string subject)
    {
        var svg = new SvgDocument(Width, 160, title, $"{subject}: no data.");
        Title(svg, title);
        svg.Empty("rect", ("x", Margin), ("y", 42.0), ("width", Width - 2 * Margin), ("height", 100.0), ("fill", "none"),
            ("stroke", ChartPalette.Axis), ("stroke-dasharray", "4 4"));
        svg.Text(Width / 2, 97, "no data", ("text-anchor", "middle"), ("fill", ChartPalette.MutedText), ("font-size", 14), ("data-role", "no-data"));
        return svg.Finish();
    }

    /// <summary>Nice ticks over the finite values, with a little air so extreme points do not sit on the frame.</summary>
    public static NiceTicks TicksOver(IEnumerable<double> values, int maxTicks, bool includeZero = false)
    {
        var finite = values.Where(double.IsFinite).ToList();
        if (includeZero) finite.Add(0);
        var min = finite.Min();
        var max = finite.Max();
        var air = (max - min) * 0.04;
        return AxisTicks.Nice(includeZero && min == 0 ? 0 : min - air, includeZero && max == 0 ? 0 : max + air, maxTicks);
    }
}
