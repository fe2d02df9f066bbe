namespace PerfLab.Reports.Charts;

/// <summary>Temperature (°C, left axis) and throughput (right axis) over a run's seconds, with throttling windows and a limit line.</summary>
/// <param name="Temperature">Chip temperature samples; NaN values leave gaps.</param>
/// <param name="Throughput">Throughput samples on the right axis (FPS unless <paramref name="ThroughputUnit"/> says otherwise).</param>
/// <param name="TemperatureLimit">A horizontal limit on the temperature axis (e.g. abort above 85 °C), or null.</param>
public sealed record ThermalTraceChart(
    string Title,
    IReadOnlyList<TracePoint> Temperature,
    IReadOnlyList<TracePoint> Throughput,
    IReadOnlyList<TimeWindow>? ThrottleWindows = null,
    double? TemperatureLimit = null,
    string LimitLabel = "limit",
    string ThroughputUnit = "FPS");

/// <summary>One sample of a trace at <paramref name="Seconds"/> since the start.</summary>
public sealed record TracePoint(double Seconds, double Value);

/// <summary>A stretch of time (e.g. while the device throttled).</summary>
public sealed record TimeWindow(double FromSeconds, double ToSeconds);
