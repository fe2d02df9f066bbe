using System.Globalization;
using static PerfLab.Runners.Emulation.Hailo.HailortcliText;

namespace PerfLab.Runners.Emulation.Hailo;

/// <summary>The emulated <c>hailortcli measure-power</c>: one idle reading, or a series over <c>--duration</c> seconds.</summary>
internal static class HailortcliMeasurePowerCommand
{
    internal static int Run(EmulatedHailoChip chip, EmulatorArguments a, TextWriter stdout, TextWriter stderr)
    {
        if (HailortcliChecks.WrongDevice(chip, a, stderr) is { } wrong) return wrong;
        if (!chip.Profile.PowerSensor || chip.Profile.IdlePowerW is null)
        {
            stderr.WriteLine($"Failed to execute on device: {chip.Profile.DeviceId}. status= HAILO_INVALID_OPERATION(6)");
            stderr.WriteLine("[HailoRT CLI] [error] CHECK failed - Power measurement not supported on this board (PerfLab emulator)");
            return 6;
        }
        var duration = a.Number("--duration");
        var rng = chip.Tick(0).Random;
        var factor = chip.RegressionFactor("power", "", rng);
        stdout.WriteLine($"Executing on device: {chip.Profile.DeviceId}");
        if (duration is null)
        {
            stdout.WriteLine($"Current power consumption (W): {G6(chip.Profile.IdlePowerW.Value * factor * rng.LogNormalFactor(chip.Profile.NoisePct))}");
            return 0;
        }
        // Readings every ~1.1 ms x 256 averaging: about 3.5 per second.
        var n = Math.Max(1, (int)(duration.Value * 1000 / 281.6));
        var readings = Enumerable.Range(0, n).Select(_ => chip.Profile.IdlePowerW.Value * factor * rng.LogNormalFactor(chip.Profile.NoisePct)).ToList();
        stdout.WriteLine($"Measuring power consumption over {duration.Value.ToString(CultureInfo.InvariantCulture)} seconds:");
        stdout.WriteLine($"Total samples: {n}");
        stdout.WriteLine($"Max value (W): {G6(readings.Max())}");
        stdout.WriteLine($"Min value (W): {G6(readings.Min())}");
        stdout.WriteLine($"Average value (W): {G6(readings.Average())}");
        stdout.WriteLine("Average time per sample (ms): 281.6");
        return 0;
    }
}
