using PerfLab.Harness.Domain;

namespace PerfLab.Runners.Cuda;

/// <summary>The telemetry taken around and during one step, and what went wrong taking it (null when nothing did).</summary>
public sealed record GpuTelemetryCapture(IReadOnlyList<TelemetryPoint> Points, string? Problem)
{
    public static GpuTelemetryCapture None(string why) => new([], why);

    /// <summary>The distinct throttle flags seen, e.g. "throttled: sw_thermal_slowdown".</summary>
    public IReadOnlyList<string> Flags => Points.Select(p => p.Flag).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
}
