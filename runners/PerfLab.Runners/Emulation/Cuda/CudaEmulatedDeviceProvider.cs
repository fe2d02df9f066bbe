using System.Globalization;
using PerfLab.Harness.Devices;
using PerfLab.Harness.Domain;
using PerfLab.Runners.Cuda;
using PerfLab.Runners.Cuda.Parsing;

namespace PerfLab.Runners.Emulation.Cuda;

/// <summary>One emulated GPU per <c>gpu-*.yaml</c> profile: a shim folder whose <c>nvidia-smi</c>, <c>python3</c>, <c>python</c>
/// and <c>kernels</c> call <c>PERFLAB emulate ...</c>, put first on the device's PATH.</summary>
/// <param name="perflab">How to start PerfLab, e.g. ["/usr/bin/perflab"] or ["dotnet", "/opt/perflab/perflab.dll"].</param>
/// <param name="shimRoot">Where the shim folders (and the emulators' invocation counters) are written.</param>
public sealed class CudaEmulatedDeviceProvider(string profilesDirectory, IReadOnlyList<string> perflab, string shimRoot) : IDeviceProvider
{
    public string Family => "cuda";

    public Task<DeviceDiscovery> DiscoverAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(profilesDirectory)) return Task.FromResult(new DeviceDiscovery([], [$"no GPU profile folder {profilesDirectory}"]));
        var devices = new List<Device>();
        var notes = new List<string>();
        foreach (var file in Directory.GetFiles(profilesDirectory, GpuProfileLoader.FilePattern).Order(StringComparer.Ordinal))
        {
            try
            {
                devices.Add(Build(GpuProfileLoader.Load(file)));
            }
            catch (InvalidDataException e)
            {
                notes.Add(e.Message);
            }
        }
        return Task.FromResult(new DeviceDiscovery(devices, notes));
    }

    private Device Build(GpuProfile p)
    {
        var dir = Path.Combine(Path.GetFullPath(shimRoot), p.Id);
        Directory.CreateDirectory(dir);
        WriteShim(dir, "nvidia-smi", p, [CudaEmulator.NvidiaSmiTool]);
        WriteShim(dir, "python3", p, [CudaEmulator.HydraBenchmarkTool]);
        WriteShim(dir, "python", p, [CudaEmulator.HydraBenchmarkTool]);
        WriteShim(dir, "kernels", p, [CudaEmulator.HydraBenchmarkTool, EmulatedHydraPython.KernelsCliFlag]);
        var id = new GpuIdentity(0, p.Name, p.Uuid, p.Driver, p.ComputeCapability, p.MemoryTotalMib, "00000000:01:00.0", null, null);
        var device = CudaDeviceProvider.ToDevice(id, emulated: true, idPrefix: "cuda-emu:");
        var labels = new Dictionary<string, string>(device.Labels, StringComparer.Ordinal) { ["gpu"] = p.Id };
        var props = new Dictionary<string, string>(device.Properties, StringComparer.Ordinal)
        {
            ["profile"] = p.SourcePath, ["seed_row"] = p.SeedRow, ["cuda"] = p.Cuda,
            ["card_smoke_ms"] = p.SmokeMs.ToString(CultureInfo.InvariantCulture), ["card_hf_mean_ms"] = p.HfMeanMs.ToString(CultureInfo.InvariantCulture),
        };
        var path = dir + ":" + (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin");
        return device with
        {
            Labels = labels,
            Properties = props,
            Environment = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["PATH"] = path,
                [CudaEmulatorSettings.ProfileVariable] = p.SourcePath,
                [CudaEmulatorSettings.StateVariable] = Path.Combine(dir, "state"),
            },
        };
    }

    private void WriteShim(string dir, string name, GpuProfile p, IReadOnlyList<string> tool)
    {
        var path = Path.Combine(dir, name);
        // The profile is baked in as a default so the shim also works from a shell that lacks the device's environment.
        var text = "#!/bin/sh\n# PerfLab emulated CUDA tool; generated, do not edit.\n"
            + $": \"${{{CudaEmulatorSettings.ProfileVariable}:={Quote(p.SourcePath)}}}\"\n"
            + $"export {CudaEmulatorSettings.ProfileVariable}\n"
            + "exec " + string.Join(" ", perflab.Select(Quote)) + " emulate " + string.Join(" ", tool.Select(Quote)) + " \"$@\"\n";
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''") + "'";
}
