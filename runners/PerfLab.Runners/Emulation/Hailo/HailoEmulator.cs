using System.Globalization;
using System.Text;
using PerfLab.Runners.Hailo;
using PerfLab.Runners.Hailo.Parsing;

namespace PerfLab.Runners.Emulation.Hailo;

/// <summary>Behaves like <c>hailortcli</c> for one emulated device: the 4.23 formats for HailoRT 4.x profiles
/// (Hailo-8) and the 5.1 formats for 5.x profiles (Hailo-10H), figures from the profile with run-to-run noise, a chip
/// that heats under load and cools when idle, and injected regressions.</summary>
/// <remarks>It prints only figures its profile holds; a measurement the profile has no base figure for is omitted,
/// never made up. Invocations do not sleep for <c>-t</c>: the emulated time is accounted in the thermal state.</remarks>
public sealed class HailoEmulator(HailoDeviceProfile profile, HailoEmulatorSettings settings)
{
    private const string Esc = "\x1b";
    private const string CursorUpClear = Esc + "[F" + Esc + "[2K";

    private readonly HailoVersion _version = HailoVersion.Parse(profile.HailortVersion)!;

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

    private bool Generation5 => _version.Major >= 5;

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
            "fw-control" when rest.FirstOrDefault() == "identify" => Identify(new EmulatorArguments(rest.Skip(1)), stdout, stderr),
            "parse-hef" => ParseHef(new EmulatorArguments(rest), stdout, stderr),
            "benchmark" => Benchmark(new EmulatorArguments(rest), stdout, stderr),
            "run" => RunCommand(new EmulatorArguments(rest), stdout, stderr),
            "run2" => Run2(rest, stdout, stderr),
            "measure-power" => MeasurePower(new EmulatorArguments(rest), stdout, stderr),
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
        stdout.WriteLine($"HailoRT-CLI version {_version}");
        return 0;
    }

    private int Scan(TextWriter stdout)
    {
        stdout.WriteLine("Hailo Devices:");
        stdout.WriteLine($"[-] Device: {profile.DeviceId}");
        return 0;
    }

    private int Identify(EmulatorArguments a, TextWriter stdout, TextWriter stderr)
    {
        if (WrongDevice(a, stderr) is { } code) return code;
        stdout.WriteLine($"Executing on device: {profile.DeviceId}");
        stdout.WriteLine("Identifying board");
        stdout.WriteLine("Control Protocol Version: 2");
        stdout.WriteLine(Generation5 ? $"Firmware Version: {profile.Firmware} (release,app)" : $"Firmware Version: {profile.Firmware} (release,app,extended context switch buffer)");
        stdout.WriteLine("Logger Version: 0");
        // 4.22+: Board Name always (4.x) / only if set (5.x); serial, part and product only if set.
        if (!Generation5 || profile.Board is not null) stdout.WriteLine($"Board Name: {profile.Board ?? ""}");
        stdout.WriteLine($"Device Architecture: {profile.Arch}");
        if (profile.Serial is not null) stdout.WriteLine($"Serial Number: {profile.Serial}");
        if (profile.Part is not null) stdout.WriteLine($"Part Number: {profile.Part}");
        if (profile.Product is not null) stdout.WriteLine($"Product Name: {profile.Product}");
        if (a.Flag("--extended"))
        {
            stdout.WriteLine("Boot source: PCIE");
            stdout.WriteLine("Device supported features: " + (Generation5
                ? (profile.PowerSensor ? "PCIE, Power Measurement" : "PCIE")
                : (profile.PowerSensor ? "Current Monitoring, PCIE" : "PCIE")));
        }
        stdout.WriteLine();
        return 0;
    }

    private int? WrongDevice(EmulatorArguments a, TextWriter stderr)
    {
        var id = a.Value("-s", "--device-id");
        if (id is null || id == profile.DeviceId) return null;
        stderr.WriteLine($"[HailoRT CLI] [error] CHECK_SUCCESS failed with status=HAILO_NOT_FOUND(61) - PerfLab emulator: no device {id} (this one is {profile.DeviceId})");
        return 61;
    }

    private (StandInHef? Hef, int? Exit) LoadHef(string? path, TextWriter stderr)
    {
        if (path is null)
        {
            stderr.WriteLine("hef_path is required");
            stderr.WriteLine("Run with --help for more information.");
            return (null, 106);
        }
        if (!File.Exists(path))
        {
            stderr.WriteLine($"hef_path: File does not exist: {path}");
            stderr.WriteLine("Run with --help for more information.");
            return (null, 105);
        }
        var hef = StandInHef.TryRead(path);
        if (hef is null)
        {
            stderr.WriteLine($"[HailoRT] [error] CHECK failed - PerfLab emulator reads only stand-in HEFs (JSON with perflab_stand_in_hef: 1); '{path}' is not one");
            stderr.WriteLine("[HailoRT CLI] [error] CHECK_SUCCESS failed with status=HAILO_HEF_FILE_CORRUPTED(91) - Failed reading hef");
            return (null, 91);
        }
        return (hef, null);
    }

    private int ParseHef(EmulatorArguments a, TextWriter stdout, TextWriter stderr)
    {
        var (hef, exit) = LoadHef(a.Positional.FirstOrDefault(), stderr);
        if (hef is null) return exit!.Value;
        stdout.WriteLine(Generation5
            ? "HEF Compatible for: " + string.Join(", ", hef.CompatibleArchs)
            : "Architecture HEF was compiled for: " + string.Join(", ", hef.CompatibleArchs));
        stdout.WriteLine($"Network group name: {hef.NetworkGroup}, Single Context");
        stdout.WriteLine($"    Network name: {hef.NetworkGroup}/{hef.NetworkGroup}");
        stdout.WriteLine("        VStream infos:");
        foreach (var i in hef.Inputs) stdout.WriteLine($"            Input  {hef.NetworkGroup}/{i.Name} {i.Type}, {i.Order}({i.Shape})");
        foreach (var o in hef.Outputs) stdout.WriteLine($"            Output {hef.NetworkGroup}/{o.Name} {o.Type}, {o.Order}({o.Shape})");
        return 0;
    }

    /// <summary>Checks the HEF against this device the way libhailort does when configuring; null when it may run.</summary>
    private int? Incompatible(StandInHef hef, TextWriter stderr)
    {
        if (hef.CompatibleArchs.Any(x => string.Equals(x, profile.Arch, StringComparison.OrdinalIgnoreCase))) return null;
        const string status = "HAILO_HEF_NOT_COMPATIBLE_WITH_DEVICE(93)";
        var hefArch = string.Join(", ", hef.CompatibleArchs);
        if (Generation5)
            stderr.WriteLine($"[HailoRT] [error] CHECK failed - HEF format is not compatible with device. Device arch: {profile.Arch} , HEF compatible for: {hefArch} ");
        else if (hef.CompatibleArchs.All(x => !HailoTarget.IsHailo8Family(x)))
            stderr.WriteLine($"[HailoRT] [error] CHECK failed - HEF arch {hef.CompatibleArchs[0]} is not valid. Please use HailoRT v5.x instead.");
        else
            stderr.WriteLine($"[HailoRT] [error] CHECK failed - HEF format is not compatible with device. Device arch: {profile.Arch}, HEF arch: {hefArch}");
        stderr.WriteLine($"[HailoRT] [error] CHECK_SUCCESS failed with status={status}");
        stderr.WriteLine($"[HailoRT CLI] [error] CHECK_SUCCESS failed with status={status} - Failed configure vdevice from hef");
        return 93;
    }

    private (StandInHef? Hef, HailoModelFigures? Model, int? Exit) Prepare(EmulatorArguments a, string? hefPath, TextWriter stderr)
    {
        if (WrongDevice(a, stderr) is { } wrong) return (null, null, wrong);
        var (hef, exit) = LoadHef(hefPath, stderr);
        if (hef is null) return (null, null, exit);
        if (Incompatible(hef, stderr) is { } bad) return (null, null, bad);
        if (!profile.Models.TryGetValue(hef.Model, out var model))
        {
            stderr.WriteLine($"[HailoRT CLI] [error] PerfLab emulator: profile '{profile.Name}' has no figures for model '{hef.Model}'");
            return (null, null, 8);
        }
        return (hef, model, null);
    }

    private int Benchmark(EmulatorArguments a, TextWriter stdout, TextWriter stderr)
    {
        var (hef, model, exit) = Prepare(a, a.Positional.FirstOrDefault(), stderr);
        if (hef is null || model is null) return exit!.Value;
        var seconds = a.Number("-t", "--time-to-run") ?? 15;
        var net = hef.NetworkGroup;
        if (Generation5)
        {
            var f = Simulate(hef.Model, model, seconds);
            if (!profile.PowerSensor)
            {
                stderr.WriteLine("Measurement power is not supported");
                stderr.WriteLine("Measurement current is not supported");
            }
            stdout.Write("\n=======\nSummary\n=======\n");
            stdout.WriteLine($"{net}: FPS: {F2(f.Fps)}");
            var lines = new List<string>();
            if (profile.PowerSensor && f.PowerAvg is { } pa) lines.Add($"  power: mean={F2(pa)} min={F2(f.PowerMin ?? pa)} max={F2(f.PowerMax ?? pa)}");
            if (f.TempAvg is { } ta) lines.Add($"  temperature: mean={F2(ta)} min={F2(f.TempMin!.Value)} max={F2(f.TempMax!.Value)}");
            if (lines.Count > 0)
            {
                stdout.WriteLine($"{profile.DeviceId}:");
                foreach (var l in lines) stdout.WriteLine(l);
            }
            return 0;
        }

        // 4.x: three phases of -t seconds each: hw_only, streaming (with power), HW latency.
        var g = Simulate(hef.Model, model, seconds * 3);
        stdout.WriteLine("Starting Measurements...");
        stdout.WriteLine("Measuring FPS in HW-only mode");
        Progress(stdout, net, g.FpsHwOnly, seconds, latency: null);
        stdout.WriteLine("Measuring FPS (and Power on supported platforms) in streaming mode");
        var power = profile.PowerSensor && g.PowerAvg is not null;
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
            stdout.WriteLine($"Device {profile.DeviceId}:");
            stdout.WriteLine($"  Power in streaming mode (average) = {G6(g.PowerAvg!.Value)} W");
            stdout.WriteLine($"                          (max)     = {G6(g.PowerMax ?? g.PowerAvg!.Value)} W");
        }
        return 0;
    }

    private static void OvercurrentWarning(TextWriter stderr)
    {
        stderr.WriteLine("[HailoRT] [warning] Using the overcurrent protection dvm for power measurement will disable the overcurrent protection.");
        stderr.WriteLine("If only taking one measurement, the protection will resume automatically.");
        stderr.WriteLine("If doing continuous measurement, to enable overcurrent protection again you have to stop the power measurement on this dvm.");
    }

    private static void Progress(TextWriter stdout, string net, double rate, double seconds, double? latency)
    {
        var frames = (long)Math.Round(rate * seconds);
        var tail = latency is { } l ? $"HW Latency: {F2(l)} ms" : $"FPS: {F2(rate)}";
        stdout.Write($"Network {net}/{net}: 50% | {frames / 2} | {tail} | ETA: {Eta(seconds / 2)}\n{CursorUpClear}");
        stdout.Write($"Network {net}/{net}: 100% | {frames} | {tail} | ETA: 00:00:00\n");
    }

    private static string Eta(double seconds) => TimeSpan.FromSeconds(Math.Round(seconds)).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);

    private int RunCommand(EmulatorArguments a, TextWriter stdout, TextWriter stderr)
    {
        var hefPath = a.Positional.FirstOrDefault();
        stdout.WriteLine($"Running {(a.Value("-m", "--mode") ?? "streaming")} inference ({hefPath}):");
        stdout.WriteLine("  Transform data: true");
        stdout.WriteLine("    Type:      auto");
        stdout.WriteLine("    Quantized: true");
        if (_version.AtLeast(5, 1) && !HailoTarget.IsHailo8Family(profile.Arch))
        {
            stderr.WriteLine("[HailoRT CLI] [error] CHECK failed - The \"run\" command is not supported for this device type! Use \"run2\" instead.");
            return 6;
        }
        var power = a.Flag("--measure-power");
        var current = a.Flag("--measure-current");
        if ((power || current) && !profile.PowerSensor)
        {
            stderr.WriteLine(power
                ? "[HailoRT CLI] [error] CHECK failed - Power measurement not supported. Disable the power-measure option"
                : "[HailoRT CLI] [error] CHECK failed - Current measurement not supported. Disable the current-measure option");
            return 6;
        }
        var (hef, model, exit) = Prepare(a, hefPath, stderr);
        if (hef is null || model is null) return exit!.Value;

        var latencyMode = a.Flag("--measure-latency");
        var overall = a.Flag("--measure-overall-latency");
        var frameCount = a.Number("-c", "--frames-count");
        var seconds = frameCount is { } fc ? fc / model.Fps!.Value : a.Number("-t", "--time-to-run") ?? 5;
        var f = Simulate(hef.Model, model, seconds);
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
            stdout.WriteLine($"  Device: {profile.DeviceId}");
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

    private int Run2(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var setNet = Array.IndexOf(args, "set-net");
        if (setNet < 0)
        {
            stderr.WriteLine("[HailoRT CLI] [error] CHECK failed - Nothing to run");
            return 2;
        }
        var global = new EmulatorArguments(args.Take(setNet));
        var net = new EmulatorArguments(args.Skip(setNet + 1));
        var power = global.Flag("--measure-power");
        if (power && !profile.PowerSensor)
        {
            stderr.WriteLine("[HailoRT CLI] [error] CHECK failed - Power measurement not supported. Disable the measure-power option");
            return 6;
        }
        var (hef, model, exit) = Prepare(global, net.Positional.FirstOrDefault(), stderr);
        if (hef is null || model is null) return exit!.Value;
        var seconds = global.Number("-t", "--time-to-run") ?? 5;
        var latencyMode = global.Flag("--measure-latency");
        var overall = latencyMode && global.Flag("--measure-overall-latency");
        var temp = global.Flag("--measure-temp");
        var f = Simulate(hef.Model, model, seconds);
        if (latencyMode) stderr.WriteLine("[HailoRT CLI] [warning] Measuring latency; frames are sent one at a time and FPS will not be measured");

        var name = hef.NetworkGroup;
        string NetworkLine(double fpsShown)
        {
            if (!latencyMode) return $"{name}: fps: {F2(fpsShown)}";
            var parts = new List<string>();
            if (f.HwLatency is { } h) parts.Add($"hw latency: {F2(h)} ms");
            if (overall && f.OverallLatency is { } o) parts.Add($"overall latency: {F2(o)} ms");
            return $"{name}: " + string.Join(" | ", parts);
        }
        var measurements = new List<string>();
        if (power && f.PowerAvg is { } pa)
        {
            measurements.Add($"\tMinimum power consumption: {F2(f.PowerMin ?? pa)} W");
            measurements.Add($"\tAverage power consumption: {F2(pa)} W");
            measurements.Add($"\tMaximum power consumption: {F2(f.PowerMax ?? pa)} W");
        }
        if (temp && f.TempAvg is { } ta)
        {
            measurements.Add($"\tMinimum chip temperature: {F2(f.TempMin!.Value)} C");
            measurements.Add($"\tAverage chip temperature: {F2(ta)} C");
            measurements.Add($"\tMaximum chip temperature: {F2(f.TempMax!.Value)} C");
        }
        var block = new StringBuilder();
        void Print(string bar, double fpsShown)
        {
            block.Clear();
            block.Append(bar).Append('\n').Append(NetworkLine(fpsShown)).Append('\n');
            if (measurements.Count > 0)
            {
                block.Append($"\nMeasurements for device {profile.DeviceId}\n");
                foreach (var m in measurements) block.Append(m).Append('\n');
            }
            stdout.Write(block.ToString());
        }
        Print("[==========>         ]  50% " + Eta(seconds / 2), f.Fps);
        stdout.Write(string.Concat(Enumerable.Repeat(CursorUpClear, block.ToString().Count(c => c == '\n'))));
        Print("[===================>] 100% 00:00:00", f.Fps);

        if (global.Value("-j", "--json") is { } json) File.WriteAllText(json, Run2Json(hef, f, latencyMode, overall, power, temp, seconds, net.Positional[0]));
        return 0;
    }

    private string Run2Json(StandInHef hef, SimulatedFigures f, bool latencyMode, bool overall, bool power, bool temp, double seconds, string hefPath)
    {
        string Q(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
        var sb = new StringBuilder();
        sb.Append("{\n");
        sb.Append($"    \"time\": {Q(DateTimeOffset.UnixEpoch.AddSeconds(Now()).ToString("ddd MMM d HH:mm:ss yyyy", CultureInfo.InvariantCulture))},\n");
        sb.Append($"    \"inference_mode\": {Q(Generation5 ? "full_async" : "full_sync")},\n");
        sb.Append("    \"network_groups\": [\n        {\n");
        var fields = new List<string> { $"\"name\": {Q(hef.NetworkGroup)}", $"\"full_hef_path\": {Q(Path.GetFullPath(hefPath))}" };
        if (!latencyMode) fields.Add($"\"FPS\": {Q(F6(f.Fps))}");
        if (latencyMode && f.HwLatency is { } h) fields.Add($"\"hw_latency\": {R(h)}");
        if (overall && f.OverallLatency is { } o) fields.Add($"\"overall_latency\": {R(o)}");
        sb.Append(string.Join(",\n", fields.Select(x => "            " + x))).Append("\n        }\n    ],\n");
        sb.Append($"    \"time_to_run\": {Q(F2(Math.Round(seconds)) + " seconds")}");
        var device = new List<string>();
        if (power && f.PowerAvg is { } pa) device.Add(Stats("power", f.PowerMin ?? pa, pa, f.PowerMax ?? pa, "W"));
        if (temp && f.TempAvg is { } ta) device.Add(Stats("temperature", f.TempMin!.Value, ta, f.TempMax!.Value, "C"));
        if (device.Count > 0)
        {
            sb.Append(",\n    \"devices\": [\n        {\n");
            sb.Append($"            \"device_id\": {Q(profile.DeviceId)},\n");
            sb.Append(string.Join(",\n", device)).Append("\n        }\n    ]");
        }
        sb.Append("\n}");
        return sb.ToString();

        string Stats(string key, double min, double avg, double max, string unit) =>
            $"            {Q(key)}: {{\n                \"min\": {Q(F6(min) + " " + unit)},\n                \"max\": {Q(F6(max) + " " + unit)},\n                \"average\": {Q(F6(avg) + " " + unit)}\n            }}";
    }

    private int MeasurePower(EmulatorArguments a, TextWriter stdout, TextWriter stderr)
    {
        if (WrongDevice(a, stderr) is { } wrong) return wrong;
        if (!profile.PowerSensor || profile.IdlePowerW is null)
        {
            stderr.WriteLine($"Failed to execute on device: {profile.DeviceId}. status= HAILO_INVALID_OPERATION(6)");
            stderr.WriteLine("[HailoRT CLI] [error] CHECK failed - Power measurement not supported on this board (PerfLab emulator)");
            return 6;
        }
        var duration = a.Number("--duration");
        var rng = Tick(0).Random;
        var factor = RegressionFactor("power", "", rng);
        stdout.WriteLine($"Executing on device: {profile.DeviceId}");
        if (duration is null)
        {
            stdout.WriteLine($"Current power consumption (W): {G6(profile.IdlePowerW.Value * factor * rng.LogNormalFactor(profile.NoisePct))}");
            return 0;
        }
        // Readings every ~1.1 ms x 256 averaging: about 3.5 per second.
        var n = Math.Max(1, (int)(duration.Value * 1000 / 281.6));
        var readings = Enumerable.Range(0, n).Select(_ => profile.IdlePowerW.Value * factor * rng.LogNormalFactor(profile.NoisePct)).ToList();
        stdout.WriteLine($"Measuring power consumption over {duration.Value.ToString(CultureInfo.InvariantCulture)} seconds:");
        stdout.WriteLine($"Total samples: {n}");
        stdout.WriteLine($"Max value (W): {G6(readings.Max())}");
        stdout.WriteLine($"Min value (W): {G6(readings.Min())}");
        stdout.WriteLine($"Average value (W): {G6(readings.Average())}");
        stdout.WriteLine("Average time per sample (ms): 281.6");
        return 0;
    }

    /// <summary>Figures of one invocation after noise, heat, throttling and injected regressions.</summary>
    private sealed record SimulatedFigures(double Fps, double FpsHwOnly, double? HwLatency, double? OverallLatency,
        double? TempMin, double? TempAvg, double? TempMax, double? PowerMin, double? PowerAvg, double? PowerMax);

    private SimulatedFigures Simulate(string modelId, HailoModelFigures m, double loadSeconds)
    {
        var (rng, h0, h1) = Tick(loadSeconds);
        var noise = profile.NoisePct;
        var t = profile.Thermal;
        double? TempAt(double? seed, double h) => seed is { } s ? t.IdleC + (s - t.IdleC) * h : null;
        double? tMin = null, tAvg = null, tMax = null;
        if (m.HasTemperature)
        {
            // The whitepapers' figures are the sustained (fully warm) state; a cooler chip reads proportionally lower.
            var shift = profile.TempNoiseC * rng.Normal();
            var tf = RegressionFactor("temperature", modelId, rng);
            var readings = new[]
            {
                (TempAt(m.TempMinC, h0)!.Value + shift + profile.TempNoiseC * rng.Normal()) * tf,
                (TempAt(m.TempAvgC, (h0 + h1) / 2)!.Value + shift + profile.TempNoiseC * rng.Normal()) * tf,
                (TempAt(m.TempMaxC, h1)!.Value + shift + profile.TempNoiseC * rng.Normal()) * tf,
            };
            Array.Sort(readings);
            (tMin, tAvg, tMax) = (readings[0], readings[1], readings[2]);
        }
        var throttle = tAvg is { } avg && avg > t.ThrottleAboveC ? Math.Max(0.3, 1 - t.ThrottlePctPerC / 100 * (avg - t.ThrottleAboveC)) : 1;
        var fpsFactor = RegressionFactor("fps", modelId, rng) * throttle;
        var fps = m.Fps!.Value * fpsFactor * rng.LogNormalFactor(noise);
        var hwOnly = (m.FpsHwOnly ?? m.Fps.Value) * fpsFactor * rng.LogNormalFactor(noise);
        double? Scaled(double? v, string metric) => v is { } x ? x * RegressionFactor(metric, modelId, rng) * RegressionFactor("latency", modelId, rng) * rng.LogNormalFactor(noise) : null;
        var hw = Scaled(m.HwLatencyMs, "hw_latency");
        var overall = Scaled(m.OverallLatencyMs, "overall_latency");
        double? pAvg = null, pMax = null, pMin = null;
        if (profile.PowerSensor && m.PowerAvgW is { } pa)
        {
            var pf = RegressionFactor("power", modelId, rng);
            pAvg = pa * pf * rng.LogNormalFactor(noise);
            pMax = m.PowerMaxW is { } pm ? Math.Max(pAvg.Value, pm * pf * rng.LogNormalFactor(noise)) : null;
            pMin = m.PowerMinW is { } pn ? Math.Min(pAvg.Value, pn * pf * rng.LogNormalFactor(noise)) : null;
        }
        return new SimulatedFigures(fps, hwOnly, hw, overall, tMin, tAvg, tMax, pMin, pAvg, pMax);
    }

    /// <remarks>Only a disturbance with extra noise draws from <paramref name="rng"/>, so profiles without one keep their seeded figures.</remarks>
    private double RegressionFactor(string metric, string model, EmulatorRandom rng) =>
        profile.Regressions
            .Where(r => r.Metric == metric && (r.Model.Length == 0 || r.Model == model) && r.AppliesTo(settings.Build, settings.ConfirmRound))
            .Aggregate(1.0, (acc, r) => acc * r.Factor * (r.NoisePct > 0 ? rng.LogNormalFactor(r.NoisePct) : 1));

    private double Now() => settings.NowSeconds ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

    /// <summary>Advances the device's state by one invocation with <paramref name="loadSeconds"/> of load.</summary>
    private (EmulatorRandom Random, double HeatBefore, double HeatAfter) Tick(double loadSeconds)
    {
        var path = EmulatorThermalState.FileFor(settings.StateDirectory, profile.Name);
        var now = Now();
        var t = profile.Thermal;
        var (index, h0, h1) = EmulatorThermalState.Update(path, state =>
        {
            var idle = state.WallClock > 0 ? EmulatedIdleSeconds(Math.Max(0, now - state.WallClock), t.TimeScale) : 0;
            var before = state.Heat * Math.Exp(-idle / t.CoolTauS);
            var after = 1 - (1 - before) * Math.Exp(-loadSeconds / t.HeatTauS);
            var start = Math.Max(now, state.Clock + idle);
            return (new EmulatorThermalState(after, start + loadSeconds, state.Invocations + 1, now), (state.Invocations, before, after));
        });
        var seed = settings.Seed ?? (ulong)Environment.TickCount64 ^ (ulong)Environment.ProcessId << 32;
        return (EmulatorRandom.For(seed, index, profile.Name), h0, h1);
    }

    /// <summary>Idle wall time as emulated time: the first second passes as is (back-to-back invocations, whose gap
    /// is mostly the emulator's own start-up, must not cool the chip), the rest <paramref name="scale"/> times faster.</summary>
    internal static double EmulatedIdleSeconds(double wallGap, double scale) =>
        wallGap <= 1 ? wallGap : 1 + (wallGap - 1) * scale;

    private static string F2(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);

    private static string F6(double v) => v.ToString("0.000000", CultureInfo.InvariantCulture);

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>C++ iostream default formatting: 6 significant digits, trailing zeros dropped.</summary>
    internal static string G6(double v) => v.ToString("G6", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
}
