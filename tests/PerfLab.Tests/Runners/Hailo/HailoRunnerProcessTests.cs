using NUnit.Framework;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Execution;
using PerfLab.Runners.Hailo;
using PerfLab.Runners.Hailo.Parsing;
using PerfLab.Runners.Processes;
using PerfLab.Tests.Infrastructure;
using static PerfLab.Tests.Runners.Hailo.HailoTestSupport;

namespace PerfLab.Tests.Runners.Hailo;

/// <summary>The Hailo runners across the real process boundary, with the fake hailortcli first on the device's PATH.</summary>
public sealed class HailoRunnerProcessTests
{
    private static readonly ProcessLauncher Launcher = new();

    private static readonly string[] Hailo10H = ["version=5.1/version", "identify=5.1/identify-hailo10h-no-board-name", "scan=5.1/scan-one-device"];

    private static readonly string[] Hailo8 = ["version=4.23/version", "identify=4.23/identify-enki-m2", "scan=4.23/scan-one-device",
        "parse-hef=4.23/parse-hef-enki"];

    private static async Task<StepOutcome> Execute(IStepRunner runner, Device device, ArgMap args, TimeSpan? timeout = null)
    {
        Assert.That(runner.Validate(new StepSpec("s", runner.Name, args, [], null, null, null, false, default)), Is.Empty);
        return await runner.ExecuteAsync(Context(device, runner.Name, args, timeout), CancellationToken.None);
    }

    private static void AssertStored(StepOutcome outcome, HailoFixtureExpectations e, string directive)
    {
        foreach (var (metric, value, unit) in e.Figures(directive))
        {
            var s = outcome.Samples.SingleOrDefault(x => x.Metric == metric);
            Assert.That(s, Is.Not.Null, $"{metric} not stored; stored: {string.Join(", ", outcome.Samples.Select(x => x.Metric))}");
            Assert.That(s!.Value, Is.EqualTo(value), metric);
            Assert.That(s.Unit, Is.EqualTo(unit), metric);
        }
    }

    private static HailoFixtureExpectations Expected(string fixture) =>
        HailoFixtureExpectations.Load(Path.Combine(FixtureRoot, fixture + ".expected"));

    [TestCase("hydra")]
    [TestCase("mamba")]
    [TestCase("chimera")]
    public async Task Run_on_hailo10h_uses_run2_json_and_a_separate_latency_pass(string model)
    {
        using var temp = new TempDirectory();
        var device = FakeDevice(temp, "HAILO10H", [.. Hailo10H, $"parse-hef=5.1/parse-hef-{model}",
            $"run2=5.1/run2-temperature-{model}", $"run2-latency=5.1/run2-latency-{model}"]);
        var outcome = await Execute(new HailoRunRunner(Launcher), device, Args(("hef", ModelHef(model)), ("time", "5s")));

        Assert.That(outcome.Succeeded, Is.True, outcome.FailureMessage);
        AssertStored(outcome, Expected($"5.1/run2-temperature-{model}"), "json");
        AssertStored(outcome, Expected($"5.1/run2-latency-{model}"), "json");
        Assert.That(outcome.Samples.Select(s => s.Metric), Is.EquivalentTo(new[] { "fps", "temp_min", "temp_avg", "temp_max", "hw_latency", "overall_latency" }));
        Assert.That(outcome.Checks.Where(c => c.Name.EndsWith("json matches stdout", StringComparison.Ordinal)).Select(c => c.Passed), Is.EqualTo(new[] { true, true }));

        var calls = Calls(temp);
        Assert.That(calls.Count(c => c.StartsWith("run2 ", StringComparison.Ordinal)), Is.EqualTo(2));
        Assert.That(calls, Has.None.StartsWith("run "));
        Assert.That(calls.Single(c => c.Contains("--measure-latency")), Does.Not.Contain("--measure-temp"));
        Assert.That(outcome.Facts["hailort_version"], Is.EqualTo("5.1.1"));
        Assert.That(outcome.Facts["arch"], Is.EqualTo("HAILO10H"));
        Assert.That(outcome.Facts["hef_sha256"], Has.Length.EqualTo(64));
        Assert.That(outcome.Facts["hef_inputs"], Is.EqualTo("input_layer1 UINT8 NHWC(128x1x128)"));
        Assert.That(outcome.KeyFacts, Is.SupersetOf(new[] { "hailort_version", "arch", "hef_sha256", "firmware_version" }));
    }

