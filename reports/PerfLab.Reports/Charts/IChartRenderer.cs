namespace PerfLab.Reports.Charts;

/// <summary>Draws PerfLab's chart models; the one seam between the pages and the plotting library.</summary>
public interface IChartRenderer
{
    ChartImage Render(TrendChart chart);

    ChartImage Render(DeviceComparisonChart chart);

    ChartImage Render(ThermalTraceChart chart);
}
