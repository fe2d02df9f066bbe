using System.Reflection;
using PerfLab.Harness.Devices;
using PerfLab.Harness.Execution;
using PerfLab.Runners.Command;
using PerfLab.Runners.Cuda;
using PerfLab.Runners.Emulation.Cuda;
using PerfLab.Runners.Emulation.Hailo;
using PerfLab.Runners.Hailo;
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

    /// <param name="emulate">Add the emulated farm from <paramref name="profilesDirectory"/>.</param>
    /// <param name="launcher">How runners and probes start processes; default the real <see cref="ProcessLauncher"/> (the demo routes its emulated tools in-process).</param>
    public static PerfLabServices Create(bool emulate = false, string? profilesDirectory = null, IProcessLauncher? launcher = null)
    {
        launcher ??= new ProcessLauncher();
        var runners = new RunnerCatalog(
        [
            new CommandRunner(launcher),
            new HailoRunRunner(launcher),
            new HailoBenchmarkRunner(launcher),
            new HailoIdentifyRunner(launcher),
            new HailoIdlePowerRunner(launcher),
            new HailoSoakRunner(launcher),
            .. CudaRunners.Create(launcher),
        ]);
        var providers = new List<IDeviceProvider>
        {
            new HostDeviceProvider(),
            new HailoDeviceProvider(launcher),
            new CudaDeviceProvider(launcher),
        };
        if (emulate) providers.AddRange(EmulatedProviders(profilesDirectory ?? SuiteSource.Resolve(null).DevicesDirectory));
        var probes = new List<IThermalProbe> { new HailoThermalProbe(launcher), new CudaThermalProbe(launcher) };
        return new PerfLabServices(runners, providers, probes);
    }

    private static IEnumerable<IDeviceProvider> EmulatedProviders(string profilesDirectory)
    {
        if (!Directory.Exists(profilesDirectory))
            throw new UsageException($"{Path.GetFullPath(profilesDirectory)}: no such folder of emulated device profiles (set --profiles)");
        // Shims and chip state live per user under the temp folder: state persists between runs, as a real
        // chip's temperature does between nightly suites, and nothing is written into the checkout.
        var root = Path.Combine(Path.GetTempPath(), "perflab-emulation-" + Environment.UserName);
        var self = SelfInvocation.Current();
        yield return new HailoEmulatedDeviceProvider(
            HailoEmulatedDeviceProvider.ProfilesIn(profilesDirectory), self, Path.Combine(root, "hailo-shims"), Path.Combine(root, "hailo-state"));
        yield return new CudaEmulatedDeviceProvider(profilesDirectory, self, Path.Combine(root, "cuda-shims"));
    }
}
