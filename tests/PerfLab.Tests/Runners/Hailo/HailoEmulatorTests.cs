using System.Globalization;
using NUnit.Framework;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Execution;
using PerfLab.Runners.Emulation.Hailo;
using PerfLab.Runners.Hailo;
using PerfLab.Runners.Hailo.Parsing;
using PerfLab.Tests.Infrastructure;
using static PerfLab.Tests.Runners.Hailo.HailoTestSupport;

namespace PerfLab.Tests.Runners.Hailo;

/// <summary>The emulated Hailo devices: formats, noise, heat, regressions, and the seed whitepaper rows through the runners.</summary>
public sealed class HailoEmulatorTests
{
    private static string Profile(string name) => Path.Combine(RepoPaths.Suites, "devices", name + ".yaml");

    private static Dictionary<string, string> Env(TempDirectory temp, string build = "test", double now = 1_800_000_000) => new()
    {
        [HailoEmulatorSettings.SeedVariable] = "42",
        [HailoEmulatorSettings.StateDirectoryVariable] = temp.File("state"),
        [HailoEmulatorSettings.NowVariable] = now.ToString(CultureInfo.InvariantCulture),
        [RunEnvironmentNames.Build] = build,
    };

    private static Device EmulatedDevice(string profile, Dictionary<string, string> env)
    {
        var p = HailoDeviceProfile.Load(Profile(profile));
        return new Device("hailo-emulated:" + p.Name, "hailo", p.Arch, new Dictionary<string, string> { ["emulated"] = "true" },
            new Dictionary<string, string> { ["device_id"] = p.DeviceId }, [], true) { Environment = env };
    }

