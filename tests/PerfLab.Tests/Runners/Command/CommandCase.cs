using PerfLab.Harness.Domain;
using PerfLab.Harness.Execution;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Runners.Command;

/// <summary>Steps and contexts for Command runner tests: a suite declaring fps/latency/wall metrics, a host
/// device whose PATH puts the fake tools first, and the engine's run variables.</summary>
internal static class CommandCase
{
    public const string Build = "build-0123abc";
    public const string RunId = "run-42";
    public const string DeviceId = "host-test";

    public static string FakeTools => Path.Combine(RepoPaths.Fakes, "command");

    public static string Fake(string name) => Path.Combine(FakeTools, name);

    public static ExtractSpec Regex(string metric, string pattern, double scale = 1) => new(metric, ExtractKind.Regex, pattern, scale, new SourcePosition(20, 5));

    public static ExtractSpec Json(string metric, string path, double scale = 1) => new(metric, ExtractKind.JsonPath, path, scale, new SourcePosition(21, 5));

    public static ExtractSpec Wall(string metric = "wall", double scale = 1) => new(metric, ExtractKind.WallClock, "", scale, new SourcePosition(22, 5));

    public static StepSpec Step(string withYaml, params ExtractSpec[] extract) =>
        new("bench", "command", ArgYaml.Map(withYaml), extract, null, null, null, false, new SourcePosition(1, 3));

    public static StepContext Context(StepSpec step, string? suiteDirectory = null, TimeSpan? timeout = null, int repetition = 1, bool warmup = false)
    {
        var suite = new Suite("command-tests", "", "1", [], EvidenceScope.HostMeasurement, SuiteDefaults.Standard,
            [MatrixPoint.Empty], [step],
            [
                new MetricSpec("fps", "fps", Better.Higher, MetricGate.None),
                new MetricSpec("p50", "ms", Better.Lower, MetricGate.None),
                new MetricSpec("wall", "s", Better.Lower, MetricGate.None),
                new MetricSpec("value", "count", Better.Higher, MetricGate.None),
            ],
            null, Path.Combine(suiteDirectory ?? FakeTools, "suite.yaml"), "");
        var device = new Device(DeviceId, "host", "test host", new Dictionary<string, string>(), new Dictionary<string, string>(), [], false)
        {
            Environment = new Dictionary<string, string>
            {
                ["PATH"] = FakeTools + ":" + (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin"),
            },
        };
        var run = new Dictionary<string, string>
        {
            [RunEnvironmentNames.Build] = Build,
            [RunEnvironmentNames.RunId] = RunId,
            [RunEnvironmentNames.DeviceId] = DeviceId,
        };
        return new StepContext(step, new PlannedCase(suite, MatrixPoint.Empty, device), repetition, warmup,
            timeout ?? TimeSpan.FromSeconds(30), suiteDirectory ?? FakeTools, run);
    }
}
