namespace PerfLab.Runners.Emulation.Hailo;

/// <summary>Behaves like <c>hailortcli</c> for one emulated device: the 4.23 formats for HailoRT 4.x profiles
/// (Hailo-8) and the 5.1 formats for 5.x profiles (Hailo-10H), figures from the profile with run-to-run noise, a chip
/// that heats under load and cools when idle, and injected regressions.</summary>
/// <remarks>It prints only figures its profile holds; a measurement the profile has no base figure for is omitted,
/// never made up. Invocations do not sleep for <c>-t</c>: the emulated time is accounted in the thermal state.</remarks>
public sealed class HailoEmulator(HailoDeviceProfile profile, HailoEmulatorSettings settings)
{
    private readonly EmulatedHailoChip _chip = new(profile, settings);

    /// <summary>The <c>perflab emulate hailortcli --profile FILE ARGS...</c> entry: loads the profile, reads the environment.</summary>
    public static int RunFromCommandLine(string profilePath, string[] args, TextWriter stdout, TextWriter stderr)
    {
        HailoDeviceProfile p;
        try { p = HailoDeviceProfile.Load(profilePath); }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            stderr.WriteLine("[PerfLab emulator] [error] " + e.Message);
            return 2;
        }
        return new HailoEmulator(p, HailoEmulatorSettings.FromProcess()).Run(args, stdout, stderr);
    }

    /// <summary>Runs one hailortcli command line; returns its exit code (a hailo_status, as the real tool does).</summary>
    public int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0)
        {
            stderr.WriteLine("A subcommand is required");
            stderr.WriteLine("Run with --help for more information.");
            return 106;
        }
        var rest = args.Skip(1).ToArray();
        return args[0] switch
        {
            "--version" => Version(stdout),
            "scan" => Scan(stdout),
            "fw-control" when rest.FirstOrDefault() == "identify" => HailortcliInfoCommands.Identify(_chip, new EmulatorArguments(rest.Skip(1)), stdout, stderr),
            "parse-hef" => HailortcliInfoCommands.ParseHef(_chip, new EmulatorArguments(rest), stdout, stderr),
            "benchmark" => HailortcliBenchmarkCommand.Run(_chip, new EmulatorArguments(rest), stdout, stderr),
            "run" => HailortcliRunCommand.Run(_chip, new EmulatorArguments(rest), stdout, stderr),
            "run2" => HailortcliRun2Command.Run(_chip, rest, stdout, stderr),
            "measure-power" => HailortcliMeasurePowerCommand.Run(_chip, new EmulatorArguments(rest), stdout, stderr),
            _ => Unexpected(args[0], stderr),
        };
    }

    private static int Unexpected(string arg, TextWriter stderr)
    {
        stderr.WriteLine($"The following argument was not expected: {arg}");
        stderr.WriteLine("Run with --help for more information.");
        return 109;
    }

    private int Version(TextWriter stdout)
    {
        stdout.WriteLine($"HailoRT-CLI version {_chip.Version}");
        return 0;
    }

    private int Scan(TextWriter stdout)
    {
        stdout.WriteLine("Hailo Devices:");
        stdout.WriteLine($"[-] Device: {_chip.Profile.DeviceId}");
        return 0;
    }
}
