using PerfLab.Harness.Domain;
using PerfLab.Harness.Execution;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Runners.Hailo;

/// <summary>Builds devices, steps and contexts for the Hailo runner tests.</summary>
public static class HailoTestSupport
{
    public static string FixtureRoot => RepoPaths.Fixture("hailo");

    public static string FakeFolder => Path.Combine(RepoPaths.Fakes, "hailo");

    public static ArgMap Args(params (string Key, string Value)[] pairs) =>
        new(pairs.Select((p, i) => new ArgEntry(p.Key, new SourcePosition(i + 1, 1), new ArgScalar(p.Value, new SourcePosition(i + 1, 10)))).ToList(),
            new SourcePosition(1, 1));

    public static Suite Suite() =>
        new("hailo-test", "test", "1", [], EvidenceScope.SiliconMeasurement, SuiteDefaults.Standard, [], [], [], null,
            Path.Combine(RepoPaths.Suites, "hailo-test.yaml"), "0");

    /// <summary>A device whose PATH finds the fake hailortcli first, playing the given scenario lines.</summary>
    public static Device FakeDevice(TempDirectory temp, string arch, params string[] scenario)
    {
        var scenarioFile = temp.File("scenario.txt");
        File.WriteAllLines(scenarioFile, scenario);
        return new Device("hailo:fake", "hailo", arch,
            new Dictionary<string, string> { ["family"] = "hailo", ["arch"] = arch, ["emulated"] = "false" },
            new Dictionary<string, string>(), [], false)
        {
            Environment = new Dictionary<string, string>
            {
                ["PATH"] = FakeFolder + ":" + Environment.GetEnvironmentVariable("PATH"),
                ["FAKE_HAILO_SCENARIO"] = scenarioFile,
                ["FAKE_HAILO_FIXTURE_DIR"] = FixtureRoot,
                ["FAKE_HAILO_LOG"] = temp.File("calls.log"),
            },
        };
    }

    public static string[] Calls(TempDirectory temp) =>
        File.Exists(temp.File("calls.log")) ? File.ReadAllLines(temp.File("calls.log")) : [];

    public static StepContext Context(Device device, string runner, ArgMap with, TimeSpan? timeout = null, string? suiteDirectory = null,
        IReadOnlyDictionary<string, string>? runEnvironment = null)
    {
        var step = new StepSpec("measure", runner, with, [], null, null, null, false, new SourcePosition(1, 1));
        return new StepContext(step, new PlannedCase(Suite(), MatrixPoint.Empty, device), 1, false,
            timeout ?? TimeSpan.FromSeconds(60), suiteDirectory ?? RepoPaths.Suites,
            runEnvironment ?? new Dictionary<string, string> { [RunEnvironmentNames.Build] = "test" });
    }

    public static string ModelHef(string model) => Path.Combine(RepoPaths.Suites, "models", model + ".hef");
}
