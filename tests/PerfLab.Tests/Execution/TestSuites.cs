using PerfLab.Harness.Domain;

namespace PerfLab.Tests.Execution;

/// <summary>Builds suites and devices in code, for engine tests that must not depend on the YAML loader.</summary>
internal static class TestSuites
{
    public static Device Device(string id = "dev0", string family = "host", string model = "TestCPU", bool emulated = false,
        IReadOnlyDictionary<string, string>? labels = null) =>
        new(id, family, model,
            labels ?? new Dictionary<string, string> { ["family"] = family, ["model"] = model },
            new Dictionary<string, string> { ["firmware"] = "1.2.3" }, ["firmware"], emulated);

    public static StepSpec Step(string name, string runner = "scripted", int? reps = null, int? warmup = null, bool once = false) =>
        new(name, runner, ArgMap.Empty, [], reps, warmup, null, once, new SourcePosition(1, 1));

    public static Suite Suite(
        IReadOnlyList<StepSpec> steps,
        IReadOnlyList<MatrixPoint>? matrix = null,
        IReadOnlyList<DeviceSelector>? requires = null,
        SuiteThermal? thermal = null,
        int repetitions = 3,
        int warmup = 1) =>
        new("test-suite", "a suite built in code", "1", requires ?? [], EvidenceScope.HostMeasurement,
            new SuiteDefaults(repetitions, warmup, TimeSpan.FromSeconds(10)),
            matrix ?? [MatrixPoint.Empty], steps,
            [new MetricSpec("fps", "FPS", Better.Higher, MetricGate.None), new MetricSpec("latency", "ms", Better.Lower, MetricGate.None)],
            thermal, "/tmp/test-suite.yaml", "00");

    public static MatrixPoint Point(params (string Key, string Value)[] values) =>
        new(values.ToDictionary(v => v.Key, v => v.Value), null);
}
