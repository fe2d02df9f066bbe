using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PerfLab.Harness.Domain;

using PerfLab.Results;
using PerfLab.Results.Merge;

namespace PerfLab.Benchmarks.Farm;

/// <summary>Generated nightly results of a farm host, shaped like the shipped suites (for the farm scale benchmark only; never evidence).</summary>
/// <remarks>A host night is <see cref="SuitesPerNight"/> runs of <see cref="CasesPerRun"/> cases; a case has
/// <see cref="Repetitions"/> repetitions × <see cref="Metrics"/> samples, a repetition row each (plus warm-up), two checks,
/// <see cref="TelemetryPerCase"/> telemetry points and a 1 KiB log artifact. Values are seeded by (host, night): reproducible.</remarks>
public static class SyntheticFarm
{
    public const int SuitesPerNight = 2;
    public const int CasesPerRun = 4;
    public const int Repetitions = 5;
    public const int TelemetryPerCase = 10;

    public static IReadOnlyList<(string Name, string Unit, Better Better)> Metrics { get; } =
    [
        ("fps", "FPS", Better.Higher), ("hw_latency", "ms", Better.Lower), ("overall_latency", "ms", Better.Lower),
        ("temp_min", "°C", Better.Lower), ("temp_avg", "°C", Better.Lower), ("temp_max", "°C", Better.Lower),
        ("power_avg", "W", Better.Lower), ("power_max", "W", Better.Lower),
    ];

    public static DateTimeOffset FirstNight { get; } = new(2025, 1, 1, 2, 0, 0, TimeSpan.Zero);

    public static string HostName(int host) => "farm-host-" + host.ToString("D3", CultureInfo.InvariantCulture);

    /// <summary>The runs one host stores in one night, each with its cases.</summary>
    public static IEnumerable<(RunInfo Run, IReadOnlyList<CaseResult> Cases)> Night(int host, int night)
    {
        var random = new Random(HashCode.Combine(host, night, 7919));
        var hostInfo = new HostInfo(HostName(host), "Linux 6.8", host % 2 == 0 ? "arm64" : "x64", 4, host % 2 == 0 ? "Cortex-A76" : "Intel Core i5");
        var arch = host % 2 == 0 ? "HAILO10H" : "HAILO8";
        var device = new Device($"hailo:0001:01:00.0", "hailo", arch,
            new Dictionary<string, string> { ["family"] = "hailo", ["arch"] = arch, ["emulated"] = "false" },
            new Dictionary<string, string> { ["hailort_version"] = arch == "HAILO8" ? "4.23.0" : "5.1.1", ["serial"] = $"HLS{host:D6}" },
            ["hailort_version"], false);
        var start = FirstNight.AddDays(night).AddMinutes(host % 60);
        var build = "build-" + night.ToString(CultureInfo.InvariantCulture);
        for (var s = 0; s < SuitesPerNight; s++)
        {
            var suite = $"farm-suite-{s}";
            var runStart = start.AddMinutes(30 * s);
            var id = runStart.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" +
                     Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{host}/{night}/{s}")))[..12];
            var run = new RunInfo(id, suite, "1", new string('a', 64), EvidenceScope.SiliconMeasurement, build, "main",
                new Dictionary<string, string> { ["nightly"] = "true" }, hostInfo, device, "0.1.0",
                new Dictionary<string, string> { ["env.CI"] = "true", ["perflab.version"] = "0.1.0" }, runStart,
                Metrics.Select(m => new MetricSpec(m.Name, m.Unit, m.Better, new MetricGate(5, null, null))).ToList());
            var cases = new List<CaseResult>(CasesPerRun);
            for (var k = 0; k < CasesPerRun; k++) cases.Add(Case(random, device, host, suite, k, runStart.AddMinutes(k)));
            yield return (run, cases);
        }
    }

    private static CaseResult Case(Random random, Device device, int host, string suite, int index, DateTimeOffset at)
    {
        var model = "model-" + index.ToString(CultureInfo.InvariantCulture);
        var samples = new List<RecordedSample>(Repetitions * Metrics.Count);
        var repetitions = new List<RepetitionRecord> { new("run", 0, true, 5.1, 0, null) };
        for (var r = 0; r < Repetitions; r++)
        {
            for (var m = 0; m < Metrics.Count; m++)
                samples.Add(new RecordedSample("run", r, Metrics[m].Name, (m + 1) * 100 * (1 + 0.01 * random.NextDouble()), Metrics[m].Unit));
            repetitions.Add(new RepetitionRecord("run", r, false, 5.0 + random.NextDouble() * 0.1, 0, null));
        }
        var telemetry = Enumerable.Range(0, TelemetryPerCase)
            .Select(t => new TelemetryPoint(at.AddSeconds(3 * t), "chip_temp", 50 + random.NextDouble() * 5, "°C")).ToList();
        var log = new byte[1024];
        random.NextBytes(log);
        var key = ComparabilityKey(host, suite, model);
        return new CaseResult($"model={model}", new Dictionary<string, string> { ["model"] = model }, device, key,
            new Dictionary<string, string> { ["model"] = model, ["device"] = device.Model, ["suite"] = suite },
            CaseStatus.Passed, null, null, samples, repetitions,
            [new Check("exit-code", true, "0"), new Check("hef-sha256", true, "matches")],
            [new Artifact("run.log", "text/plain", log, Convert.ToHexStringLower(SHA256.HashData(log)), log.Length)],
            telemetry, new Dictionary<string, string> { ["hailort"] = "5.1.1" }, at, at.AddSeconds(30));
    }

    /// <summary>The comparability key of a host's case: the same every night, so a host's nights form one history.</summary>
    public static string ComparabilityKey(int host, string suite, string model) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{host}/{suite}/{model}")))[..16];

    /// <summary>Every (suite, model) a host measures each night.</summary>
    public static IEnumerable<(string Suite, string Model)> SuiteModels() =>
        from s in Enumerable.Range(0, SuitesPerNight)
        from k in Enumerable.Range(0, CasesPerRun)
        select ($"farm-suite-{s}", "model-" + k.ToString(CultureInfo.InvariantCulture));

    /// <summary>Writes nights [<paramref name="firstNight"/>, +<paramref name="nights"/>) of one host into an agent database through
    /// the store's writer, as that host's agent would (the file's origin is the host).</summary>
    public static void WriteHost(string path, int host, int firstNight, int nights)
    {
        using var store = SqliteResultStore.Open(path, new AgentProcess(Environment.ProcessId, HostName(host), null));
        for (var n = firstNight; n < firstNight + nights; n++)
        {
            foreach (var (run, cases) in Night(host, n)) store.IngestRun(run, RunStatus.Passed, run.StartedAt.AddMinutes(20), cases);
        }
    }
}
