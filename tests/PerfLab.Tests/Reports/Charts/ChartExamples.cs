using PerfLab.Harness.Analysis;
using PerfLab.Reports.Charts;

namespace PerfLab.Tests.Reports.Charts;

/// <summary>Charts of each kind for the tests and the visual samples: the Hydra card's GPU table (published figures)
/// and synthetic trend and thermal series (labelled as such).</summary>
internal static class ChartExamples
{
    /// <summary>Twenty builds of a throughput series that drops at b12 and recovers at b17, with min–max whiskers.</summary>
    public static TrendChart Trend()
    {
        var points = new List<TrendPoint>();
        for (var i = 1; i <= 20; i++)
        {
            var level = i < 12 ? 855.0 : i < 17 ? 790.0 : 860.0;
            var wobble = ((i * 37) % 11 - 5) * 0.9;
            var median = level + wobble;
            points.Add(new TrendPoint($"b{i}", median, median - 6 - i % 3, median + 5 + i % 4));
        }
        return new TrendChart("Hailo-10H throughput per build (synthetic sample)", "Throughput", "FPS", points, WhiskerKind.MinMax,
            new BaselineBand(848, 861, "b1", "b11", "baseline interval"),
            [new ChangeMarker("b12", -7.6, ChangeDirection.Regression), new ChangeMarker("b17", 8.9, ChangeDirection.Improvement)]);
    }

    /// <summary>The Hydra card's 8192-token decode table: package smoke vs HF benchmark mean per GPU, in ms.</summary>
    public static DeviceComparisonChart HydraDecode(BarOrientation orientation = BarOrientation.Horizontal) => new(
        "Hydra decode latency at 8192 tokens by GPU", "Decode time per iteration", "ms",
        ["package smoke", "HF benchmark mean"],
        [
            Row("RTX 3060", 0.2574, 0.3229),
            Row("RTX 3070", 0.1474, 0.2532),
            Row("RTX 3080", 0.2051, 0.3157),
            Row("RTX 3090", 0.1492, 0.3107),
            Row("RTX 4070 Ti", 0.1261, 0.2215),
            Row("RTX 4090", 0.1132, 0.2245),
            Row("A100 SXM4", 0.1408, 0.2568),
            Row("RTX PRO 6000 Blackwell", 0.1158, 0.1371),
            Row("RTX A6000 (builder smoke)", 0.2166, 0.3230),
        ],
        orientation);

    /// <summary>Ten minutes of a sustained run: temperature climbs, the device throttles twice and throughput dips while it does.</summary>
    public static ThermalTraceChart Thermal()
    {
        var temperature = new List<TracePoint>();
        var fps = new List<TracePoint>();
        for (var s = 0; s <= 600; s += 5)
        {
            var throttled = s is >= 300 and < 360 or >= 480 and < 520;
            var t = 45 + 40 * (1 - Math.Exp(-s / 200.0)) + (throttled ? -3 : 0) + ((s / 5 * 7) % 5 - 2) * 0.3;
            temperature.Add(new TracePoint(s, Math.Round(t, 1)));
            fps.Add(new TracePoint(s, s == 200 ? double.NaN : Math.Round((throttled ? 610 : 850) + ((s / 5 * 3) % 7 - 3) * 2.5, 1)));
        }
        return new ThermalTraceChart("Sustained inference on Hailo-8 (synthetic sample)", temperature, fps,
            [new TimeWindow(300, 360), new TimeWindow(480, 520)], 85, "abort above");
    }

    private static DeviceRow Row(string device, double smoke, double hfMean) =>
        new(device, [new BarValue(smoke), new BarValue(hfMean)]);
}
