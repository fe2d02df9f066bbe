using PerfLab.Harness.Domain;

namespace PerfLab.Harness.Devices;

/// <summary>Asks every provider for its devices; a provider that fails adds a note instead of stopping the others, and
/// the device tools not installed here are collected apart from those notes.</summary>
public sealed class DeviceInventory(IEnumerable<IDeviceProvider> providers)
{
    public async Task<DeviceDiscovery> DiscoverAsync(CancellationToken cancellationToken)
    {
        var devices = new List<Device>();
        var notes = new List<string>();
        var absent = new List<AbsentTool>();
        foreach (var provider in providers)
        {
            try
            {
                var found = await provider.DiscoverAsync(cancellationToken).ConfigureAwait(false);
                devices.AddRange(found.Devices);
                notes.AddRange(found.Notes.Select(n => $"{provider.Family}: {n}"));
                absent.AddRange(found.AbsentTools);
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                notes.Add($"{provider.Family}: discovery failed: {e.Message}");
            }
        }
        return new DeviceDiscovery(devices, notes) { AbsentTools = absent };
    }
}
