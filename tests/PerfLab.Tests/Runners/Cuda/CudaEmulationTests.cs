using System.Globalization;
using System.Text.RegularExpressions;
using NUnit.Framework;
using PerfLab.Harness.Domain;
using PerfLab.Runners.Cuda;
using PerfLab.Runners.Emulation.Cuda;
using PerfLab.Runners.Processes;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Runners.Cuda;

/// <summary>Emulated CUDA hosts: profiles, the emulator's entry points, and the card's decode table reproduced through the runners.</summary>
public sealed class CudaEmulationTests
{
    private static string Profiles => Path.Combine(RepoPaths.Suites, "devices");

    /// <summary>The real `perflab emulate`, built beside the tests.</summary>
    private static IReadOnlyList<string> EmulatorInvocation() => PerflabExecutable.Invocation();

    private static readonly Regex SeedRow = new(@"^(?<gpu>.+?) (?<smoke>\d+\.\d{4}) ms (?<hf>\d+\.\d{4}) ms$", RegexOptions.Multiline);

    [Test]
    public void Profiles_CarryTheCardsNineRows()
    {
        var profiles = GpuProfileLoader.LoadAll(Profiles);
        Assert.That(profiles, Has.Count.EqualTo(9));
        var byRow = profiles.ToDictionary(p => p.SeedRow);
        Assert.That(byRow["RTX 3060"].SmokeMs, Is.EqualTo(0.2574));
        Assert.That(byRow["RTX 3060"].HfMeanMs, Is.EqualTo(0.3229));
        Assert.That(byRow["RTX PRO 6000 Blackwell"].SmokeMs, Is.EqualTo(0.1158));
        Assert.That(byRow["RTX PRO 6000 Blackwell"].HfMeanMs, Is.EqualTo(0.1371));
        if (RepoPaths.Shared is not { } shared) return;
        var seed = File.ReadAllText(Path.Combine(shared, "seeds", "003_9db9f0ea528791f7.txt"));
        var rows = SeedRow.Matches(seed).ToDictionary(m => m.Groups["gpu"].Value, m => (double.Parse(m.Groups["smoke"].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups["hf"].Value, CultureInfo.InvariantCulture)));
        Assert.That(rows.Keys, Is.EquivalentTo(byRow.Keys));
        foreach (var (gpu, (smoke, hf)) in rows) Assert.That((byRow[gpu].SmokeMs, byRow[gpu].HfMeanMs), Is.EqualTo((smoke, hf)), gpu);
    }

