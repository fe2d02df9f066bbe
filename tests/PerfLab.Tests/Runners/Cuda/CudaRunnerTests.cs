using NUnit.Framework;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Execution;
using PerfLab.Runners.Cuda;
using PerfLab.Runners.Processes;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Runners.Cuda;

/// <summary>The CUDA runners across the real process boundary, with the fake python3, nvidia-smi and nix on PATH.</summary>
public sealed class CudaRunnerTests
{
    private TempDirectory _dir = null!;
    private string _checkout = null!;
    private readonly ProcessLauncher _launcher = new();

    [SetUp]
    public void SetUp()
    {
        _dir = new TempDirectory();
        _checkout = Path.Combine(_dir.Path, "hf-kernels", "hydra");
        Directory.CreateDirectory(_checkout);
    }

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private Task<StepOutcome> Run(IStepRunner runner, ArgMap with, Device device, TimeSpan? timeout = null) =>
        runner.ExecuteAsync(CudaTestSteps.Context(runner.Name, with, device, _dir.Path, timeout), CancellationToken.None);

    private ArgMap Checkout(params (string, object)[] more) => CudaTestSteps.With([("checkout", _checkout), ("telemetry", "false"), .. more]);

    [Test]
    public async Task DependencyCheck_HealthyHost_PassesWithVersionFacts()
    {
        var o = await Run(new CudaDependencyCheckRunner(_launcher), Checkout(), CudaTestSteps.FakeDevice());
        Assert.That(o.Succeeded, Is.True, o.FailureMessage);
        Assert.That(o.Checks.Select(c => c.Name), Is.EqualTo(new[] { "dependency.python", "dependency.torch", "dependency.cuda", "dependency.triton", "dependency.hydra-module" }));
        Assert.That(o.Facts["torch.version"], Is.EqualTo("2.10.0+cu128"));
        Assert.That(o.Facts["cuda.version"], Is.EqualTo("12.8"));
        Assert.That(o.Facts["gpu.name"], Is.EqualTo("NVIDIA H100 80GB HBM3"));
        Assert.That(o.Facts["gpu.driver"], Is.EqualTo("590.48.01"));
        Assert.That(o.Facts["gpu.compute_capability"], Is.EqualTo("9.0"));
        Assert.That(o.Facts["gpu.memory_total_mib"], Is.EqualTo("81559"));
        Assert.That(o.Facts["hydra.origin"], Is.EqualTo(Path.Combine(_checkout, "torch-ext", "hydra", "__init__.py")));
        Assert.That(o.KeyFacts, Is.EqualTo(new[] { "gpu.name", "gpu.driver", "cuda.version", "torch.version" }));
    }

    [TestCase("no-cuda", "dependency.cuda")]
    [TestCase("hydra-core", "dependency.hydra-module")]
    [TestCase("no-triton", "dependency.triton")]
    public async Task DependencyCheck_BrokenHost_IsDependencyCheckFailed(string scenario, string failedCheck)
    {
        var o = await Run(new CudaDependencyCheckRunner(_launcher), Checkout(), CudaTestSteps.FakeDevice(("FAKE_PYTHON_PROBE", scenario)));
        Assert.That(o.Failure, Is.EqualTo(FailureClass.DependencyCheckFailed));
        Assert.That(o.Checks.Where(c => !c.Passed).Select(c => c.Name), Is.EqualTo(new[] { failedCheck }));
        Assert.That(o.Samples, Is.Empty);
    }

    [Test]
    public async Task DependencyCheck_NoInterpreterOrCrashingOne_IsDependencyCheckFailed()
    {
        var missing = await Run(new CudaDependencyCheckRunner(_launcher), Checkout(("python", "python-does-not-exist")), CudaTestSteps.FakeDevice());
        Assert.That(missing.Failure, Is.EqualTo(FailureClass.DependencyCheckFailed));
        Assert.That(missing.FailureMessage, Does.Contain("not found on PATH"));
        var crash = await Run(new CudaDependencyCheckRunner(_launcher), Checkout(), CudaTestSteps.FakeDevice(("FAKE_PYTHON_PROBE", "crash")));
        Assert.That(crash.Failure, Is.EqualTo(FailureClass.DependencyCheckFailed));
        Assert.That(crash.FailureMessage, Does.Contain("exit code 139"));
    }

