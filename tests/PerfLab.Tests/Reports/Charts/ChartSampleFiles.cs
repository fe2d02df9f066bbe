using NUnit.Framework;
using PerfLab.Reports.Charts;

namespace PerfLab.Tests.Reports.Charts;

/// <summary>Writes one SVG and PNG of each kind (and the edge cases) to a folder, to look at by eye; not part of the normal run.</summary>
[Explicit("writes sample charts for a visual check")]
public class ChartSampleFiles
{
    [Test]
    public void Write_samples()
    {
        var folder = Environment.GetEnvironmentVariable("PERFLAB_CHART_SAMPLES") ?? Path.Combine(Path.GetTempPath(), "perflab-charts");
        Directory.CreateDirectory(folder);
        var renderer = new ScottPlotChartRenderer();
        var many = Enumerable.Range(1, 150).Select(i => new TrendPoint($"2026.06.{i:000}", 100 + Math.Sin(i / 9.0) * 4 + (i > 90 ? 12 : 0))).ToList();
        var samples = new Dictionary<string, ChartImage>
        {
            ["trend"] = renderer.Render(ChartExamples.Trend()),
            ["trend-many-builds"] = renderer.Render(new TrendChart("150 builds, labels thinned (synthetic)", "Latency", "ms", many,
                ChangePoints: [new ChangeMarker("2026.06.091", 11.8, PerfLab.Harness.Analysis.ChangeDirection.Regression)])),
            ["trend-single"] = renderer.Render(new TrendChart("One build", "Throughput", "FPS", [new TrendPoint("b1", 855.62)])),
            ["trend-negative-gaps"] = renderer.Render(new TrendChart("Shift vs baseline <a & b>", "Shift", "%",
                [new("b1", -2.5), new("b2", -1.1), new("b3", double.NaN), new("b4", 0.8), new("b5", 1.9), new("b6", -0.4)])),
            ["trend-empty"] = renderer.Render(new TrendChart("Nothing stored yet", "Throughput", "FPS", [])),
            ["devices"] = renderer.Render(ChartExamples.HydraDecode()),
            ["devices-vertical"] = renderer.Render(ChartExamples.HydraDecode(BarOrientation.Vertical)),
            ["devices-single"] = renderer.Render(new DeviceComparisonChart("Throughput by device", "Throughput", "FPS", ["median"],
                [new("Hailo-8 (RPi 5)", [new BarValue(855.62, 850.1, 861.3)]), new("Hailo-10H", [new BarValue(1630.4, 1601.2, 1644.0)]),
                 new("<script>alert(1)</script>", [new BarValue(412.0, 398.0, 420.5)])])),
            ["thermal"] = renderer.Render(ChartExamples.Thermal()),
        };
        foreach (var (name, image) in samples)
        {
            File.WriteAllText(Path.Combine(folder, name + ".svg"), image.Svg);
            File.WriteAllBytes(Path.Combine(folder, name + ".png"), image.Png);
        }
        TestContext.Out.WriteLine($"wrote {samples.Count} SVGs and PNGs to {folder}");
    }
}