    private static (int Code, string Stdout, string Stderr) Emulate(string profile, Dictionary<string, string> env, params string[] args)
    {
        var emulator = new HailoEmulator(HailoDeviceProfile.Load(Profile(profile)), HailoEmulatorSettings.FromEnvironment(env.GetValueOrDefault));
        var o = new StringWriter();
        var e = new StringWriter();
        var code = emulator.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    private static void AssertNear(StepOutcome outcome, string metric, double seed, string unit, double relative = 0, double absolute = 0)
    {
        var s = outcome.Samples.SingleOrDefault(x => x.Metric == metric);
        Assert.That(s, Is.Not.Null, $"{metric} missing; have {string.Join(", ", outcome.Samples.Select(x => x.Metric))}");
        Assert.That(s!.Unit, Is.EqualTo(unit), metric);
        Assert.That(s.Value, Is.EqualTo(seed).Within(Math.Max(absolute, seed * relative)), metric);
    }

    // Whitepaper silicon-performance tables (seeds 000-002): FPS, HW latency, overall latency, chip temp min/avg/max.
    [TestCase("hydra", 855.62, 0.906, 1.615, 53.5, 54.2, 54.6)]
    [TestCase("mamba", 2614.06, 0.627, 1.342, 53.8, 58.6, 60.0)]
    [TestCase("chimera", 360.64, 2.563, 3.299, 53.0, 53.5, 53.7)]
    public async Task Hailo10H_models_reproduce_their_whitepaper_rows(string model, double fps, double hw, double overall, double tmin, double tavg, double tmax)
    {
        using var temp = new TempDirectory();
        var env = Env(temp);
        // "Sustained inference": two minutes of load first, as the whitepapers measured a warm chip.
        Assert.That(Emulate("hailo-10h-emulated", env, "run2", "-t", "120", "set-net", ModelHef(model)).Code, Is.Zero);
        var launcher = new InProcessEmulatorLauncher(Profile("hailo-10h-emulated"));
        var outcome = await new HailoRunRunner(launcher).ExecuteAsync(
            Context(EmulatedDevice("hailo-10h-emulated", env), "hailo.run", Args(("hef", ModelHef(model)), ("time", "5s")), runEnvironment: env), CancellationToken.None);

        Assert.That(outcome.Succeeded, Is.True, outcome.FailureMessage);
        // Noise is 0.6 % (lognormal sigma); 3 % is five sigma.
        AssertNear(outcome, HailoMetrics.Fps, fps, "FPS", relative: 0.03);
        AssertNear(outcome, HailoMetrics.HwLatency, hw, "ms", relative: 0.03);
        AssertNear(outcome, HailoMetrics.OverallLatency, overall, "ms", relative: 0.03);
        AssertNear(outcome, HailoMetrics.TempMin, tmin, "°C", absolute: 0.6);
        AssertNear(outcome, HailoMetrics.TempAvg, tavg, "°C", absolute: 0.6);
        AssertNear(outcome, HailoMetrics.TempMax, tmax, "°C", absolute: 0.6);
        Assert.That(launcher.Calls.Count(c => c.StartsWith("run2", StringComparison.Ordinal)), Is.EqualTo(2));
        Assert.That(outcome.Facts["hef_archs"], Is.EqualTo("HAILO15H, HAILO10H"));
    }

    [Test]
    public async Task Enki_on_hailo8_reproduces_its_whitepaper_rows()
    {
        using var temp = new TempDirectory();
        var env = Env(temp);
        var launcher = new InProcessEmulatorLauncher(Profile("hailo-8-emulated"));
        var device = EmulatedDevice("hailo-8-emulated", env);
        var bench = await new HailoBenchmarkRunner(launcher).ExecuteAsync(
            Context(device, "hailo.benchmark", Args(("hef", ModelHef("enki")), ("time", "5s"), ("measure_power", "true")), runEnvironment: env), CancellationToken.None);
        var idle = await new HailoIdlePowerRunner(launcher).ExecuteAsync(Context(device, "hailo.power", Args(), runEnvironment: env), CancellationToken.None);

        Assert.That(bench.Succeeded, Is.True, bench.FailureMessage);
        AssertNear(bench, HailoMetrics.BenchFpsHwOnly, 50582.50, "FPS", relative: 0.03);
        AssertNear(bench, HailoMetrics.BenchFpsStreaming, 35657.40, "FPS", relative: 0.03);
        AssertNear(bench, HailoMetrics.BenchHwLatency, 0.057, "ms", relative: 0.03);
        AssertNear(bench, HailoMetrics.BenchPowerAvg, 0.965, "W", relative: 0.03);
        AssertNear(bench, HailoMetrics.BenchPowerMax, 0.983, "W", relative: 0.03);
        Assert.That(bench.Facts["serial"], Is.EqualTo("HLDDM2A234600289"));
        Assert.That(bench.Facts["part"], Is.EqualTo("HM218B1C2FAE"));
        Assert.That(idle.Succeeded, Is.True, idle.FailureMessage);
        AssertNear(idle, HailoMetrics.IdlePower, 0.74979, "W", relative: 0.03);
    }

    [Test]
    public async Task Enki_run_on_hailo8_goes_through_run_and_its_csv()
    {
        using var temp = new TempDirectory();
        var env = Env(temp);
        var launcher = new InProcessEmulatorLauncher(Profile("hailo-8-emulated"));
        var outcome = await new HailoRunRunner(launcher).ExecuteAsync(
            Context(EmulatedDevice("hailo-8-emulated", env), "hailo.run", Args(("hef", ModelHef("enki")), ("measure_power", "true")), runEnvironment: env), CancellationToken.None);

        Assert.That(outcome.Succeeded, Is.True, outcome.FailureMessage);
        AssertNear(outcome, HailoMetrics.Fps, 35657.40, "FPS", relative: 0.03);
        AssertNear(outcome, HailoMetrics.HwLatency, 0.057, "ms", relative: 0.03);
        AssertNear(outcome, HailoMetrics.PowerAvg, 0.965, "W", relative: 0.03);
        Assert.That(outcome.Samples.Select(s => s.Metric), Has.None.StartsWith("temp").And.None.EqualTo("overall_latency"),
            "the whitepaper gives no temperature or overall latency for Enki, so the emulator invents none");
        Assert.That(launcher.Calls.Where(c => c.StartsWith("run ", StringComparison.Ordinal)), Has.All.Contains("--csv"));
    }

    [Test]
    public void The_same_seed_and_state_give_the_same_output()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        var first = Emulate("hailo-10h-emulated", Env(a), "run2", "-t", "5", "--measure-temp", "set-net", ModelHef("hydra"));
        var second = Emulate("hailo-10h-emulated", Env(b), "run2", "-t", "5", "--measure-temp", "set-net", ModelHef("hydra"));
        var third = Emulate("hailo-10h-emulated", Env(b), "run2", "-t", "5", "--measure-temp", "set-net", ModelHef("hydra"));
        Assert.That(second.Stdout, Is.EqualTo(first.Stdout));
        Assert.That(third.Stdout, Is.Not.EqualTo(second.Stdout), "successive calls draw new noise");
    }

