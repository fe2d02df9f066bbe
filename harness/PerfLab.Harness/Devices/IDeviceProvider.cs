using PerfLab.Harness.Domain;

namespace PerfLab.Harness.Devices;

/// <summary>Finds the devices of one family on this host (hailortcli scan, nvidia-smi, emulated profiles...).</summary>
public interface IDeviceProvider
{
    string Family { get; }

    /// <summary>The devices present; an absent tool means no devices plus a note, never an exception.</summary>
    Task<DeviceDiscovery> DiscoverAsync(CancellationToken cancellationToken);
}

/// <summary>What one provider found, what went wrong while looking (<see cref="Notes"/>: a tool that failed, a device
/// that did not answer), and which device tools are simply not installed here (<see cref="AbsentTools"/>: not a fault).</summary>
public sealed record DeviceDiscovery(IReadOnlyList<Device> Devices, IReadOnlyList<string> Notes)
{
    /// <summary>Device tools not installed on this host; nothing is wrong, the host just has no such devices.</summary>
    public IReadOnlyList<AbsentTool> AbsentTools { get; init; } = [];

    /// <summary>No devices, because <paramref name="tool"/> is not installed.</summary>
    public static DeviceDiscovery WithoutTool(AbsentTool tool) => new([], []) { AbsentTools = [tool] };
}

/// <summary>A device tool this host does not have, and which devices therefore were not looked for.</summary>
/// <param name="Tool">The program, e.g. <c>hailortcli</c>.</param>
/// <param name="Devices">What it would have found, e.g. "Hailo modules".</param>
public sealed record AbsentTool(string Tool, string Devices)
{
    /// <summary>"hailortcli not present on this host: Hailo modules were not looked for".</summary>
    public string Note => $"{Tool} not present on this host: {Devices} were not looked for";
}
