using System.Reflection;
using PerfLab.Harness.Devices;
using PerfLab.Harness.Execution;
using PerfLab.Runners.Command;
using PerfLab.Runners.Processes;

namespace PerfLab.Cli;

/// <summary>The composition root: which runners, device providers and thermal probes this build of perflab has.</summary>
public sealed record PerfLabServices(
    RunnerCatalog Runners,
    IReadOnlyList<IDeviceProvider> DeviceProviders,
    IReadOnlyList<IThermalProbe> ThermalProbes)
{
    public static string AgentVersion { get; } =
        typeof(PerfLabServices).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0] ?? "0.0.0";

    /// <param name="emulate">Add the emulated farm from <paramref name="profilesDirectory"/> (default suites/devices).</param>
    public static PerfLabServices Create(bool emulate = false, string? profilesDirectory = null)
    {
        IProcessLauncher launcher = new ProcessLauncher();
        var runners = new RunnerCatalog(
        [
            new CommandRunner(launcher),
        ]);
        var providers = new List<IDeviceProvider> { new HostDeviceProvider() };
        var probes = new List<IThermalProbe>();
        _ = launcher;
        _ = emulate;
        _ = profilesDirectory;
        return new PerfLabServices(runners, providers, probes);
    }
}