    [Test]
    public async Task Pytest_SixPassed_StoresCountsExactly()
    {
        var o = await Run(new CudaPytestRunner(_launcher), Checkout(("args", new[] { "-q" })), CudaTestSteps.FakeDevice());
        Assert.That(o.Succeeded, Is.True, o.FailureMessage);
        Assert.That(o.Samples.ToDictionary(s => s.Metric, s => s.Value), Is.EqualTo(new Dictionary<string, double>
            { ["tests_passed"] = 6, ["tests_failed"] = 0, ["tests_skipped"] = 0, ["tests_errors"] = 0, ["tests_deselected"] = 0 }));
        Assert.That(o.Artifacts.Select(a => a.Name), Does.Contain("junit.xml"));
        Assert.That(o.Checks.Single(c => c.Name == "pytest.summary-matches-junit").Passed, Is.True);
    }

    [TestCase("zero-tests", "not-run")]
    [TestCase("all-skipped", "not-run")]
    [TestCase("1-failed", "tests-failed")]
    [TestCase("collection-error", "tests-failed")]
    [TestCase("summary-mismatch", "garbage-output")]
    [TestCase("no-pytest", "dependency-check-failed")]
    public async Task Pytest_Outcomes_AreClassed(string scenario, string failure)
    {
        var o = await Run(new CudaPytestRunner(_launcher), Checkout(), CudaTestSteps.FakeDevice(("FAKE_PYTEST", scenario)));
        Assert.That(o.Failure?.Code, Is.EqualTo(failure), o.FailureMessage);
        Assert.That(o.Samples, Is.Empty);
    }

    [Test]
    public async Task Pytest_FourPassedTwoSkipped_IsAPassWithSkipsRecorded()
    {
        var o = await Run(new CudaPytestRunner(_launcher), Checkout(), CudaTestSteps.FakeDevice(("FAKE_PYTEST", "4-passed-2-skipped")));
        Assert.That(o.Succeeded, Is.True, o.FailureMessage);
        Assert.That(o.Samples.Single(s => s.Metric == "tests_skipped").Value, Is.EqualTo(2));
    }

    [TestCase("deselected", "not-run")]
    [TestCase("silent", "not-run")]
    [TestCase("failed", "tests-failed")]
    public async Task CommandGate_CiTestThatRanNothing_IsNotRun(string scenario, string failure)
    {
        var gate = new CudaCommandGateRunner(_launcher);
        var o = await Run(gate, Checkout(("command", new[] { "nix", "run", ".#ci-test" })), CudaTestSteps.FakeDevice(("FAKE_NIX", scenario)));
        Assert.That(o.Failure?.Code, Is.EqualTo(failure), o.FailureMessage);
        Assert.That(o.Checks.Single(c => c.Name == "gate.exit-code").Passed, Is.EqualTo(scenario != "failed"));
    }

    [Test]
    public async Task CommandGate_TestsRan_Passes()
    {
        var o = await Run(new CudaCommandGateRunner(_launcher), Checkout(("command", new[] { "nix", "run", ".#ci-test" })), CudaTestSteps.FakeDevice(("FAKE_NIX", "ran")));
        Assert.That(o.Succeeded, Is.True, o.FailureMessage);
        Assert.That(o.Samples.Single(s => s.Metric == "tests_passed").Value, Is.EqualTo(4));
    }

