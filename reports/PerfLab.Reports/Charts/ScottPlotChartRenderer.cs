namespace PerfLab.Reports.Charts;

/// <summary>Draws PerfLab's charts with ScottPlot: deterministic SVG and PNG in the embedded font, the same bytes on every machine.</summary>
public sealed class ScottPlotChartRenderer : IChartRenderer
{
    public ChartImage Render(TrendChart chart) => TrendPlot.Draw(chart);

    public ChartImage Render(DeviceComparisonChart chart) => DeviceComparisonPlot.Draw(chart);

    public ChartImage Render(ThermalTraceChart chart) => ThermalTracePlot.Draw(chart);
}
