using System.Globalization;
using System.Text;
using PerfLab.Results.Import;

namespace PerfLab.Tests.Gating;

/// <summary>Generates CSV histories for the gate tests: devices × builds × samples of fps (higher is better) and latency
/// (lower is better) with Gaussian noise from a fixed seed, and optionally an FPS drop on one device from one build on.</summary>
internal sealed record HistoryCsv(
    string[] Devices,
    int Builds,
    int Samples,
    double NoisePercent,
    int Seed = 42,
    string? DropDevice = null,
    int DropFromBuild = int.MaxValue,
    double DropPercent = 0)
{
    public static readonly string[] FarmDevices = ["rpi5-hailo8", "x86-hailo8", "rpi5-hailo10h"];

    public static string Build(int b) => "b" + b.ToString("00", CultureInfo.InvariantCulture);

    public string Text()
    {
        var random = new Random(Seed);
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var sb = new StringBuilder(CsvHistoryReader.Header).Append('\n');
        var t0 = new DateTimeOffset(2025, 1, 1, 2, 0, 0, TimeSpan.Zero);
        for (var b = 0; b < Builds; b++)
            foreach (var device in Devices)
                for (var s = 0; s < Samples; s++)
                {
                    var at = t0.AddDays(b).AddMinutes(s).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                    var fps = 800 * (device == DropDevice && b >= DropFromBuild ? 1 - DropPercent / 100 : 1) * (1 + NoisePercent / 100 * Gaussian());
                    var latency = 4 * (1 + NoisePercent / 100 * Gaussian());
                    sb.Append(CultureInfo.InvariantCulture, $"{at},{Build(b)},{device},yolo,yolov8s,fps,fps,higher,{fps:0.###}\n");
                    sb.Append(CultureInfo.InvariantCulture, $"{at},{Build(b)},{device},yolo,yolov8s,hw_latency,ms,lower,{latency:0.#####}\n");
                }
        return sb.ToString();
    }

    public string WriteTo(string path)
    {
        File.WriteAllText(path, Text());
        return path;
    }
}
