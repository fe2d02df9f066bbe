using PerfLab.Harness.Domain;

namespace PerfLab.Harness.Devices;

/// <summary>The host's own CPU as a device, so general-purpose suites (the Command runner) have somewhere to run.</summary>
public sealed class HostDeviceProvider : IDeviceProvider
{
    public string Family => "host";

    public Task<DeviceDiscovery> DiscoverAsync(CancellationToken cancellationToken)
    {
        var host = HostInspector.Describe();
        var device = new Device(
            "host",
            "host",
            host.CpuModel,
            new Dictionary<string, string>
            {
                ["family"] = "host",
                ["arch"] = host.Architecture,
                ["model"] = host.CpuModel,
                ["emulated"] = "false",
            },
            new Dictionary<string, string>
            {
                ["cpu_count"] = host.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["os"] = host.Os,
                ["host"] = host.Name,
            },
            ["cpu_count"],
            Emulated: false);
        return Task.FromResult(new DeviceDiscovery([device], []));
    }
}