    [Test]
    public async Task DecodeBenchmark_StoresTheFigureExactly_WithFacts()
    {
        var o = await Run(new CudaDecodeBenchmarkRunner(_launcher), Checkout(("args", new[] { "--tokens", "8192" })),
            CudaTestSteps.FakeDevice(("FAKE_BENCH_MS", "0.2166")));
        Assert.That(o.Succeeded, Is.True, o.FailureMessage);
        Assert.That(o.Samples, Is.EqualTo(new[] { new Sample("ms_per_iter", 0.2166, "ms") }));
        Assert.That(o.Facts["decode.Tkv"], Is.EqualTo("8192"));
        Assert.That(o.Facts["command"], Does.Contain("benchmarks/benchmark_hydra_decode.py --repo ."));
        Assert.That(o.Facts["triton.version"], Is.EqualTo("3.5.0"));
        Assert.That(o.KeyFacts, Is.EqualTo(new[] { "gpu.name", "gpu.driver", "cuda.version", "torch.version" }));
    }

    [Test]
    public async Task DecodeBenchmark_Workload_StoresPeakMemory_AndHydraEnvAsFacts()
    {
        var with = CudaTestSteps.With(("script", "workloads/decode_attention.py"), ("telemetry", "false"),
            ("args", new[] { "--tkv", "131072", "--variant", "bounded", "--window", "4096" }),
            ("env", new Dictionary<string, string> { ["HYDRA_DECODE_BLOCK_K"] = "64" }));
        var o = await Run(new CudaDecodeBenchmarkRunner(_launcher), with, CudaTestSteps.FakeDevice(("FAKE_BENCH_MS", "0.0931")));
        Assert.That(o.Succeeded, Is.True, o.FailureMessage);
        Assert.That(o.Samples, Is.EqualTo(new[] { new Sample("ms_per_iter", 0.0931, "ms"), new Sample("peak_mem_mb", 1098.13, "MiB") }));
        Assert.That(o.Facts["env.HYDRA_DECODE_BLOCK_K"], Is.EqualTo("64"));
    }

    [TestCase("crash", "nonzero-exit", "illegal memory access")]
    [TestCase("garbage", "garbage-output", "ms_per_iter='nan'")]
    [TestCase("no-line", "garbage-output", "no 'hydra_decode' result line")]
    [TestCase("two-lines", "garbage-output", "2 'hydra_decode' result lines")]
    [TestCase("wrong-shape", "garbage-output", "asked for 8192")]
    [TestCase("no-cuda", "device-unavailable", "CUDA is required")]
    public async Task DecodeBenchmark_CrashOrGarbage_GivesClassAndNoFigure(string scenario, string failure, string message)
    {
        var o = await Run(new CudaDecodeBenchmarkRunner(_launcher), Checkout(("args", new[] { "--tokens", "8192" })), CudaTestSteps.FakeDevice(("FAKE_BENCH", scenario)));
        Assert.That(o.Failure?.Code, Is.EqualTo(failure));
        Assert.That(o.FailureMessage, Does.Contain(message));
        Assert.That(o.Samples, Is.Empty);
        Assert.That(o.Artifacts.Select(a => a.Name), Has.Some.EndsWith(".log"));
    }

    [Test]
    public async Task DecodeBenchmark_Timeout_KillsAndClasses()
    {
        var o = await Run(new CudaDecodeBenchmarkRunner(_launcher), Checkout(), CudaTestSteps.FakeDevice(("FAKE_BENCH", "slow")), TimeSpan.FromMilliseconds(300));
        Assert.That(o.Failure, Is.EqualTo(FailureClass.Timeout));
        Assert.That(o.Samples, Is.Empty);
    }

