namespace PerfLab.Runners.Emulation.Hailo;

/// <summary>The emulated <c>hailortcli fw-control identify</c> and <c>parse-hef</c>: what the device and a HEF say about themselves.</summary>
internal static class HailortcliInfoCommands
{
    internal static int Identify(EmulatedHailoChip chip, EmulatorArguments a, TextWriter stdout, TextWriter stderr)
    {
        if (HailortcliChecks.WrongDevice(chip, a, stderr) is { } code) return code;
        stdout.WriteLine($"Executing on device: {chip.Profile.DeviceId}");
        stdout.WriteLine("Identifying board");
        stdout.WriteLine("Control Protocol Version: 2");
        stdout.WriteLine(chip.Generation5 ? $"Firmware Version: {chip.Profile.Firmware} (release,app)" : $"Firmware Version: {chip.Profile.Firmware} (release,app,extended context switch buffer)");
        stdout.WriteLine("Logger Version: 0");
        // 4.22+: Board Name always (4.x) / only if set (5.x); serial, part and product only if set.
        if (!chip.Generation5 || chip.Profile.Board is not null) stdout.WriteLine($"Board Name: {chip.Profile.Board ?? ""}");
        stdout.WriteLine($"Device Architecture: {chip.Profile.Arch}");
        if (chip.Profile.Serial is not null) stdout.WriteLine($"Serial Number: {chip.Profile.Serial}");
        if (chip.Profile.Part is not null) stdout.WriteLine($"Part Number: {chip.Profile.Part}");
        if (chip.Profile.Product is not null) stdout.WriteLine($"Product Name: {chip.Profile.Product}");
        if (a.Flag("--extended"))
        {
            stdout.WriteLine("Boot source: PCIE");
            stdout.WriteLine("Device supported features: " + (chip.Generation5
                ? (chip.Profile.PowerSensor ? "PCIE, Power Measurement" : "PCIE")
                : (chip.Profile.PowerSensor ? "Current Monitoring, PCIE" : "PCIE")));
        }
        stdout.WriteLine();
        return 0;
    }

    internal static int ParseHef(EmulatedHailoChip chip, EmulatorArguments a, TextWriter stdout, TextWriter stderr)
    {
        var (hef, exit) = HailortcliChecks.LoadHef(a.Positional.FirstOrDefault(), stderr);
        if (hef is null) return exit!.Value;
        stdout.WriteLine(chip.Generation5
            ? "HEF Compatible for: " + string.Join(", ", hef.CompatibleArchs)
            : "Architecture HEF was compiled for: " + string.Join(", ", hef.CompatibleArchs));
        stdout.WriteLine($"Network group name: {hef.NetworkGroup}, Single Context");
        stdout.WriteLine($"    Network name: {hef.NetworkGroup}/{hef.NetworkGroup}");
        stdout.WriteLine("        VStream infos:");
        foreach (var i in hef.Inputs) stdout.WriteLine($"            Input  {hef.NetworkGroup}/{i.Name} {i.Type}, {i.Order}({i.Shape})");
        foreach (var o in hef.Outputs) stdout.WriteLine($"            Output {hef.NetworkGroup}/{o.Name} {o.Type}, {o.Order}({o.Shape})");
        return 0;
    }
}
