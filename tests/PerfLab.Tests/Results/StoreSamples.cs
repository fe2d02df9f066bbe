using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using PerfLab.Harness.Domain;

namespace PerfLab.Tests.Results;

/// <summary>Builds runs and cases for store tests, and reads raw tables beside the store.</summary>
internal static class StoreSamples
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public static Device Device(string id = "hailo:0001:01:00.0", string model = "HAILO8", bool emulated = false) =>
        new(id, "hailo", model,
            new Dictionary<string, string> { ["family"] = "hailo", ["arch"] = "hailo8" },
            new Dictionary<string, string> { ["firmware"] = "4.20.0", ["serial"] = "HLLWM2B218" },
            ["firmware"], emulated);

    public static HostInfo Host(string name = "pi5-lab-1") => new(name, "Linux 6.6", "arm64", 4, "Cortex-A76");

    public static RunInfo Run(
        string id, string build = "b1", DateTimeOffset? at = null, string suite = "hailo-yolo", string branch = "main",
        string host = "pi5-lab-1", Device? device = null, IReadOnlyList<MetricSpec>? metrics = null) =>
        new(id, suite, "3", new string('a', 64), EvidenceScope.SiliconMeasurement, build, branch,
            new Dictionary<string, string> { ["ci"] = "nightly" }, Host(host), device ?? Device(), "0.1.0",
            new Dictionary<string, string> { ["HAILORT"] = "4.20.0" }, at ?? T0,
            metrics ??
            [
                new MetricSpec("fps", "fps", Better.Higher, new MetricGate(5, 100, null), "frames per second"),
                new MetricSpec("hw_latency", "ms", Better.Lower, new MetricGate(10, null, 20)),
            ]);

    public static CaseResult Case(
        string name = "model=yolov8s", string key = "key-yolov8s", CaseStatus status = CaseStatus.Passed,
        IReadOnlyList<RecordedSample>? samples = null, Device? device = null, IReadOnlyList<TelemetryPoint>? telemetry = null,
        DateTimeOffset? at = null)
    {
        var start = at ?? T0.AddMinutes(1);
        var failed = status != CaseStatus.Passed;
        return new CaseResult(
            name, new Dictionary<string, string> { ["model"] = "yolov8s", ["batch"] = "1" }, device ?? Device(), key,
            new Dictionary<string, string> { ["device.model"] = "HAILO8", ["hef.sha256"] = "c0ffee" }, status,
            failed ? FailureClass.NonZeroExit : null, failed ? "hailortcli exited 74" : null,
            samples ?? (failed ? [] : [Sample(812.5), Sample(815.25), Sample(3.9, "hw_latency", "ms")]),
            [new RepetitionRecord("bench", 0, true, 10.5, 0, null), new RepetitionRecord("bench", 1, false, 10.25, failed ? 74 : 0, failed ? "nonzero-exit" : null)],
            [new Check("hef-loaded", true, "network yolov8s")],
            [Artifact("bench.log", "text/plain", "FPS: 812.5\n"u8.ToArray())],
            telemetry ?? [new TelemetryPoint(start.AddSeconds(1), "chip_temp", 48.5, "°C"), new TelemetryPoint(start.AddSeconds(2), "chip_temp", 51, "°C", "throttled: none")],
            new Dictionary<string, string> { ["hailort"] = "4.20.0" }, start, start.AddSeconds(30));
    }

    public static RecordedSample Sample(double value, string metric = "fps", string unit = "fps", int repetition = 1) =>
        new("bench", repetition, metric, value, unit);

    public static Artifact Artifact(string name, string mediaType, byte[] content, long? originalLength = null) =>
        new(name, mediaType, content, Convert.ToHexStringLower(SHA256.HashData(content)), originalLength ?? content.LongLength);

    public static SqliteConnection Raw(string path)
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        c.Open();
        return c;
    }

    /// <summary>Runs <paramref name="sql"/> on a plain connection of its own (no store, no migrations).</summary>
    public static void Execute(string path, string sql)
    {
        using var c = Raw(path);
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public static long Scalar(string path, string sql)
    {
        using var c = Raw(path);
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string Text(string path, string sql)
    {
        using var c = Raw(path);
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToString(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }
}
