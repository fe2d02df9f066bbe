namespace PerfLab.Reports.Charts;

/// <summary>Draws PerfLab's chart models; the one seam through which a plotting library could replace the built-in SVG writer.</summary>
public interface IChartRenderer
{
    string Render(TrendChart chart);

    string Render(DeviceComparisonChart chart);

    string Render(ThermalTraceChart chart);
}
