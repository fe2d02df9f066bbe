using static PerfLab.Runners.Emulation.Hailo.HailortcliText;

namespace PerfLab.Runners.Emulation.Hailo;

/// <summary>The emulated <c>hailortcli benchmark</c>: the 4.x three-phase run with progress bars, or the 5.x summary.</summary>
internal static class HailortcliBenchmarkCommand
{
    internal static int Run(EmulatedHailoChip chip, EmulatorArguments a, TextWriter stdout, TextWriter stderr)
    {
        var (hef, model, exit) = HailortcliChecks.Prepare(chip, a, a.Positional.FirstOrDefault(), stderr);
        if (hef is null || model is null) return exit!.Value;
        var seconds = a.Number("-t", "--time-to-run") ?? 15;
        var net = hef.NetworkGroup;
        if (chip.Generation5)
        {
            var f = chip.Simulate(hef.Model, model, seconds);
            if (!chip.Profile.PowerSensor)
            {
                stderr.WriteLine("Measurement power is not supported");
                stderr.WriteLine("Measurement current is not supported");
            }
            stdout.Write("\n=======\nSummary\n=======\n");
            stdout.WriteLine($"{net}: FPS: {F2(f.Fps)}");
            var lines = new List<string>();
            if (chip.Profile.PowerSensor && f.PowerAvg is { } pa) lines.Add($"  power: mean={F2(pa)} min={F2(f.PowerMin ?? pa)} max={F2(f.PowerMax ?? pa)}");
            if (f.TempAvg is { } ta) lines.Add($"  temperature: mean={F2(ta)} min={F2(f.TempMin!.Value)} max={F2(f.TempMax!.Value)}");
            if (lines.Count > 0)
            {
                stdout.WriteLine($"{chip.Profile.DeviceId}:");
                foreach (var l in lines) stdout.WriteLine(l);
            }
            return 0;
        }

        // 4.x: three phases of -t seconds each: hw_only, streaming (with power), HW latency.
        var g = chip.Simulate(hef.Model, model, seconds * 3);
        stdout.WriteLine("Starting Measurements...");
        stdout.WriteLine("Measuring FPS in HW-only mode");
        Progress(stdout, net, g.FpsHwOnly, seconds, latency: null);
        stdout.WriteLine("Measuring FPS (and Power on supported platforms) in streaming mode");
        var power = chip.Profile.PowerSensor && g.PowerAvg is not null;
        if (power) OvercurrentWarning(stderr);
        Progress(stdout, net, g.Fps, seconds, latency: null);
        if (g.HwLatency is { } lat)
        {
            stdout.WriteLine("Measuring HW Latency");
            Progress(stdout, net, 1000 / lat, seconds, latency: lat);
        }
        stdout.Write("\n=======\nSummary\n=======\n");
        stdout.WriteLine($"FPS     (hw_only)                 = {G6(g.FpsHwOnly)}");
        stdout.WriteLine($"        (streaming)               = {G6(g.Fps)}");
        if (g.HwLatency is { } hwLat) stdout.WriteLine($"Latency (hw)                      = {G6(hwLat)} ms");
        if (power)
        {
            stdout.WriteLine($"Device {chip.Profile.DeviceId}:");
            stdout.WriteLine($"  Power in streaming mode (average) = {G6(g.PowerAvg!.Value)} W");
            stdout.WriteLine($"                          (max)     = {G6(g.PowerMax ?? g.PowerAvg!.Value)} W");
        }
        return 0;
    }
}