    [Test]
    public void The_chip_heats_under_load_and_cools_when_idle()
    {
        using var temp = new TempDirectory();
        double Max(Dictionary<string, string> env)
        {
            var r = Emulate("hailo-10h-emulated", env, "run2", "-t", "5", "--measure-temp", "set-net", ModelHef("mamba"));
            return HailoRun2Parser.ParseStdout(r.Stdout).Value(HailoMetrics.TempMax)!.Value;
        }
        var readings = Enumerable.Range(0, 6).Select(_ => Max(Env(temp))).ToList();
        Assert.That(readings[0], Is.LessThan(readings[^1] - 3));
        Assert.That(readings[^1], Is.EqualTo(60.0).Within(0.8), "plateau at the whitepaper's sustained maximum");
        var afterIdle = Max(Env(temp, now: 1_800_000_000 + 30 + 600));
        Assert.That(afterIdle, Is.LessThan(readings[^1] - 3), "ten idle minutes cool the chip");
    }

    [Test]
    public void An_injected_regression_applies_from_its_build_on()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        double Fps(Dictionary<string, string> env) =>
            HailoRun2Parser.ParseStdout(Emulate("hailo-10h-emulated", env, "run2", "-t", "5", "set-net", ModelHef("hydra")).Stdout).Value(HailoMetrics.Fps)!.Value;
        var before = Fps(Env(a, build: "build-7"));
        var after = Fps(Env(b, build: "build-8"));
        Assert.That(after / before, Is.EqualTo(0.95).Within(0.0002), "same seed and state: only the factor differs (print rounding aside)");
        Assert.That(HailoBuildOrder.AtOrAfter("nightly.12", "8"), Is.True);
        Assert.That(HailoBuildOrder.AtOrAfter("3f2a9c1", "8"), Is.False, "a build id without a trailing number matches no regression");
    }

    [Test]
    public void The_emulator_refuses_what_the_real_tool_refuses()
    {
        using var temp = new TempDirectory();
        var refused = Emulate("hailo-10h-emulated", Env(temp), "run", ModelHef("hydra"));
        Assert.That(refused.Code, Is.EqualTo(6));
        Assert.That(HailoErrorClassifier.Classify(refused.Code, refused.Stderr).Class, Is.EqualTo(FailureClass.RunRefused));

        var wrongArch = Emulate("hailo-10h-emulated", Env(temp), "run2", "set-net", ModelHef("enki"));
        Assert.That(wrongArch.Code, Is.EqualTo(93));
        Assert.That(HailoErrorClassifier.Classify(wrongArch.Code, wrongArch.Stderr).Class, Is.EqualTo(FailureClass.HefIncompatible));

        var noSensor = Emulate("hailo-10h-emulated", Env(temp), "run2", "--measure-power", "set-net", ModelHef("hydra"));
        Assert.That(HailoErrorClassifier.Classify(noSensor.Code, noSensor.Stderr).PowerUnsupported, Is.True);

        var notStandIn = Emulate("hailo-8-emulated", Env(temp), "parse-hef", Profile("hailo-8-emulated"));
        Assert.That(notStandIn.Code, Is.EqualTo(91));
        Assert.That(Emulate("hailo-8-emulated", Env(temp), "frobnicate").Code, Is.EqualTo(109));
    }

    [Test]
    public void Emulated_outputs_parse_with_the_real_format_parsers()
    {
        using var temp = new TempDirectory();
        var h8 = Env(temp);
        Assert.That(HailoVersion.FromCliOutput(Emulate("hailo-8-emulated", h8, "--version").Stdout)?.ToString(), Is.EqualTo("4.23.0"));
        Assert.That(HailoScanParser.Parse(Emulate("hailo-8-emulated", h8, "scan").Stdout), Is.EqualTo(new[] { "0000:01:00.0" }));
        var id8 = HailoIdentifyParser.Parse(Emulate("hailo-8-emulated", h8, "fw-control", "identify").Stdout).Single();
        Assert.That((id8.Architecture, id8.BoardName, id8.SerialNumber), Is.EqualTo(("HAILO8", "Hailo-8", "HLDDM2A234600289")));
        var id10 = HailoIdentifyParser.Parse(Emulate("hailo-10h-emulated", h8, "fw-control", "identify").Stdout).Single();
        Assert.That((id10.Architecture, id10.BoardName, id10.FirmwareVersion), Is.EqualTo(("HAILO10H", (string?)null, "5.1.1")));
        var hef = HefParser.Parse(Emulate("hailo-10h-emulated", h8, "parse-hef", ModelHef("chimera")).Stdout)!;
        Assert.That(hef.CompatibleArchs, Is.EqualTo(new[] { "HAILO15H", "HAILO10H" }));
        Assert.That(hef.Outputs.Single().Describe(), Is.EqualTo("dense_conv53 UINT8 NC(101)"));
        var bench5 = HailoBenchmarkParser.Parse(Emulate("hailo-10h-emulated", h8, "benchmark", ModelHef("chimera"), "-t", "5").Stdout);
        Assert.That(bench5.Value(HailoMetrics.BenchFps), Is.EqualTo(360.64).Within(360.64 * 0.03));
    }

    [Test]
    public async Task A_soak_on_a_throttling_chip_flags_throttling()
    {
        using var temp = new TempDirectory();
        var profile = temp.File("hailo-10h-hot.yaml");
        File.WriteAllText(profile, File.ReadAllText(Profile("hailo-10h-emulated"))
            .Replace("name: hailo-10h-emulated", "name: hailo-10h-hot").Replace("throttle_above_c: 95", "throttle_above_c: 50"));
        var env = Env(temp);
        var launcher = new InProcessEmulatorLauncher(profile);
        var args = Args(("hef", ModelHef("mamba")), ("duration", "60s"), ("window", "10s"));
        var outcome = await new HailoSoakRunner(launcher).ExecuteAsync(Context(EmulatedDevice("hailo-10h-emulated", env), "hailo.soak", args, runEnvironment: env), CancellationToken.None);

        Assert.That(outcome.Succeeded, Is.True, outcome.FailureMessage);
        Assert.That(outcome.Samples.Count(s => s.Metric == HailoMetrics.SoakFps), Is.EqualTo(6));
        Assert.That(outcome.Telemetry.Count(t => t.Channel == "chip_temperature_max"), Is.EqualTo(6));
        var check = outcome.Checks.Single(c => c.Name == "throttling");
        Assert.That(check.Passed, Is.False, check.Detail);
        Assert.That(outcome.Telemetry.Any(t => t.Flag is not null && t.Flag.StartsWith("throttled", StringComparison.Ordinal)), Is.True);

        using var cool = new TempDirectory();
        var coolEnv = Env(cool);
        var normal = await new HailoSoakRunner(new InProcessEmulatorLauncher(Profile("hailo-10h-emulated"))).ExecuteAsync(
            Context(EmulatedDevice("hailo-10h-emulated", coolEnv), "hailo.soak", args, runEnvironment: coolEnv), CancellationToken.None);
        Assert.That(normal.Checks.Single(c => c.Name == "throttling").Passed, Is.True);
    }

    [Test]
    public async Task The_emulated_provider_writes_an_executable_shim_and_labels_its_devices()
    {
        using var temp = new TempDirectory();
        var provider = new HailoEmulatedDeviceProvider(HailoEmulatedDeviceProvider.ProfilesIn(Path.Combine(RepoPaths.Suites, "devices")),
            ["/usr/bin/dotnet", "/opt/perf lab/perflab.dll"], temp.File("shims"), temp.File("state"));
        var discovery = await provider.DiscoverAsync(CancellationToken.None);

        Assert.That(discovery.Devices.Select(d => d.Model), Is.EquivalentTo(new[] { "HAILO8", "HAILO10H" }));
        var h10 = discovery.Devices.Single(d => d.Model == "HAILO10H");
        Assert.That(h10.Emulated, Is.True);
        Assert.That(h10.Labels["emulated"], Is.EqualTo("true"));
        Assert.That(h10.Labels["family"], Is.EqualTo("hailo"));
        Assert.That(h10.Labels["arch"], Is.EqualTo("HAILO10H"));
        Assert.That(h10.Properties[HailoThermalProbe.ProbeHefProperty], Is.EqualTo(ModelHef("hydra")));
        var shim = Path.Combine(temp.File("shims"), "hailo-10h-emulated", "hailortcli");
        Assert.That(h10.Environment["PATH"], Does.StartWith(Path.GetDirectoryName(shim) + ":"));
        Assert.That(h10.Environment[HailoEmulatorSettings.StateDirectoryVariable], Is.EqualTo(temp.File("state")));
        if (!OperatingSystem.IsWindows()) Assert.That(File.GetUnixFileMode(shim) & UnixFileMode.UserExecute, Is.EqualTo(UnixFileMode.UserExecute));
        Assert.That(File.ReadAllText(shim), Does.Contain($"exec '/usr/bin/dotnet' '/opt/perf lab/perflab.dll' emulate hailortcli --profile '{Profile("hailo-10h-emulated")}' \"$@\""));
    }

    [Test]
    public void A_bad_profile_names_its_file_and_line()
    {
        using var temp = new TempDirectory();
        var bad = temp.File("hailo-bad.yaml");
        File.WriteAllText(bad, "name: x\narch: HAILO8\nfirmware: 4.23.0\nhailort_version: 4.23.0\nmodels:\n  m:\n    fps: [1, 2]\n");
        var e = Assert.Throws<InvalidDataException>(() => HailoDeviceProfile.Load(bad));
        Assert.That(e!.Message, Does.StartWith(bad + ":7:"));
    }
}
