using PerfLab.Harness.Devices;
using PerfLab.Harness.Domain;
using PerfLab.Runners.Hailo;
using PerfLab.Runners.Hailo.Parsing;

namespace PerfLab.Runners.Emulation.Hailo;

/// <summary>One emulated Hailo device per profile: a shim folder with an executable <c>hailortcli</c> that runs
/// <c>&lt;perflab&gt; emulate hailortcli --profile FILE "$@"</c>, and a device whose PATH puts that folder first.</summary>
/// <param name="perflabCommand">How to start PerfLab: <c>[Environment.ProcessPath]</c> or <c>["dotnet", "perflab.dll"]</c>.</param>
/// <param name="shimRoot">Where the shim folders are written (one sub-folder per profile).</param>
/// <param name="stateDirectory">Where the emulated chips keep their heat; null for the emulator's default.</param>
public sealed class HailoEmulatedDeviceProvider(
    IReadOnlyList<string> profilePaths,
    IReadOnlyList<string> perflabCommand,
    string shimRoot,
    string? stateDirectory = null) : IDeviceProvider
{
    public string Family => "hailo";

    /// <summary>The Hailo profiles shipped in a devices folder (<c>hailo-*.yaml</c>).</summary>
    public static IReadOnlyList<string> ProfilesIn(string devicesDirectory) =>
        Directory.Exists(devicesDirectory)
            ? Directory.GetFiles(devicesDirectory, "hailo-*.yaml").Order(StringComparer.Ordinal).ToList()
            : [];

    public Task<DeviceDiscovery> DiscoverAsync(CancellationToken cancellationToken)
    {
        var devices = new List<Device>();
        var notes = new List<string>();
        foreach (var path in profilePaths)
        {
            HailoDeviceProfile profile;
            try { profile = HailoDeviceProfile.Load(path); }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                notes.Add("emulated Hailo profile skipped: " + e.Message);
                continue;
            }
            devices.Add(CreateDevice(profile));
        }
        return Task.FromResult(new DeviceDiscovery(devices, notes));
    }

    /// <summary>Writes the profile's shim and returns its device record.</summary>
    public Device CreateDevice(HailoDeviceProfile profile)
    {
        var shimDir = Path.Combine(shimRoot, profile.Name);
        WriteShim(shimDir, profile.SourcePath);
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = shimDir + Path.PathSeparator + (Environment.GetEnvironmentVariable("PATH") ?? ""),
        };
        if (stateDirectory is not null) env[HailoEmulatorSettings.StateDirectoryVariable] = stateDirectory;

        var identity = new HailoIdentity(profile.DeviceId, "2", profile.Firmware, null, profile.Board, profile.Arch,
            profile.Serial, profile.Part, profile.Product, []);
        var probe = profile.ProbeHef is null
            ? null
            : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(profile.SourcePath)!, profile.ProbeHef));
        var device = HailoDeviceProvider.ToDevice(identity, HailoVersion.Parse(profile.HailortVersion)!, emulated: true, env, probe,
            idPrefix: $"hailo-emulated:{profile.Name}:", profile: profile.Name);
        var props = new Dictionary<string, string>(device.Properties, StringComparer.Ordinal) { ["profile_path"] = profile.SourcePath };
        return device with { Properties = props };
    }

    private void WriteShim(string shimDir, string profilePath)
    {
        Directory.CreateDirectory(shimDir);
        var command = string.Join(" ", perflabCommand.Select(Quote));
        var script = "#!/bin/sh\n"
                     + "# Written by PerfLab: hailortcli for an emulated device. Not the real tool.\n"
                     + $"exec {command} emulate hailortcli --profile {Quote(profilePath)} \"$@\"\n";
        var path = Path.Combine(shimDir, HailoCli.DefaultTool);
        File.WriteAllText(path, script);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                                       | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''") + "'";
}