    [Test]
    public async Task DecodeBenchmark_KernelsJson_IsTheHfMean()
    {
        using var bin = new TempDirectory();
        var kernels = bin.File("kernels");
        File.WriteAllText(kernels, $"#!/bin/sh\n[ \"$1\" = benchmark ] && [ \"$3\" = --json ] || exit 2\ncat '{RepoPaths.Fixture("cuda", "kernels", "benchmark-a6000.json")}'\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(kernels, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
        var o = await Run(new CudaDecodeBenchmarkRunner(_launcher), Checkout(("format", "kernels-json"), ("kernels", kernels)), CudaTestSteps.FakeDevice());
        Assert.That(o.Samples, Is.EqualTo(new[] { new Sample("hf_mean_ms", 0.3230, "ms") }), o.FailureMessage);
    }

    [Test]
    public async Task Telemetry_ThrottledGpu_SamplesAreFlagged()
    {
        var with = CudaTestSteps.With(("checkout", _checkout), ("telemetry_interval", "100ms"));
        var o = await Run(new CudaDecodeBenchmarkRunner(_launcher), with, CudaTestSteps.FakeDevice(("FAKE_NVIDIA_SMI", "throttled"), ("FAKE_BENCH", "slow")));
        Assert.That(o.Succeeded, Is.True, o.FailureMessage);
        var temps = o.Telemetry.Where(p => p.Channel == "gpu.temperature").ToList();
        Assert.That(temps, Has.Count.GreaterThanOrEqualTo(2), "a snapshot before and after the step at least");
        Assert.That(temps.All(p => p.Value == 89 && p.Flag == "throttled: sw_thermal_slowdown"), Is.True);
        Assert.That(o.Telemetry.Select(p => p.Channel).Distinct(), Is.SupersetOf(new[] { "gpu.power", "gpu.clock.sm", "gpu.clock.memory", "gpu.utilization", "gpu.throttled" }));
        Assert.That(o.Facts.ContainsKey("telemetry.problem"), Is.False, o.Facts.GetValueOrDefault("telemetry.problem"));
    }

    [Test]
    public async Task Telemetry_OldDriver_UsesThrottleSpelling_AndIsNotFlagged()
    {
        using var log = new TempDirectory();
        var logFile = log.File("smi.log");
        var with = CudaTestSteps.With(("checkout", _checkout), ("telemetry_interval", "100ms"));
        var o = await Run(new CudaDecodeBenchmarkRunner(_launcher), with,
            // A slow benchmark, so the sampler has surely started before the step ends on a loaded machine.
            CudaTestSteps.FakeDevice(("FAKE_NVIDIA_SMI", "a6000-535"), ("FAKE_NVIDIA_SMI_LOG", logFile), ("FAKE_BENCH", "slow")));
        Assert.That(o.Succeeded, Is.True, o.FailureMessage);
        Assert.That(o.Telemetry.Where(p => p.Channel == "gpu.temperature"), Is.Not.Empty);
        Assert.That(o.Telemetry.Any(p => p.Flag is not null), Is.False);
        Assert.That(o.Telemetry.Any(p => p.Channel == "gpu.power"), Is.False, "[N/A] power is absent, never zero");
        var calls = File.ReadAllLines(logFile);
        Assert.That(calls.Where(c => c.Contains("-lms 100")), Has.Exactly(1).Items);
        Assert.That(calls.Where(c => c.StartsWith("--query-gpu=") && c.Contains("clocks_event_reasons")), Is.Empty);
        Assert.That(calls.Count(c => c == "--help-query-gpu"), Is.EqualTo(1));
    }

    [Test]
    public async Task Telemetry_BrokenNvidiaSmi_StillMeasures_AndSaysWhy()
    {
        var o = await Run(new CudaDecodeBenchmarkRunner(_launcher), CudaTestSteps.With(("checkout", _checkout)), CudaTestSteps.FakeDevice(("FAKE_NVIDIA_SMI", "broken")));
        Assert.That(o.Succeeded, Is.True, o.FailureMessage);
        Assert.That(o.Facts["gpu.query_error"], Does.Contain("exit code 9"));
        Assert.That(o.Telemetry, Is.Empty);
        Assert.That(o.KeyFacts, Does.Not.Contain("gpu.name"));
    }

    [TestCase("ok", null)]
    [TestCase("wrong", "check-failed")]
    [TestCase("no-cuda", "device-unavailable")]
    public async Task ReadmeExample_ShapesChecked(string scenario, string? failure)
    {
        var o = await Run(new CudaReadmeExampleRunner(_launcher), Checkout(), CudaTestSteps.FakeDevice(("FAKE_README", scenario)));
        Assert.That(o.Failure?.Code, Is.EqualTo(failure), o.FailureMessage);
        if (failure is null) Assert.That(o.Checks.Single().Detail, Is.EqualTo("(1, 32, 1, 128) x (1, 8, 8192, 128) -> (1, 32, 1, 128)"));
    }

    [Test]
    public void Validate_ReportsBadArguments()
    {
        var bench = new CudaDecodeBenchmarkRunner(_launcher);
        StepSpec Spec(ArgMap with) => new("s", bench.Name, with, [], null, null, null, false, default);
        Assert.That(bench.Validate(Spec(CudaTestSteps.With(("args", new[] { "--tokens", "8192" })))).Single().Message, Does.Contain("give 'checkout'"));
        Assert.That(bench.Validate(Spec(CudaTestSteps.With(("checkout", "."), ("format", "csv")))).Single().Message, Does.Contain("hydra-line or kernels-json"));
        Assert.That(bench.Validate(Spec(CudaTestSteps.With(("checkout", "."), ("env", new Dictionary<string, string> { ["BAD-NAME"] = "1" })))).Single().Message, Does.Contain("not a valid environment variable"));
        Assert.That(new CudaPytestRunner(_launcher).Validate(Spec(CudaTestSteps.With(("tests", "tests")))).Single().Message, Does.Contain("missing field 'checkout'"));
        Assert.That(new CudaCommandGateRunner(_launcher).Validate(Spec(CudaTestSteps.With(("checkout", "."), ("command", Array.Empty<string>())))).Single().Message, Does.Contain("must name a program"));
        Assert.That(CudaRunners.Create(_launcher).Select(r => r.Name), Is.EqualTo(new[]
            { "cuda.dependency-check", "cuda.pytest", "cuda.command-gate", "cuda.decode-benchmark", "cuda.readme-example", "cuda.exact-model" }));
    }

    [Test]
    public async Task DeviceProvider_ListsEveryGpu_WithLabels()
    {
        var env = new Dictionary<string, string?> { ["PATH"] = CudaTestSteps.FakeBin + ":" + Environment.GetEnvironmentVariable("PATH") };
        var found = await new CudaDeviceProvider(_launcher, env).DiscoverAsync(CancellationToken.None);
        var d = found.Devices.Single();
        Assert.That(d.Id, Is.EqualTo("cuda:GPU-5f1c2a7e-8d3b-4c21-9a6f-0e4b7c9d1a23"));
        Assert.That(d.Labels, Is.EqualTo(new Dictionary<string, string> { ["family"] = "cuda", ["model"] = "NVIDIA H100 80GB HBM3", ["compute_capability"] = "9.0", ["emulated"] = "false" }));
        Assert.That(d.Properties["driver"], Is.EqualTo("590.48.01"));
        Assert.That(d.Emulated, Is.False);
        var celsius = await new CudaThermalProbe(_launcher).ReadCelsiusAsync(d with { Environment = env.ToDictionary(kv => kv.Key, kv => kv.Value!) }, CancellationToken.None);
        Assert.That(celsius, Is.EqualTo(71));
    }

    [Test]
    public async Task DeviceProvider_NoDriver_IsANote_NoTool_IsAnAbsentTool()
    {
        var env = new Dictionary<string, string?> { ["PATH"] = CudaTestSteps.FakeBin + ":/usr/bin:/bin", ["FAKE_NVIDIA_SMI"] = "broken" };
        var found = await new CudaDeviceProvider(_launcher, env).DiscoverAsync(CancellationToken.None);
        Assert.That(found.Devices, Is.Empty);
        Assert.That(found.Notes.Single(), Does.Contain("exit code 9"));
        var none = await new CudaDeviceProvider(_launcher, new Dictionary<string, string?> { ["PATH"] = _dir.Path }).DiscoverAsync(CancellationToken.None);
        Assert.That(none.Notes, Is.Empty, "a host without nvidia-smi has nothing wrong with it");
        Assert.That(none.AbsentTools.Single().Note, Is.EqualTo("nvidia-smi not present on this host: NVIDIA GPUs were not looked for"));
    }
}
