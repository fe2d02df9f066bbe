using PerfLab.Harness.Domain;
using PerfLab.Harness.Execution;
using PerfLab.Runners.Hailo.Parsing;
using PerfLab.Runners.Processes;

namespace PerfLab.Runners.Hailo;

/// <summary>Reads a Hailo chip's temperature between cases by a one-second inference with <c>--measure-temp</c>.</summary>
/// <remarks>hailortcli has no stand-alone temperature command (<c>fw-control</c> offers none); temperature exists only as
/// a measurement of <c>run</c>/<c>run2 --measure-temp</c> (and 5.x <c>benchmark</c>), polled every 100 ms. The probe runs the
/// device's probe HEF (property <see cref="ProbeHefProperty"/>) for 1 s and reports the <b>minimum</b>: the reading
/// nearest the chip's state before the probe's own load warmed it. <c>run2</c> is used where <c>run</c> is refused.</remarks>
public sealed class HailoThermalProbe(IProcessLauncher launcher, string tool = HailoCli.DefaultTool) : IThermalProbe
{
    /// <summary>The device property naming the HEF the probe runs.</summary>
    public const string ProbeHefProperty = "thermal_probe_hef";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public string Family => "hailo";

    public async Task<double?> ReadCelsiusAsync(Device device, CancellationToken cancellationToken)
    {
        if (!device.Properties.TryGetValue(ProbeHefProperty, out var hef)) return null;
        var version = HailoVersion.Parse(device.Properties.GetValueOrDefault("hailort_version") ?? "");
        var arch = device.Properties.GetValueOrDefault("arch") ?? device.Model;
        var id = device.Properties.GetValueOrDefault(HailoPreflight.DeviceIdProperty);
        var useRun2 = version is not null && version.AtLeast(5, 1) && !HailoTarget.IsHailo8Family(arch);
        var ids = id is null ? Array.Empty<string>() : ["-s", id];
        string[] args = useRun2
            ? ["run2", "-t", "1", "--measure-temp", .. ids, "set-net", hef]
            : ["run", hef, "-t", "1", "--measure-temp", .. ids];
        var env = device.Environment.ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        var result = await new HailoCli(launcher, tool).RunAsync(args, env, Path.GetTempPath(), Timeout, cancellationToken).ConfigureAwait(false);
        if (!result.ExitedCleanly) return null;
        var m = useRun2 ? HailoRun2Parser.ParseStdout(result.Stdout.Text) : HailoRunParser.Parse(result.Stdout.Text);
        return m.Value(HailoMetrics.TempMin);
    }
}
