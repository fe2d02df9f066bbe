using System.Globalization;
using PerfLab.Harness.Devices;
using PerfLab.Harness.Domain;
using PerfLab.Runners.Cuda.Parsing;
using PerfLab.Runners.Processes;

namespace PerfLab.Runners.Cuda;

/// <summary>Finds this host's NVIDIA GPUs with nvidia-smi (fields discovered first, then one identity row per GPU).</summary>
/// <param name="environment">Extra variables for nvidia-smi (e.g. a PATH); the devices found carry them on.</param>
public sealed class CudaDeviceProvider(IProcessLauncher launcher, IReadOnlyDictionary<string, string?>? environment = null) : IDeviceProvider
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public string Family => "cuda";

    public async Task<DeviceDiscovery> DiscoverAsync(CancellationToken cancellationToken)
    {
        var env = environment ?? new Dictionary<string, string?>();
        var cwd = Directory.GetCurrentDirectory();
        var help = await launcher.RunAsync(new ProcessSpec("nvidia-smi", ["--help-query-gpu"], cwd, env, Timeout), cancellationToken).ConfigureAwait(false);
        if (help.NotInstalled) return DeviceDiscovery.WithoutTool(new AbsentTool("nvidia-smi", "NVIDIA GPUs"));
        if (!help.ExitedCleanly) return new DeviceDiscovery([], ["nvidia-smi --help-query-gpu: " + CudaHostProbe.Describe(help)]);
        var names = NvidiaSmiHelpQueryParser.Parse(help.Stdout.Text);
        if (!names.Ok) return new DeviceDiscovery([], ["nvidia-smi --help-query-gpu: " + names.Error]);
        var fields = GpuQueryFields.Select(names.Value!);
        var query = await launcher.RunAsync(new ProcessSpec("nvidia-smi", ["--query-gpu=" + fields.IdentityQuery, "--format=csv,noheader,nounits"], cwd, env, Timeout), cancellationToken).ConfigureAwait(false);
        if (!query.ExitedCleanly) return new DeviceDiscovery([], ["nvidia-smi --query-gpu: " + CudaHostProbe.Describe(query)]);
        var ids = GpuIdentity.Parse(query.Stdout.Text, fields.Identity);
        if (!ids.Ok) return new DeviceDiscovery([], ["nvidia-smi --query-gpu: " + ids.Error]);
        var deviceEnv = env.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!, StringComparer.Ordinal);
        return new DeviceDiscovery(ids.Value!.Select(id => ToDevice(id, emulated: false) with { Environment = deviceEnv }).ToList(), []);
    }

    /// <summary>The Device for one GPU; labels family, model, compute_capability and emulated are what suites select on.</summary>
    public static Device ToDevice(GpuIdentity id, bool emulated, string? idPrefix = null)
    {
        var props = new Dictionary<string, string>(StringComparer.Ordinal);
        void Put(string k, string? v) { if (v is not null) props[k] = v; }
        Put("uuid", id.Uuid);
        Put("index", id.Index?.ToString(CultureInfo.InvariantCulture));
        Put("driver", id.Driver);
        Put("compute_capability", id.ComputeCapability);
        Put("memory_total_mib", id.MemoryTotalMib?.ToString(CultureInfo.InvariantCulture));
        Put("pci_bus_id", id.PciBusId);
        Put("serial", id.Serial);
        Put("vbios", id.VbiosVersion);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["family"] = "cuda",
            ["model"] = id.Name,
            ["compute_capability"] = id.ComputeCapability ?? "unknown",
            ["emulated"] = emulated ? "true" : "false",
        };
        var key = id.Uuid ?? id.Index?.ToString(CultureInfo.InvariantCulture) ?? id.Name;
        return new Device((idPrefix ?? "cuda:") + key, "cuda", id.Name, labels, props, ["driver", "compute_capability"], emulated);
    }
}
