namespace PerfLab.Reports.Charts;

/// <summary>Renders charts as standalone, deterministic SVG with inline styling only, safe to inline into HTML or save beside Markdown.</summary>
public sealed class SvgChartRenderer : IChartRenderer
{
    public string Render(TrendChart chart) => TrendChartSvg.Render(chart);

    public string Render(DeviceComparisonChart chart) => DeviceComparisonChartSvg.Render(chart);

    public string Render(ThermalTraceChart chart) => ThermalTraceChartSvg.Render(chart);
}
