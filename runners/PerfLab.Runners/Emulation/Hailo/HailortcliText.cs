using System.Globalization;

namespace PerfLab.Runners.Emulation.Hailo;

/// <summary>The number, progress-bar and warning formats hailortcli prints, shared by the emulated commands.</summary>
internal static class HailortcliText
{
    internal const string Esc = "\x1b";
    internal const string CursorUpClear = Esc + "[F" + Esc + "[2K";

    internal static void OvercurrentWarning(TextWriter stderr)
    {
        stderr.WriteLine("[HailoRT] [warning] Using the overcurrent protection dvm for power measurement will disable the overcurrent protection.");
        stderr.WriteLine("If only taking one measurement, the protection will resume automatically.");
        stderr.WriteLine("If doing continuous measurement, to enable overcurrent protection again you have to stop the power measurement on this dvm.");
    }

    internal static void Progress(TextWriter stdout, string net, double rate, double seconds, double? latency)
    {
        var frames = (long)Math.Round(rate * seconds);
        var tail = latency is { } l ? $"HW Latency: {F2(l)} ms" : $"FPS: {F2(rate)}";
        stdout.Write($"Network {net}/{net}: 50% | {frames / 2} | {tail} | ETA: {Eta(seconds / 2)}\n{CursorUpClear}");
        stdout.Write($"Network {net}/{net}: 100% | {frames} | {tail} | ETA: 00:00:00\n");
    }

    internal static string Eta(double seconds) => TimeSpan.FromSeconds(Math.Round(seconds)).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);

    internal static string F2(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);

    internal static string F6(double v) => v.ToString("0.000000", CultureInfo.InvariantCulture);

    internal static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>C++ iostream default formatting: 6 significant digits, trailing zeros dropped.</summary>
    internal static string G6(double v) => v.ToString("G6", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
}