    [Test]
    public async Task Run_on_hailo8_uses_run_csv_and_keeps_the_csv_precision()
    {
        using var temp = new TempDirectory();
        var device = FakeDevice(temp, "HAILO8", [.. Hailo8, "run=4.23/run-streaming-csv-enki", "run-latency=4.23/run-latency-csv-enki"]);
        var outcome = await Execute(new HailoRunRunner(Launcher), device, Args(("hef", ModelHef("enki")), ("batch_size", "8")));

        Assert.That(outcome.Succeeded, Is.True, outcome.FailureMessage);
        AssertStored(outcome, Expected("4.23/run-streaming-csv-enki"), "csv");
        AssertStored(outcome, Expected("4.23/run-latency-csv-enki"), "csv");
        Assert.That(outcome.Facts["serial"], Is.EqualTo("HLDDM2A234600289"));
        Assert.That(outcome.Facts["part"], Is.EqualTo("HM218B1C2FAE"));
        Assert.That(outcome.Facts["board"], Is.EqualTo("Hailo-8"));
        var run = Calls(temp).Where(c => c.StartsWith("run ", StringComparison.Ordinal)).ToList();
        Assert.That(run, Has.Count.EqualTo(2));
        Assert.That(run[0], Does.Contain("--batch-size 8").And.Contain("--csv").And.Not.Contain("--measure-latency"));
        Assert.That(run[1], Does.Contain("--measure-latency --measure-overall-latency"));
    }

    [Test]
    public async Task A_csv_that_disagrees_with_stdout_fails_the_step_without_figures()
    {
        using var temp = new TempDirectory();
        File.Copy(Path.Combine(FixtureRoot, "4.23/run-streaming-csv-enki.stdout"), temp.File("bad.stdout"));
        File.WriteAllText(temp.File("bad.csv"), File.ReadAllText(Path.Combine(FixtureRoot, "4.23/run-streaming-csv-enki.csv")).Replace("35657.4", "36657.4"));
        var device = FakeDevice(temp, "HAILO8", [.. Hailo8, "run=" + temp.File("bad"), "run-latency=4.23/run-latency-csv-enki"]);
        var outcome = await Execute(new HailoRunRunner(Launcher), device, Args(("hef", ModelHef("enki"))));

        Assert.That(outcome.Failure, Is.EqualTo(FailureClass.GarbageOutput));
        Assert.That(outcome.FailureMessage, Does.Contain("fps: stdout 35657.4 vs csv 36657.4"));
        Assert.That(outcome.Samples, Is.Empty);
    }

    [Test]
    public async Task Power_unsupported_is_a_check_and_the_rest_is_measured()
    {
        using var temp = new TempDirectory();
        var device = FakeDevice(temp, "HAILO8", [.. Hailo8, "run-power=4.23/error-power-unsupported",
            "run=4.23/run-streaming-csv-enki", "run-latency=4.23/run-latency-csv-enki"]);
        var outcome = await Execute(new HailoRunRunner(Launcher), device, Args(("hef", ModelHef("enki")), ("measure_power", "true")));

        Assert.That(outcome.Succeeded, Is.True, outcome.FailureMessage);
        Assert.That(outcome.Checks.Any(c => c.Name == "power" && c.Passed && c.Detail.StartsWith("power: unsupported on this board", StringComparison.Ordinal)), Is.True);
        Assert.That(outcome.Samples.Select(s => s.Metric), Does.Contain("fps").And.Contain("hw_latency"));
        Assert.That(outcome.Samples.Select(s => s.Metric), Has.None.StartsWith("power"));
    }

    [Test]
    public async Task Benchmark_on_hailo8_stores_the_enki_whitepaper_rows()
    {
        using var temp = new TempDirectory();
        var device = FakeDevice(temp, "HAILO8", [.. Hailo8, "benchmark=4.23/benchmark-ansi-progress-power-enki"]);
        var outcome = await Execute(new HailoBenchmarkRunner(Launcher), device, Args(("hef", ModelHef("enki")), ("time", "5s")));

        Assert.That(outcome.Succeeded, Is.True, outcome.FailureMessage);
        AssertStored(outcome, Expected("4.23/benchmark-ansi-progress-power-enki"), "sample");
        Assert.That(Calls(temp).Single(c => c.StartsWith("benchmark", StringComparison.Ordinal)), Does.Contain("-t 5").And.Not.Contain("--no-power"));
    }

    [TestCase("hydra")]
    [TestCase("mamba")]
    [TestCase("chimera")]
    public async Task Benchmark_on_hailo10h_stores_fps_and_temperature_and_notes_power(string model)
    {
        using var temp = new TempDirectory();
        var device = FakeDevice(temp, "HAILO10H", [.. Hailo10H, $"parse-hef=5.1/parse-hef-{model}", $"benchmark=5.1/benchmark-temperature-{model}"]);
        var outcome = await Execute(new HailoBenchmarkRunner(Launcher), device, Args(("hef", ModelHef(model))));

        Assert.That(outcome.Succeeded, Is.True, outcome.FailureMessage);
        AssertStored(outcome, Expected($"5.1/benchmark-temperature-{model}"), "sample");
        Assert.That(outcome.Checks.Any(c => c.Detail == "power: unsupported on this board"), Is.True);
    }

