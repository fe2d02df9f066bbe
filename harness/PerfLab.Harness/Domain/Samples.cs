namespace PerfLab.Harness.Domain;

/// <summary>One raw figure of one metric, as the tool produced it (never an aggregate).</summary>
public sealed record Sample(string Metric, double Value, string Unit);

/// <summary>A named pass/fail check with its detail (e.g. "pytest: 6 passed, 0 failed").</summary>
public sealed record Check(string Name, bool Passed, string Detail);

/// <summary>A kept output (log, CSV, answer file): content capped in size, the hash always of the full content.</summary>
public sealed record Artifact(string Name, string MediaType, byte[] Content, string Sha256, long OriginalLength)
{
    public bool Truncated => Content.LongLength < OriginalLength;
}

/// <summary>One telemetry reading taken while a step ran (temperature, power, clocks, throttle flags).</summary>
/// <param name="Flag">Set when the reading says the measurement is suspect, e.g. "throttled: sw_thermal".</param>
public sealed record TelemetryPoint(DateTimeOffset At, string Channel, double Value, string Unit, string? Flag = null);
