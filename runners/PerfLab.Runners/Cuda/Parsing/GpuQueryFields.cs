namespace PerfLab.Runners.Cuda.Parsing;

/// <summary>The <c>--query-gpu</c> fields PerfLab asks for, chosen from those this driver's nvidia-smi lists.</summary>
/// <remarks>Drivers renamed <c>clocks_throttle_reasons.*</c> to <c>clocks_event_reasons.*</c> (and some fields gained
/// <c>.current</c>); asking for a name the driver does not know fails the whole query, so every name is checked
/// against the discovered list first.</remarks>
public sealed record GpuQueryFields(IReadOnlyList<string> Identity, IReadOnlyList<string> Telemetry, string? ThrottlePrefix)
{
    /// <summary>Clock-event reasons that mean clocks were held down for power or heat (idle, app clocks and sync boost do not).</summary>
    public static IReadOnlyList<string> ThrottleReasons { get; } =
        ["sw_power_cap", "hw_slowdown", "hw_thermal_slowdown", "hw_power_brake_slowdown", "sw_thermal_slowdown"];

    public static GpuQueryFields Select(IReadOnlySet<string> available)
    {
        string? First(params string[] names) => names.FirstOrDefault(available.Contains);
        var identity = new[]
        {
            First("index"), First("name"), First("uuid"), First("driver_version"), First("compute_cap"),
            First("memory.total"), First("pci.bus_id"), First("serial"), First("vbios_version"),
        }.OfType<string>().ToList();

        var prefix = available.Contains("clocks_event_reasons.active") ? "clocks_event_reasons"
            : available.Contains("clocks_throttle_reasons.active") ? "clocks_throttle_reasons" : null;
        var telemetry = new List<string?>
        {
            First("timestamp"), First("index"), First("temperature.gpu"), First("power.draw", "power.draw.average"),
            First("clocks.current.sm", "clocks.sm"), First("clocks.current.memory", "clocks.mem"),
            First("utilization.gpu"), First("utilization.memory"), First("memory.used"), First("pstate"),
        };
        if (prefix is not null)
        {
            telemetry.Add(prefix + ".active");
            telemetry.AddRange(ThrottleReasons.Select(r => prefix + "." + r).Where(available.Contains));
        }
        return new GpuQueryFields(identity, telemetry.OfType<string>().ToList(), prefix);
    }

    public string IdentityQuery => string.Join(",", Identity);

    public string TelemetryQuery => string.Join(",", Telemetry);
}