    [Test]
    public async Task Idle_power_is_stored_in_watts()
    {
        using var temp = new TempDirectory();
        var device = FakeDevice(temp, "HAILO8", [.. Hailo8, "measure-power=4.23/measure-power-idle-enki"]);
        var outcome = await Execute(new HailoIdlePowerRunner(Launcher), device, Args());

        Assert.That(outcome.Succeeded, Is.True, outcome.FailureMessage);
        Assert.That(outcome.Samples, Is.EqualTo(new[] { new Sample("idle_power", 0.74979, "W") }));
    }

    [Test]
    public async Task Identify_records_facts_and_no_figures()
    {
        using var temp = new TempDirectory();
        var device = FakeDevice(temp, "HAILO8L", ["version=4.23/version", "identify=4.17/identify-hailo8l-board-name-says-hailo8"]);
        var outcome = await Execute(new HailoIdentifyRunner(Launcher), device, Args());

        Assert.That(outcome.Succeeded, Is.True, outcome.FailureMessage);
        Assert.That(outcome.Samples, Is.Empty);
        Assert.That(outcome.Facts["arch"], Is.EqualTo("HAILO8L"));
        Assert.That(outcome.Facts["board"], Is.EqualTo("Hailo-8"));
    }

    public static IEnumerable<TestCaseData> ErrorFixtures() =>
        Directory.GetFiles(FixtureRoot, "error-*.expected", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(HailoFixtureExpectations.Load)
            .Where(e => e.Has("failure"))
            .Select(e => new TestCaseData(e).SetName("Error fixture through the runner " + e));

    [TestCaseSource(nameof(ErrorFixtures))]
    public async Task Every_error_fixture_yields_its_failure_class_and_no_sample(HailoFixtureExpectations e)
    {
        using var temp = new TempDirectory();
        var fixture = Path.GetRelativePath(FixtureRoot, e.Sibling("")).TrimEnd('.');
        var version = fixture.StartsWith("5.", StringComparison.Ordinal) ? Hailo10H : Hailo8;
        var model = fixture.StartsWith("5.", StringComparison.Ordinal) ? "hydra" : "enki";
        var device = FakeDevice(temp, "X", [.. version, $"parse-hef={(model == "hydra" ? "5.1/parse-hef-hydra" : "4.23/parse-hef-enki")}",
            $"run={fixture}", $"run2={fixture}"]);
        var outcome = await Execute(new HailoRunRunner(Launcher), device,
            Args(("hef", ModelHef(model)), ("command", fixture.Contains("run-refused") ? "run" : "auto")));

        Assert.That(outcome.Failure, Is.EqualTo(new FailureClass(e.Words("failure").Single()[0])), outcome.FailureMessage);
        Assert.That(outcome.FailureMessage, Does.Contain(e.Rest("message")!.Trim()));
        Assert.That(outcome.Samples, Is.Empty);
        Assert.That(outcome.ExitCode, Is.EqualTo(int.Parse(e.Text(".exit").Trim(), System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(outcome.Artifacts.Select(a => a.Name), Has.Some.EndsWith(".stderr"), "the tool's own message is kept");
    }

    [Test]
    public async Task An_incompatible_hef_is_refused_before_running()
    {
        using var temp = new TempDirectory();
        var device = FakeDevice(temp, "HAILO10H", [.. Hailo10H, "parse-hef=4.23/parse-hef-enki", "run2=5.1/run2-temperature-hydra"]);
        var outcome = await Execute(new HailoRunRunner(Launcher), device, Args(("hef", ModelHef("enki"))));

        Assert.That(outcome.Failure, Is.EqualTo(FailureClass.HefIncompatible));
        Assert.That(outcome.FailureMessage, Does.Contain("compatible with HAILO8; the device is HAILO10H"));
        Assert.That(Calls(temp), Has.None.StartsWith("run"));
    }

    [Test]
    public async Task A_hanging_tool_is_killed_at_the_timeout()
    {
        using var temp = new TempDirectory();
        var device = FakeDevice(temp, "HAILO8", [.. Hailo8, "run=!hang"]);
        var outcome = await Execute(new HailoRunRunner(Launcher), device, Args(("hef", ModelHef("enki"))), TimeSpan.FromSeconds(3));

        Assert.That(outcome.Failure, Is.EqualTo(FailureClass.Timeout));
        Assert.That(outcome.Samples, Is.Empty);
    }

    [TestCase("4.23/garbage-not-hailortcli", "garbage-output")]
    [TestCase("4.23/benchmark-cut-before-summary-enki", "truncated-output")]
    public async Task Unreadable_benchmark_output_is_classified(string fixture, string failure)
    {
        using var temp = new TempDirectory();
        var device = FakeDevice(temp, "HAILO8", [.. Hailo8, "benchmark=" + fixture]);
        var outcome = await Execute(new HailoBenchmarkRunner(Launcher), device, Args(("hef", ModelHef("enki"))));

        Assert.That(outcome.Failure, Is.EqualTo(new FailureClass(failure)));
        Assert.That(outcome.Samples, Is.Empty);
    }

    [Test]
    public async Task A_missing_tool_is_a_spawn_failure()
    {
        using var temp = new TempDirectory();
        var device = FakeDevice(temp, "HAILO8", Hailo8) with { Environment = new Dictionary<string, string> { ["PATH"] = temp.Path } };
        var outcome = await new HailoRunRunner(Launcher).ExecuteAsync(Context(device, "hailo.run", Args(("hef", ModelHef("enki")))), CancellationToken.None);

        Assert.That(outcome.Failure, Is.EqualTo(FailureClass.SpawnFailed));
        Assert.That(outcome.FailureMessage, Does.Contain("not found on PATH"));
    }

    [Test]
    public void Validate_reports_bad_arguments_at_their_position()
    {
        var step = new StepSpec("s", "hailo.run", Args(("hef", "x.hef"), ("time", "5s"), ("frames", "10"), ("batch_size", "zero"), ("tiem", "1")),
            [], null, null, null, false, default);
        var problems = new HailoRunRunner(Launcher).Validate(step).Select(p => p.Message).ToList();
        Assert.That(problems, Has.Some.Contains("either 'time' or 'frames'"));
        Assert.That(problems, Has.Some.Contains("'batch_size' must be an integer"));
        Assert.That(problems, Has.Some.Contains("unknown key 'tiem'"));
        var deferred = new StepSpec("s", "hailo.run", Args(("hef", "models/${model}.hef"), ("batch_size", "${batch}")), [], null, null, null, false, default);
        Assert.That(new HailoRunRunner(Launcher).Validate(deferred), Is.Empty);
    }

    [Test]
    public async Task The_provider_discovers_devices_through_scan_and_identify()
    {
        using var temp = new TempDirectory();
        var fake = FakeDevice(temp, "HAILO8", Hailo8);
        var discovery = await new HailoDeviceProvider(Launcher, environment: fake.Environment).DiscoverAsync(CancellationToken.None);

        var device = discovery.Devices.Single();
        Assert.That(device.Id, Is.EqualTo("hailo:0000:01:00.0"));
        Assert.That(device.Model, Is.EqualTo("HAILO8"));
        Assert.That(device.Labels, Is.EquivalentTo(new Dictionary<string, string> { ["family"] = "hailo", ["arch"] = "HAILO8", ["board"] = "Hailo-8", ["emulated"] = "false" }));
        Assert.That(device.Properties["serial"], Is.EqualTo("HLDDM2A234600289"));
        Assert.That(device.Properties["hailort_version"], Is.EqualTo("4.23.0"));
    }

    [Test]
    public async Task The_provider_notes_a_missing_driver_instead_of_throwing()
    {
        using var temp = new TempDirectory();
        var fake = FakeDevice(temp, "HAILO8", "version=4.20/error-driver-missing");
        var discovery = await new HailoDeviceProvider(Launcher, environment: fake.Environment).DiscoverAsync(CancellationToken.None);

        Assert.That(discovery.Devices, Is.Empty);
        Assert.That(discovery.Notes.Single(), Does.Contain("driver-missing"));
    }

    [Test]
    public async Task A_host_without_hailortcli_has_an_absent_tool_not_a_problem()
    {
        using var temp = new TempDirectory();
        var discovery = await new HailoDeviceProvider(Launcher, environment: new Dictionary<string, string> { ["PATH"] = temp.Path })
            .DiscoverAsync(CancellationToken.None);

        Assert.That(discovery.Devices, Is.Empty);
        Assert.That(discovery.Notes, Is.Empty);
        Assert.That(discovery.AbsentTools.Single().Note, Is.EqualTo("hailortcli not present on this host: Hailo modules were not looked for"));
    }

    [Test]
    public async Task The_thermal_probe_reads_the_minimum_of_a_short_run2()
    {
        using var temp = new TempDirectory();
        var fake = FakeDevice(temp, "HAILO10H", "run2=5.1/run2-temperature-hydra");
        var device = fake with
        {
            Properties = new Dictionary<string, string>
            {
                ["hailort_version"] = "5.1.1", ["arch"] = "HAILO10H", [HailoThermalProbe.ProbeHefProperty] = ModelHef("hydra"),
            },
        };
        var celsius = await new HailoThermalProbe(Launcher).ReadCelsiusAsync(device, CancellationToken.None);

        Assert.That(celsius, Is.EqualTo(53.5));
        Assert.That(Calls(temp).Single(), Does.StartWith("run2 -t 1 --measure-temp set-net"));
    }
}
