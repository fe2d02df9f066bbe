using PerfLab.Harness.Devices;
using PerfLab.Harness.Domain;
using PerfLab.Runners.Hailo.Parsing;
using PerfLab.Runners.Processes;

namespace PerfLab.Runners.Hailo;

/// <summary>Finds the Hailo modules on this host: <c>hailortcli --version</c>, <c>scan</c>, then <c>fw-control identify</c>
/// per device. A tool not installed is an absent tool, a missing driver a note; neither is an exception.</summary>
/// <param name="environment">Extra environment for the tool (e.g. a PATH); null keeps the agent's.</param>
/// <param name="thermalProbeHef">A HEF the thermal probe may run for one second to read the chip temperature.</param>
public sealed class HailoDeviceProvider(
    IProcessLauncher launcher,
    string tool = HailoCli.DefaultTool,
    IReadOnlyDictionary<string, string>? environment = null,
    string? thermalProbeHef = null) : IDeviceProvider
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    public string Family => "hailo";

    public async Task<DeviceDiscovery> DiscoverAsync(CancellationToken cancellationToken)
    {
        var cli = new HailoCli(launcher, tool);
        var env = (environment ?? new Dictionary<string, string>()).ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        var cwd = Path.GetTempPath();
        var notes = new List<string>();

        var version = await cli.RunAsync(["--version"], env, cwd, CallTimeout, cancellationToken).ConfigureAwait(false);
        if (version.NotInstalled) return DeviceDiscovery.WithoutTool(new AbsentTool(tool, "Hailo modules"));
        if (!version.ExitedCleanly) return new([], [Why(version, tool + " --version")]);
        var hailort = HailoVersion.FromCliOutput(version.Stdout.Text);
        if (hailort is null) return new([], [$"{tool} --version printed no HailoRT-CLI version"]);

        var scan = await cli.RunAsync(["scan"], env, cwd, CallTimeout, cancellationToken).ConfigureAwait(false);
        if (!scan.ExitedCleanly) return new([], [Why(scan, tool + " scan")]);
        var ids = HailoScanParser.Parse(scan.Stdout.Text);
        if (ids.Count == 0) notes.Add($"{tool} scan found no Hailo device (HailoRT {hailort})");

        var devices = new List<Device>();
        foreach (var id in ids)
        {
            var identify = await cli.RunAsync(["fw-control", "identify", "-s", id], env, cwd, CallTimeout, cancellationToken).ConfigureAwait(false);
            var identity = identify.ExitedCleanly ? HailoIdentifyParser.Parse(identify.Stdout.Text).FirstOrDefault() : null;
            if (identity is null)
            {
                notes.Add($"device {id}: " + (identify.ExitedCleanly ? "fw-control identify printed no identity" : Why(identify, "fw-control identify")));
                continue;
            }
            devices.Add(ToDevice(identity, hailort, emulated: false, environment ?? new Dictionary<string, string>(), thermalProbeHef));
        }
        return new DeviceDiscovery(devices, notes);
    }

    /// <summary>The PerfLab device record for an identified module (shared with the emulated provider).</summary>
    public static Device ToDevice(HailoIdentity identity, HailoVersion hailort, bool emulated,
        IReadOnlyDictionary<string, string> environment, string? thermalProbeHef, string? idPrefix = null, string? profile = null)
    {
        var arch = identity.Architecture ?? "Unknown";
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["family"] = "hailo",
            ["arch"] = arch,
            ["board"] = identity.BoardName ?? arch,
            ["emulated"] = emulated ? "true" : "false",
        };
        if (profile is not null) labels["profile"] = profile;
        var props = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [HailoPreflight.DeviceIdProperty] = identity.DeviceId,
            ["arch"] = arch,
            ["hailort_version"] = hailort.ToString(),
        };
        void Put(string k, string? v) { if (v is not null) props[k] = v; }
        Put("firmware_version", identity.FirmwareVersion);
        Put("board", identity.BoardName);
        Put("serial", identity.SerialNumber);
        Put("part", identity.PartNumber);
        Put("product", identity.ProductName);
        Put(HailoThermalProbe.ProbeHefProperty, thermalProbeHef);
        var key = new List<string> { "arch", "hailort_version" };
        if (identity.FirmwareVersion is not null) key.Add("firmware_version");
        return new Device((idPrefix ?? "hailo:") + identity.DeviceId, "hailo", arch, labels, props, key, emulated)
        {
            Environment = environment,
        };
    }

    private static string Why(ProcessResult r, string what)
    {
        if (r.SpawnError is { } spawn) return $"{what}: {spawn}";
        if (r.TimedOut) return $"{what}: timed out";
        var error = HailoErrorClassifier.Classify(r.ExitCode ?? -1, r.Stderr.Text);
        return $"{what}: {error.Class}: {error.Message}";
    }
}
