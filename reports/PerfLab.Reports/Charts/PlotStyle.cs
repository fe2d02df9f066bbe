using PerfLab.Reports.Presentation;
using ScottPlot;

namespace PerfLab.Reports.Charts;

/// <summary>What every chart shares: size, font, text sizes, colours, title wrapping and where the legend goes.</summary>
internal static class PlotStyle
{
    /// <summary>Charts are drawn 800 px wide: the width a report column has, so text is read at its drawn size.</summary>
    public const int Width = 800;

    public const int Height = 420;
    public const float TitleSize = 15;
    public const float LabelSize = 13;
    public const float TickSize = 12;

    /// <summary>A plot with PerfLab's look: embedded font, title (wrapped to two lines), axis labels, light grid.</summary>
    public static Plot New(string title, string xLabel, string yLabel)
    {
        ChartFonts.EnsureRegistered();
        var plot = new Plot();
        plot.Font.Set(ChartFonts.Family);
        var titleLines = LabelFit.Fit(title, Width - 40, TitleSize, maxLines: 2);
        plot.Title(string.Join("\n", titleLines.Lines), TitleSize);
        plot.Axes.Title.Label.ForeColor = Hex(ChartPalette.Text);
        plot.XLabel(xLabel, LabelSize);
        plot.YLabel(yLabel, LabelSize);
        foreach (var axis in plot.Axes.GetAxes())
        {
            axis.Label.ForeColor = Hex(ChartPalette.Text);
            axis.Label.Bold = false;
            axis.TickLabelStyle.FontSize = TickSize;
            axis.TickLabelStyle.ForeColor = Hex(ChartPalette.MutedText);
            axis.FrameLineStyle.Color = Hex(ChartPalette.Axis);
            axis.MajorTickStyle.Color = Hex(ChartPalette.Axis);
            axis.MinorTickStyle.Color = Hex(ChartPalette.Axis);
        }
        plot.Grid.MajorLineColor = Hex(ChartPalette.Grid);
        plot.FigureBackground.Color = Hex(ChartPalette.Background);
        plot.DataBackground.Color = Hex(ChartPalette.Background);
        plot.Legend.FontSize = TickSize;
        plot.Legend.FontColor = Hex(ChartPalette.Text);
        return plot;
    }

    /// <summary>Shows the legend below the plot, once every layer is added. Only for a plot with labelled layers: ScottPlot draws
    /// nothing at all when a bottom legend panel has no entries.</summary>
    public static void Legend(Plot plot)
    {
        if (plot.GetPlottables().Any(p => p.LegendItems.Any(i => !string.IsNullOrEmpty(i.LabelText)))) plot.ShowLegend(Edge.Bottom);
    }

    /// <summary>A palette colour for ScottPlot.</summary>
    public static Color Hex(string hex) => Color.FromHex(hex);

    /// <summary>A plot that says there is nothing to draw, with its title, so a page never shows an empty box.</summary>
    public static ChartImage NoData(string title, string what)
    {
        var plot = New(title, "", "");
        plot.Axes.Left.SetTicks([], []);
        plot.Axes.Bottom.SetTicks([], []);
        plot.HideGrid();
        var text = plot.Add.Text("no data", 0, 0);
        text.LabelFontName = ChartFonts.Family;
        text.LabelFontSize = LabelSize;
        text.LabelFontColor = Hex(ChartPalette.MutedText);
        text.LabelAlignment = Alignment.MiddleCenter;
        plot.Axes.SetLimits(-1, 1, -1, 1);
        return new ChartImage(plot, Width, 160, title, $"{what}: no data to draw.");
    }

    /// <summary>Shortens a label that would crowd its axis: identifiers first (<see cref="Identifiers.Shorten"/>), then the middle of
    /// the text, so both ends (a device's make and its id) stay readable.</summary>
    public static string Fit(string text, int maxChars)
    {
        var shortText = Identifiers.Shorten(text);
        if (shortText.Length <= maxChars) return shortText;
        var head = (maxChars - 1) * 2 / 3;
        var tail = maxChars - 1 - head;
        return shortText[..head].TrimEnd() + "\u2026" + shortText[^tail..].TrimStart();
    }

    /// <summary>Runs of consecutive finite values, so a missing value leaves a gap instead of a line drawn across it.</summary>
    public static IEnumerable<(double[] X, double[] Y)> Segments(IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        var x = new List<double>();
        var y = new List<double>();
        for (var i = 0; i < xs.Count; i++)
        {
            if (double.IsFinite(ys[i]) && double.IsFinite(xs[i]))
            {
                x.Add(xs[i]);
                y.Add(ys[i]);
                continue;
            }
            if (x.Count > 0) yield return ([.. x], [.. y]);
            x.Clear();
            y.Clear();
        }
        if (x.Count > 0) yield return ([.. x], [.. y]);
    }
}
