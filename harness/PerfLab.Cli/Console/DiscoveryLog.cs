using PerfLab.Harness.Devices;

namespace PerfLab.Cli.Console;

/// <summary>Prints what device discovery found wrong ("devices: ..." lines) apart from the device tools this host simply
/// does not have, which go under "notes:" so a host without Hailo or NVIDIA hardware starts without error-like lines.</summary>
public static class DiscoveryLog
{
    public static void Write(TextWriter log, DeviceDiscovery discovery)
    {
        foreach (var note in discovery.Notes) log.WriteLine($"devices: {note}");
        if (discovery.AbsentTools.Count == 0) return;
        log.WriteLine("notes:");
        foreach (var absent in discovery.AbsentTools) log.WriteLine($"  {absent.Note}");
    }
}
