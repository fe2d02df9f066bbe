namespace PerfLab.Runners.Hailo.Parsing;

/// <summary>The metric names the Hailo runners store; suites declare these.</summary>
/// <remarks>Names from <c>benchmark</c> carry a <c>bench_</c> prefix because benchmark measures in its own phases
/// (hw_only, streaming, latency) and its figures are not comparable with those of <c>run</c>/<c>run2</c>.</remarks>
public static class HailoMetrics
{
    public const string Fps = "fps";
    public const string Frames = "frames";
    public const string SendRate = "send_rate";
    public const string RecvRate = "recv_rate";
    public const string HwLatency = "hw_latency";
    public const string OverallLatency = "overall_latency";
    public const string PowerMin = "power_min";
    public const string PowerAvg = "power_avg";
    public const string PowerMax = "power_max";
    public const string CurrentMin = "current_min";
    public const string CurrentAvg = "current_avg";
    public const string CurrentMax = "current_max";
    public const string TempMin = "temp_min";
    public const string TempAvg = "temp_avg";
    public const string TempMax = "temp_max";

    public const string BenchFpsHwOnly = "bench_fps_hw_only";
    public const string BenchFpsStreaming = "bench_fps_streaming";
    public const string BenchHwLatency = "bench_hw_latency";
    public const string BenchOverallLatency = "bench_overall_latency";
    public const string BenchFps = "bench_fps";
    public const string BenchPowerMin = "bench_power_min";
    public const string BenchPowerAvg = "bench_power_avg";
    public const string BenchPowerMax = "bench_power_max";
    public const string BenchCurrentMin = "bench_current_min";
    public const string BenchCurrentAvg = "bench_current_avg";
    public const string BenchCurrentMax = "bench_current_max";
    public const string BenchTempMin = "bench_temp_min";
    public const string BenchTempAvg = "bench_temp_avg";
    public const string BenchTempMax = "bench_temp_max";

    public const string IdlePower = "idle_power";
    public const string IdlePowerMin = "idle_power_min";
    public const string IdlePowerMax = "idle_power_max";

    public const string SoakFps = "soak_fps";
    public const string SoakTempMax = "soak_temp_max";
    public const string SoakFpsDrop = "soak_fps_drop";
}

/// <summary>Unit spellings stored with Hailo figures.</summary>
public static class HailoUnits
{
    public const string Fps = "FPS";
    public const string Frames = "frames";
    public const string Milliseconds = "ms";
    public const string Watts = "W";
    public const string Milliamps = "mA";
    public const string Millivolts = "mV";
    public const string Celsius = "°C";
    public const string MegabitsPerSecond = "Mbit/s";
    public const string Percent = "%";
}
