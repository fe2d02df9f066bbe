using System.Globalization;
using System.Text;
using static PerfLab.Runners.Emulation.Hailo.HailortcliText;

namespace PerfLab.Runners.Emulation.Hailo;

/// <summary>The emulated <c>hailortcli run2</c>: the redrawn progress block and the <c>--json</c> report.</summary>
internal static class HailortcliRun2Command
{
    internal static int Run(EmulatedHailoChip chip, string[] args, TextWriter stdout, TextWriter stderr)
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
        if (power && !chip.Profile.PowerSensor)
        {
            stderr.WriteLine("[HailoRT CLI] [error] CHECK failed - Power measurement not supported. Disable the measure-power option");
            return 6;
        }
        var (hef, model, exit) = HailortcliChecks.Prepare(chip, global, net.Positional.FirstOrDefault(), stderr);
        if (hef is null || model is null) return exit!.Value;
        var seconds = global.Number("-t", "--time-to-run") ?? 5;
        var latencyMode = global.Flag("--measure-latency");
        var overall = latencyMode && global.Flag("--measure-overall-latency");
        var temp = global.Flag("--measure-temp");
        var f = chip.Simulate(hef.Model, model, seconds);
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
                block.Append($"\nMeasurements for device {chip.Profile.DeviceId}\n");
                foreach (var m in measurements) block.Append(m).Append('\n');
            }
            stdout.Write(block.ToString());
        }
        Print("[==========>         ]  50% " + Eta(seconds / 2), f.Fps);
        stdout.Write(string.Concat(Enumerable.Repeat(CursorUpClear, block.ToString().Count(c => c == '\n'))));
        Print("[===================>] 100% 00:00:00", f.Fps);

        if (global.Value("-j", "--json") is { } json) File.WriteAllText(json, Run2Json(chip, hef, f, latencyMode, overall, power, temp, seconds, net.Positional[0]));
        return 0;
    }

    private static string Run2Json(EmulatedHailoChip chip, StandInHef hef, SimulatedFigures f, bool latencyMode, bool overall, bool power, bool temp, double seconds, string hefPath)
    {
        string Q(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
        var sb = new StringBuilder();
        sb.Append("{\n");
        sb.Append($"    \"time\": {Q(DateTimeOffset.UnixEpoch.AddSeconds(chip.Now()).ToString("ddd MMM d HH:mm:ss yyyy", CultureInfo.InvariantCulture))},\n");
        sb.Append($"    \"inference_mode\": {Q(chip.Generation5 ? "full_async" : "full_sync")},\n");
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
            sb.Append($"            \"device_id\": {Q(chip.Profile.DeviceId)},\n");
            sb.Append(string.Join(",\n", device)).Append("\n        }\n    ]");
        }
        sb.Append("\n}");
        return sb.ToString();

        string Stats(string key, double min, double avg, double max, string unit) =>
            $"            {Q(key)}: {{\n                \"min\": {Q(F6(min) + " " + unit)},\n                \"max\": {Q(F6(max) + " " + unit)},\n                \"average\": {Q(F6(avg) + " " + unit)}\n            }}";
    }
}
