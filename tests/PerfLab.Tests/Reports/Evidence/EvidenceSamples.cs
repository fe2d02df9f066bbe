using PerfLab.Harness.Domain;
using PerfLab.Harness.Storage;
using PerfLab.Reports.Evidence;

namespace PerfLab.Tests.Reports.Evidence;

/// <summary>Builds judged cases for the evidence tests without a store.</summary>
internal static class EvidenceSamples
{
    public static readonly DateTimeOffset T0 = new(2026, 4, 29, 8, 0, 0, TimeSpan.Zero);

    public static Device Device(string family = "hailo", string model = "HAILO10H", bool emulated = false) =>
        new("dev-1", family, model, new Dictionary<string, string> { ["family"] = family }, new Dictionary<string, string>(), [], emulated);

    public static StoredRun Run(EvidenceScope scope = EvidenceScope.SiliconMeasurement, bool emulated = false, string id = "run-1",
        RunStatus status = RunStatus.Passed, string suite = "hailo-hef-throughput", string build = "7") =>
        new(id, suite, "1", scope, build, "main", new Dictionary<string, string>(), "pi5", "dev-1", "HAILO10H", emulated, status,
            T0, T0.AddMinutes(5), 1, 0);

    public static readonly IReadOnlyDictionary<string, string> HailoFacts = new Dictionary<string, string>
    {
        ["arch"] = "HAILO10H", ["hef_sha256"] = new string('a', 64), ["hailort_version"] = "5.1.1",
        ["hef_inputs"] = "input_layer1 UINT8 NHWC(128x1x128)", ["hef_outputs"] = "dense_conv29 UINT8 NC(101)",
    };

    public static CaseResult Result(
        string name = "model=hydra", CaseStatus status = CaseStatus.Passed, string key = "key-hydra", Device? device = null,
        IReadOnlyDictionary<string, string>? facts = null, IReadOnlyList<Check>? checks = null, IReadOnlyList<TelemetryPoint>? telemetry = null,
        IReadOnlyList<RecordedSample>? samples = null, FailureClass? failure = null, string? message = null) =>
        new(name, new Dictionary<string, string> { ["model"] = "hydra" }, device ?? Device(), key,
            new Dictionary<string, string> { ["suite"] = "hailo-hef-throughput", ["device.model"] = "HAILO10H" }, status, failure, message,
            samples ?? (status == CaseStatus.Passed ? Fps(855.62, 850.1, 858.3, 852.0, 860.2) : []),
            [], checks ?? [], [], telemetry ?? [], facts ?? HailoFacts, T0, T0.AddMinutes(1));

    public static IReadOnlyList<RecordedSample> Fps(params double[] values) =>
        values.Select((v, i) => new RecordedSample("run", i, "fps", v, "FPS")).ToList();

    public static EvidenceCase Case(StoredRun? run = null, CaseResult? result = null, long id = 1) =>
        new(run ?? Run(), id, result ?? Result());
}