    [Test]
    public void ProfileLoader_BadFile_NamesFileAndLine()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("gpu-bad.yaml"), "id: x\nname: [unclosed\n");
        var e = Assert.Throws<InvalidDataException>(() => GpuProfileLoader.Load(dir.File("gpu-bad.yaml")));
        Assert.That(e!.Message, Does.StartWith(dir.File("gpu-bad.yaml") + ":"));
        File.WriteAllText(dir.File("gpu-missing.yaml"), "id: x\n");
        Assert.That(Assert.Throws<InvalidDataException>(() => GpuProfileLoader.Load(dir.File("gpu-missing.yaml")))!.Message, Does.Contain("missing"));
    }

    private static (int Code, string Out, string Err) Emulate(Dictionary<string, string?> env, params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = new CudaEmulator(env, _ => { }).Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    private static Dictionary<string, string?> Env(string profile, params (string, string)[] more)
    {
        var env = new Dictionary<string, string?> { [CudaEmulatorSettings.ProfileVariable] = Path.Combine(Profiles, profile), [CudaEmulatorSettings.SeedVariable] = "7" };
        foreach (var (k, v) in more) env[k] = v;
        return env;
    }

    [Test]
    public void Emulator_IsDeterministicUnderSeed_AndRegressesFromABuildOn()
    {
        var argv = new[] { "hydra-benchmark", "benchmarks/benchmark_hydra_decode.py", "--repo", ".", "--tokens", "8192" };
        var a = Emulate(Env("gpu-rtx-4090.yaml", ("PERFLAB_BUILD", "build-10")), argv);
        var b = Emulate(Env("gpu-rtx-4090.yaml", ("PERFLAB_BUILD", "build-10")), argv);
        var other = Emulate(Env("gpu-rtx-4090.yaml", ("PERFLAB_BUILD", "build-10"), (CudaEmulatorSettings.SeedVariable, "8")), argv);
        Assert.That(a.Code, Is.EqualTo(0), a.Err);
        Assert.That(a.Out, Is.EqualTo(b.Out));
        Assert.That(a.Out, Is.Not.EqualTo(other.Out));
        double Ms(string line) => PerfLab.Runners.Cuda.Parsing.HydraDecodeLineParser.Parse(line).Value!.MsPerIter;
        var before = Ms(Emulate(Env("gpu-rtx-4090.yaml", ("PERFLAB_BUILD", "build-11"), (CudaEmulatorSettings.RegressionVariable, "build-12:1.25")), argv).Out);
        var after = Ms(Emulate(Env("gpu-rtx-4090.yaml", ("PERFLAB_BUILD", "build-13"), (CudaEmulatorSettings.RegressionVariable, "build-12:1.25")), argv).Out);
        Assert.That(before, Is.EqualTo(0.1132).Within(6).Percent);
        Assert.That(after, Is.EqualTo(0.1132 * 1.25).Within(6).Percent);
    }

    [Test]
    public void Emulator_NvidiaSmi_HonoursDriverSpellingAndThrottleFault()
    {
        var help = Emulate(Env("gpu-rtx-3060.yaml"), "nvidia-smi", "--help-query-gpu").Out;
        Assert.That(help, Does.Contain("\"clocks_throttle_reasons.sw_thermal_slowdown\"").And.Not.Contain("clocks_event_reasons"));
        var fresh = Emulate(Env("gpu-rtx-4090.yaml"), "nvidia-smi", "--help-query-gpu").Out;
        Assert.That(fresh, Does.Contain("\"clocks_event_reasons.sw_thermal_slowdown\" or \"clocks_throttle_reasons.sw_thermal_slowdown\""));
        var bad = Emulate(Env("gpu-rtx-3060.yaml"), "nvidia-smi", "--query-gpu=clocks_event_reasons.active", "--format=csv,noheader,nounits");
        Assert.That((bad.Code, bad.Err.Trim()), Is.EqualTo((2, "Field \"clocks_event_reasons.active\" is not a valid field to query.")));
        var hot = Emulate(Env("gpu-rtx-4090.yaml", (CudaEmulatorSettings.FaultVariable, "throttle"), (CudaEmulatorSettings.MaxRowsVariable, "3")),
            "nvidia-smi", "--query-gpu=temperature.gpu,clocks_event_reasons.sw_thermal_slowdown", "--format=csv,noheader,nounits", "-lms", "100");
        Assert.That(hot.Out.Trim().Split('\n'), Is.EqualTo(Enumerable.Repeat("86, Active", 3)));
        var missing = Emulate(new Dictionary<string, string?>(), "nvidia-smi");
        Assert.That((missing.Code, missing.Err), Is.EqualTo((3, "perflab emulate: PERFLAB_GPU_PROFILE is not set: the emulator needs a gpu-*.yaml profile" + Environment.NewLine)));
    }

    /// <summary>The card's 8192-token table as a GPU × (smoke, HF mean) matrix, from emulated runs through the runners.</summary>
    [Test]
    public async Task SeedDecodeTable_IsReproducedAcrossEmulatedDevices_WithinNoise()
    {
        using var shims = new TempDirectory();
        using var checkout = new TempDirectory();
        var discovery = await new CudaEmulatedDeviceProvider(Profiles, EmulatorInvocation(), shims.Path).DiscoverAsync(CancellationToken.None);
        Assert.That(discovery.Notes, Is.Empty);
        Assert.That(discovery.Devices, Has.Count.EqualTo(9));
        var launcher = new ProcessLauncher();
        var runners = CudaRunners.Create(launcher);
        var bench = runners.Single(r => r.Name == "cuda.decode-benchmark");
        var table = new List<string> { "| GPU | emulated smoke ms (median of 3) | card | emulated HF mean ms | card |", "|---|---|---|---|---|" };
        foreach (var device in discovery.Devices)
        {
            Assert.That(device.Emulated, Is.True);
            Assert.That(device.Labels["emulated"], Is.EqualTo("true"));
            var smoke = new List<double>();
            var hf = new List<double>();
            for (var rep = 1; rep <= 3; rep++)
            {
                var runEnv = new Dictionary<string, string> { ["PERFLAB_BUILD"] = "build-1", ["PERFLAB_RUN_ID"] = "matrix", ["PERFLAB_REPETITION"] = rep.ToString(CultureInfo.InvariantCulture), [CudaEmulatorSettings.SeedVariable] = "42" };
                var s = await bench.ExecuteAsync(CudaTestSteps.Context(bench.Name, CudaTestSteps.With(("checkout", checkout.Path), ("telemetry", "false"), ("args", new[] { "--tokens", "8192" })),
                    device, checkout.Path, TimeSpan.FromSeconds(60), rep, runEnv), CancellationToken.None);
                var h = await bench.ExecuteAsync(CudaTestSteps.Context(bench.Name, CudaTestSteps.With(("checkout", checkout.Path), ("telemetry", "false"), ("format", "kernels-json")),
                    device, checkout.Path, TimeSpan.FromSeconds(60), rep, runEnv), CancellationToken.None);
                Assert.That(s.Succeeded && h.Succeeded, Is.True, s.FailureMessage + h.FailureMessage);
                smoke.Add(s.Samples.Single().Value);
                hf.Add(h.Samples.Single().Value);
                Assert.That(s.Facts["gpu.name"], Is.EqualTo(device.Model));
                Assert.That(s.Facts["torch.version"], Is.Not.Empty);
            }
            var cardSmoke = double.Parse(device.Properties["card_smoke_ms"], CultureInfo.InvariantCulture);
            var cardHf = double.Parse(device.Properties["card_hf_mean_ms"], CultureInfo.InvariantCulture);
            var medSmoke = smoke.Order().ElementAt(1);
            var medHf = hf.Order().ElementAt(1);
            Assert.That(medSmoke, Is.EqualTo(cardSmoke).Within(4).Percent, device.Properties["seed_row"]);
            Assert.That(medHf, Is.EqualTo(cardHf).Within(4).Percent, device.Properties["seed_row"]);
            Assert.That(smoke.Distinct().Count(), Is.GreaterThan(1), "repetitions carry noise");
            table.Add(FormattableString.Invariant($"| {device.Properties["seed_row"]} | {medSmoke:0.0000} | {cardSmoke:0.0000} | {medHf:0.0000} | {cardHf:0.0000} |"));
        }
        TestContext.Out.WriteLine(string.Join(Environment.NewLine, table));
    }

    [Test]
    public async Task EmulatedHost_RunsGatesAndTelemetry_AndFaultsGiveTheirClasses()
    {
        using var shims = new TempDirectory();
        using var checkout = new TempDirectory();
        var device = (await new CudaEmulatedDeviceProvider(Profiles, EmulatorInvocation(), shims.Path).DiscoverAsync(CancellationToken.None))
            .Devices.Single(d => d.Labels["gpu"] == "rtx-pro-6000-blackwell");
        var runners = CudaRunners.Create(new ProcessLauncher()).ToDictionary(r => r.Name);
        Task<StepOutcome> Run(string runner, ArgMap with, Device d) =>
            runners[runner].ExecuteAsync(CudaTestSteps.Context(runner, with, d, checkout.Path, TimeSpan.FromSeconds(60)), CancellationToken.None);

        var deps = await Run("cuda.dependency-check", CudaTestSteps.With(("checkout", checkout.Path)), device);
        Assert.That(deps.Succeeded, Is.True, deps.FailureMessage);
        var tests = await Run("cuda.pytest", CudaTestSteps.With(("checkout", checkout.Path), ("args", new[] { "-q" })), device);
        Assert.That(tests.Samples.Single(s => s.Metric == "tests_passed").Value, Is.EqualTo(6), tests.FailureMessage);
        Assert.That(tests.Telemetry.Select(p => p.Channel), Does.Contain("gpu.temperature"));
        var ci = await Run("cuda.pytest", CudaTestSteps.With(("checkout", checkout.Path), ("telemetry", "false"), ("args", new[] { "-m", "kernels_ci" })), device);
        Assert.That(ci.Failure, Is.EqualTo(FailureClass.NotRun));
        var readme = await Run("cuda.readme-example", CudaTestSteps.With(("checkout", checkout.Path), ("telemetry", "false")), device);
        Assert.That(readme.Succeeded, Is.True, readme.FailureMessage);

        Device Faulty(string fault) => device with { Environment = new Dictionary<string, string>(device.Environment) { [CudaEmulatorSettings.FaultVariable] = fault } };
        var core = await Run("cuda.dependency-check", CudaTestSteps.With(("checkout", checkout.Path)), Faulty("hydra-core"));
        Assert.That(core.Failure, Is.EqualTo(FailureClass.DependencyCheckFailed));
        var crash = await Run("cuda.decode-benchmark", CudaTestSteps.With(("checkout", checkout.Path), ("telemetry", "false")), Faulty("crash"));
        Assert.That((crash.Failure, crash.Samples.Count), Is.EqualTo((FailureClass.NonZeroExit, 0)));
        var hot = await Run("cuda.decode-benchmark", CudaTestSteps.With(("checkout", checkout.Path), ("telemetry_interval", "100ms")), Faulty("throttle"));
        Assert.That(hot.Telemetry.Where(p => p.Flag is not null).Select(p => p.Flag).Distinct(), Is.EqualTo(new[] { "throttled: sw_thermal_slowdown" }));
    }
}
