using NUnit.Framework;
using PerfLab.Runners.Emulation.Cuda;
using PerfLab.Runners.Emulation.Hailo;
using PerfLab.Tests.Farm;

namespace PerfLab.Tests.Containers;

/// <summary>The shipped suites exported from perflab and cut to fit the container budget, and the device-tool shims of the
/// emulated farm written by the product's own emulated providers. Paths are the same on the machine and in the host
/// containers (bind-mounted at the same place), so the shims the providers write work in both.</summary>
internal sealed record ShippedFarm(string Suites, string Shims)
{
    /// <summary>The perflab executable as the host containers see it.</summary>
    public const string PerflabInHost = "/opt/perflab/perflab";

    /// <summary>Exports the shipped suites into <paramref name="root"/>/suites and cuts them down (printed: no cool-down
    /// waits, 2 repetitions without warm-up, the decode reference at its 8192-token full-attention point only).</summary>
    public static ShippedFarm Create(string root)
    {
        var suites = Path.Combine(root, "suites");
        var export = PerflabProcess.Run(root, null, TimeSpan.FromSeconds(60), "suites", "export", suites);
        Assert.That(export.Exit, Is.Zero, export.Output);
        foreach (var file in Directory.GetFiles(suites, "*.yaml"))
        {
            var lines = File.ReadAllLines(file)
                .Where(l => !l.TrimStart().StartsWith("cooldown_to:", StringComparison.Ordinal))
                .Where(l => !Path.GetFileName(file).StartsWith("cuda-decode-reference", StringComparison.Ordinal)
                            || !l.TrimStart().StartsWith("- {tkv:", StringComparison.Ordinal)
                            || l.Contains("tkv: \"8192\", variant: full", StringComparison.Ordinal))
                .Select(l => l.Replace("repetitions: 5", "repetitions: 2", StringComparison.Ordinal)
                              .Replace("repetitions: 10", "repetitions: 2", StringComparison.Ordinal)
                              .Replace("warmup: 1", "warmup: 0", StringComparison.Ordinal));
            File.WriteAllLines(file, lines);
        }
        TestContext.Out.WriteLine("shipped suites cut for the container budget: no cool-down waits, 2 repetitions, no warm-up, cuda-decode-reference at tkv 8192 full only");
        return new ShippedFarm(suites, Directory.CreateDirectory(Path.Combine(root, "shims")).FullName);
    }

    /// <summary>The profile file of a shipped emulated device (e.g. hailo-8-emulated, gpu-rtx-4090).</summary>
    public string Profile(string name) => Path.Combine(Suites, "devices", name + ".yaml");

    /// <summary>Writes the hailortcli shim for a Hailo profile; returns the folder to put first on the host's PATH.</summary>
    public async Task<string> HailoShimAsync(string profile)
    {
        var provider = new HailoEmulatedDeviceProvider([Profile(profile)], [PerflabInHost], Path.Combine(Shims, "hailo"));
        var found = await provider.DiscoverAsync(CancellationToken.None);
        Assert.That(found.Devices, Has.Count.EqualTo(1), string.Join("; ", found.Notes));
        return Path.Combine(Shims, "hailo", HailoDeviceProfile.Load(Profile(profile)).Name);
    }

    /// <summary>Writes the nvidia-smi/python3 shims for a GPU profile; returns the host environment that selects it.</summary>
    public async Task<Dictionary<string, string>> GpuEnvironmentAsync(string profile)
    {
        var only = Directory.CreateDirectory(Path.Combine(Shims, "gpu-profiles")).FullName;
        File.Copy(Profile(profile), Path.Combine(only, profile + ".yaml"), overwrite: true);
        var provider = new CudaEmulatedDeviceProvider(only, [PerflabInHost], Path.Combine(Shims, "gpu"));
        var found = await provider.DiscoverAsync(CancellationToken.None);
        Assert.That(found.Devices, Has.Count.EqualTo(1), string.Join("; ", found.Notes));
        var env = found.Devices[0].Environment;
        var shimDir = env["PATH"].Split(':')[0];
        return new Dictionary<string, string>
        {
            ["PATH"] = shimDir + ":/usr/local/bin:/usr/bin:/bin",
            [CudaEmulatorSettings.ProfileVariable] = env[CudaEmulatorSettings.ProfileVariable],
            [CudaEmulatorSettings.StateVariable] = env[CudaEmulatorSettings.StateVariable],
        };
    }

    /// <summary>The binds every farm host needs: perflab, and the suites and shims at their own paths.</summary>
    public IReadOnlyList<(string, string, bool)> Binds => [AgentHost.Perflab, (Suites, Suites, true), (Shims, Shims, false)];
}
