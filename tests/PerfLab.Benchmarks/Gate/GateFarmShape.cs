using System.Globalization;
using PerfLab.Harness.Domain;

using PerfLab.Harness.Analysis;

namespace PerfLab.Benchmarks.Gate;

/// <summary>The shape of a simulated farm: devices, each with the first <paramref name="MetricsPerDevice"/> of
/// <see cref="Metrics"/> (FPS first, so series 0 is device 0's FPS, the one a drop is put on).</summary>
public sealed record GateFarmShape(int Devices, int MetricsPerDevice)
{
    /// <summary>The metrics a simulated device yields, in order, with the level each starts from: FPS (higher is better) and
    /// three lower-is-better figures, so both directions of the verdict rules are exercised.</summary>
    public static IReadOnlyList<(MetricSpec Spec, double Level)> Metrics { get; } =
    [
        (new MetricSpec("fps", "fps", Better.Higher, MetricGate.None), 800),
        (new MetricSpec("hw_latency", "ms", Better.Lower, MetricGate.None), 4),
        (new MetricSpec("overall_latency", "ms", Better.Lower, MetricGate.None), 6),
        (new MetricSpec("power", "W", Better.Lower, MetricGate.None), 5),
    ];

    /// <summary>Series the farm has (devices × metrics).</summary>
    public int Series => Devices * MetricsPerDevice;

    /// <summary>A farm of <paramref name="series"/> series: four metrics per device where the count divides by four, else one.</summary>
    public static GateFarmShape OfSeries(int series) =>
        series >= 4 && series % 4 == 0 ? new GateFarmShape(series / 4, 4) : new GateFarmShape(series, 1);

    /// <summary>"400 (100 × 4)", "3 (3 × 1)".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Series} ({Devices} × {MetricsPerDevice})");
}
