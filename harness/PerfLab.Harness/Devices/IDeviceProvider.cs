using PerfLab.Harness.Domain;

namespace PerfLab.Harness.Devices;

/// <summary>Finds the devices of one family on this host (hailortcli scan, nvidia-smi, emulated profiles...).</summary>
public interface IDeviceProvider
{
    string Family { get; }

    /// <summary>The devices present; an absent tool means no devices plus a note, never an exception.</summary>
    Task<DeviceDiscovery> DiscoverAsync(CancellationToken cancellationToken);
}

/// <summary>What one provider found, and what it could not look at (e.g. "hailortcli not on PATH").</summary>
public sealed record DeviceDiscovery(IReadOnlyList<Device> Devices, IReadOnlyList<string> Notes);
