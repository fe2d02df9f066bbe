using System.Globalization;
using PerfLab.Runners.Hailo;
using static PerfLab.Runners.Emulation.Hailo.HailortcliText;

namespace PerfLab.Runners.Emulation.Hailo;

/// <summary>The emulated <c>hailortcli run</c>: the inference result block, device measurements and the <c>--csv</c> file.</summary>
internal static class HailortcliRunCommand
{
    internal static int Run(EmulatedHailoChip chip, EmulatorArguments a, TextWriter stdout, TextWriter stderr)
    {
        var hefPath = a.Positional.FirstOrDefault();
        stdout.WriteLine($"Running {(a.Value("-m", "--mode") ?? "streaming")} inference ({hefPath}):");
        stdout.WriteLine("  Transform data: true");
        stdout.WriteLine("    Type:      auto");
        stdout.WriteLine("    Quantized: true");
        if (chip.Version.AtLeast(5, 1) && !HailoTarget.IsHailo8Family(chip.Profile.Arch))
        {
            stderr.WriteLine("[HailoRT CLI] [error] CHECK failed - The \"run\" command is not supported for this device type! Use \"run2\" instead.");
            return 6;
        }
        var power = a.Flag("--measure-power");
        var current = a.Flag("--measure-current");
        if ((power || current) && !chip.Profile.PowerSensor)
        {
            stderr.WriteLine(power
                ? "[HailoRT CLI] [error] CHECK failed - Power measurement not supported. Disable the power-measure option"
                : "[HailoRT CLI] [error] CHECK failed - Current measurement not supported. Disable the current-measure option");
            return 6;
        }
        var (hef, model, exit) = HailortcliChecks.Prepare(chip, a, hefPath, stderr);
        if (hef is null || model is null) return exit!.Value;

        var latencyMode = a.Flag("--measure-latency");
        var overall = a.Flag("--measure-overall-latency");
        var frameCount = a.Number("-c", "--frames-count");
        var seconds = frameCount is { } fc ? fc / model.Fps!.Value : a.Number("-t", "--time-to-run") ?? 5;
        var f = chip.Simulate(hef.Model, model, seconds);
        if (power) OvercurrentWarning(stderr);
        var csv = a.Value("--csv");
        if (csv is not null) stdout.WriteLine($"> Writing inference results to '{csv}'... done.");

        var net = hef.NetworkGroup;
        var frames = latencyMode && f.HwLatency is { } hl ? (long)Math.Round(seconds * 1000 / hl) : (long)Math.Round(f.Fps * seconds);
        Progress(stdout, net, latencyMode && f.HwLatency is { } pl ? 1000 / pl : f.Fps, seconds, latencyMode ? f.HwLatency : null);
        var send = f.Fps * StandInHef.FrameBytes(hef.Inputs) * 8 / 1e6;
        var recv = f.Fps * StandInHef.FrameBytes(hef.Outputs) * 8 / 1e6;
        var latency = latencyMode ? f.HwLatency : null;
        var overallLatency = latencyMode && overall ? f.OverallLatency : null;

        stdout.Write(Esc + "[2K\r> Inference result:\n");
        stdout.WriteLine($" Network group: {net}");
        if (frameCount is null) stdout.WriteLine($"    Frames count: {frames}");
        else stdout.WriteLine($"    Duration: {TimeSpan.FromSeconds(Math.Round(seconds)).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture)}");
        if (!latencyMode)
        {
            stdout.WriteLine($"    FPS: {F2(f.Fps)}");
            stdout.WriteLine($"    Send Rate: {F2(send)} Mbit/s");
            stdout.WriteLine($"    Recv Rate: {F2(recv)} Mbit/s");
        }
        if (latency is { } hw) stdout.WriteLine($"    HW Latency: {F2(hw)} ms");
        if (overallLatency is { } ov) stdout.WriteLine($"    Overall Latency: {F2(ov)} ms");
        stdout.WriteLine();

        var device = new List<string>();
        var withPower = (power || current) && f.PowerAvg is not null;
        if (withPower && power)
        {
            if (f.PowerMin is { } pmin) device.Add($"    Minimum power consumption: {G6(pmin)} W");
            device.Add($"    Average power consumption: {G6(f.PowerAvg!.Value)} W");
            if (f.PowerMax is { } pmax) device.Add($"    Maximum power consumption: {G6(pmax)} W");
        }
        var temp = a.Flag("--measure-temp") && f.TempAvg is not null;
        if (temp)
        {
            device.Add($"    Minimum chip temperature: {G6(f.TempMin!.Value)}C");
            device.Add($"    Average chip temperature: {G6(f.TempAvg!.Value)}C");
            device.Add($"    Maximum chip temperature: {G6(f.TempMax!.Value)}C");
        }
        if (device.Count > 0)
        {
            stdout.WriteLine($"  Device: {chip.Profile.DeviceId}");
            foreach (var l in device) stdout.WriteLine(l);
        }

        if (csv is not null)
        {
            string V(double? v) => v is { } x ? G6(x) : "";
            var row = new[]
            {
                net, "0", "HAILO_SUCCESS", latencyMode ? "" : V(f.Fps), frameCount is null ? frames.ToString(CultureInfo.InvariantCulture) : "",
                latencyMode ? "" : V(send), latencyMode ? "" : V(recv), V(latency), V(overallLatency),
                withPower && power ? V(f.PowerMin) : "", withPower && power ? V(f.PowerAvg) : "", withPower && power ? V(f.PowerMax) : "",
                "", "", "",
                temp ? V(f.TempMin) : "", temp ? V(f.TempAvg) : "", temp ? V(f.TempMax) : "",
            };
            File.WriteAllText(csv, "net_name,status,status_description,fps,num_of_frames,send_rate,recv_rate,hw_latency,overall_latency,min_power,average_power,max_power,min_current,average_current,max_current,min_temp,average_temp,max_temp\n"
                                   + string.Join(",", row) + "\n");
        }
        return 0;
    }
}
