using PerfLab.Harness.Domain;
using PerfLab.Harness.Execution;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Runners.Cuda;

/// <summary>Builds step arguments, devices and step contexts for CUDA runner tests without the engine.</summary>
internal static class CudaTestSteps
{
    public static string FakeBin => Path.Combine(RepoPaths.Fakes, "cuda");

    /// <summary>An argument map from (key, value) pairs: a string, a string[] (list) or a dictionary (map).</summary>
    public static ArgMap With(params (string Key, object Value)[] entries) =>
        new(entries.Select(e => new ArgEntry(e.Key, new SourcePosition(1, 1), Node(e.Value))).ToList(), new SourcePosition(1, 1));

    private static ArgNode Node(object v) => v switch
    {
        string s => new ArgScalar(s, new SourcePosition(2, 3)),
        IEnumerable<string> list when v is not IDictionary<string, string> => new ArgList(list.Select(x => (ArgNode)new ArgScalar(x, new SourcePosition(2, 3))).ToList(), new SourcePosition(2, 3)),
        IDictionary<string, string> map => new ArgMap(map.Select(kv => new ArgEntry(kv.Key, new SourcePosition(3, 5), new ArgScalar(kv.Value, new SourcePosition(3, 9)))).ToList(), new SourcePosition(3, 5)),
        _ => throw new ArgumentException(v.GetType().Name),
    };

    /// <summary>A device whose PATH starts with the fake CUDA tools, with the given scenario variables.</summary>
    public static Device FakeDevice(params (string Key, string Value)[] scenario)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = FakeBin + ":" + Environment.GetEnvironmentVariable("PATH"),
        };
        foreach (var (k, v) in scenario) env[k] = v;
        return new Device("cuda:fake", "cuda", "fake GPU", new Dictionary<string, string> { ["family"] = "cuda" },
            new Dictionary<string, string>(), [], Emulated: false) { Environment = env };
    }

    public static StepContext Context(string runner, ArgMap with, Device device, string suiteDir, TimeSpan? timeout = null,
        int repetition = 1, IReadOnlyDictionary<string, string>? runEnv = null, string step = "step")
    {
        var spec = new StepSpec(step, runner, with, [], null, null, null, false, new SourcePosition(1, 1));
        var suite = new Suite("cuda-test", "test", "1", [], EvidenceScope.KernelPackageValidation, SuiteDefaults.Standard,
            [MatrixPoint.Empty], [spec], [], null, Path.Combine(suiteDir, "suite.yaml"), "0");
        var env = runEnv ?? new Dictionary<string, string> { ["PERFLAB_BUILD"] = "test-build", ["PERFLAB_RUN_ID"] = "run-1" };
        return new StepContext(spec, new PlannedCase(suite, MatrixPoint.Empty, device), repetition, false,
            timeout ?? TimeSpan.FromSeconds(30), suiteDir, env);
    }

    public static string Fixture(params string[] parts) => File.ReadAllText(RepoPaths.Fixture(["cuda", .. parts]));
}
