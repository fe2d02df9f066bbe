using NUnit.Framework;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Execution;

namespace PerfLab.Tests.Execution;

public class CaseExecutorTests
{
    private static readonly IReadOnlyDictionary<string, string> Env = new Dictionary<string, string> { ["PERFLAB_BUILD"] = "b1" };

    private static Task<CaseResult> Execute(Suite suite, IStepRunner runner, params IThermalProbe[] probes) =>
        new CaseExecutor(new RunnerCatalog([runner]), probes, new CaseExecutorOptions(TimeSpan.FromMilliseconds(1)))
            .ExecuteAsync(new PlannedCase(suite, suite.Matrix[0], TestSuites.Device()), Env, SilentProgress.Instance, CancellationToken.None);

    [Test]
    public async Task Warmup_samples_are_run_but_not_stored()
    {
        var runner = new ScriptedRunner("scripted", ScriptedRunner.Fps(1), ScriptedRunner.Fps(10), ScriptedRunner.Fps(11), ScriptedRunner.Fps(12));
        var result = await Execute(TestSuites.Suite([TestSuites.Step("s")], repetitions: 3, warmup: 1), runner);

        Assert.That(runner.Calls, Has.Count.EqualTo(4));
        Assert.That(runner.Calls[0].Warmup, Is.True);
        Assert.That(result.Status, Is.EqualTo(CaseStatus.Passed));
        Assert.That(result.Samples.Select(s => s.Value), Is.EqualTo(new[] { 10.0, 11.0, 12.0 }));
        Assert.That(result.Samples.Select(s => s.Repetition), Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(result.Repetitions.Count(r => r.Warmup), Is.EqualTo(1));
    }

    [Test]
    public async Task Step_overrides_and_once_steps_change_the_repetition_count()
    {
        var runner = new ScriptedRunner("scripted", ScriptedRunner.Fps(1));
        var suite = TestSuites.Suite([TestSuites.Step("gate", once: true), TestSuites.Step("bench", reps: 2, warmup: 0)]);
        var result = await Execute(suite, runner);

        Assert.That(runner.Calls.Select(c => c.Step.Name), Is.EqualTo(new[] { "gate", "bench", "bench" }));
        Assert.That(result.Samples, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task A_failed_repetition_fails_the_case_with_its_class_and_stops_later_steps()
    {
        var runner = new ScriptedRunner("scripted", ScriptedRunner.Fps(5), ScriptedRunner.Fail(FailureClass.NonZeroExit, "exit code 3"));
        var suite = TestSuites.Suite([TestSuites.Step("first", reps: 3, warmup: 0), TestSuites.Step("second")]);
        var result = await Execute(suite, runner);

        Assert.That(result.Status, Is.EqualTo(CaseStatus.Failed));
        Assert.That(result.Failure, Is.EqualTo(FailureClass.NonZeroExit));
        Assert.That(result.FailureMessage, Does.Contain("step 'first', repetition 2: exit code 3"));
        Assert.That(runner.Calls, Has.Count.EqualTo(2), "nothing runs after the failure");
        Assert.That(result.Repetitions.Last().Failure, Is.EqualTo("nonzero-exit"));
    }

    [TestCase("dependency-check-failed", CaseStatus.DependencyCheckFailed)]
    [TestCase("not-run", CaseStatus.NotRun)]
    [TestCase("timeout", CaseStatus.Failed)]
    public async Task Failure_classes_map_to_case_statuses(string code, CaseStatus expected)
    {
        var runner = new ScriptedRunner("scripted", ScriptedRunner.Fail(new FailureClass(code), "why"));
        var result = await Execute(TestSuites.Suite([TestSuites.Step("s", once: true)]), runner);
        Assert.That(result.Status, Is.EqualTo(expected));
    }

    [Test]
    public async Task A_unit_other_than_the_declared_one_fails_the_case()
    {
        var runner = new ScriptedRunner("scripted", _ => StepOutcome.Success([new Sample("latency", 3, "s")], TimeSpan.Zero, 0));
        var result = await Execute(TestSuites.Suite([TestSuites.Step("s", once: true)]), runner);

        Assert.That(result.Failure, Is.EqualTo(FailureClass.UnitMismatch));
        Assert.That(result.FailureMessage, Does.Contain("'s'").And.Contain("'ms'"));
    }

    [Test]
    public async Task A_runner_that_throws_fails_only_its_case()
    {
        var runner = new ScriptedRunner("scripted", _ => throw new InvalidOperationException("boom"));
        var result = await Execute(TestSuites.Suite([TestSuites.Step("s", once: true)]), runner);

        Assert.That(result.Failure, Is.EqualTo(FailureClass.InternalError));
        Assert.That(result.FailureMessage, Does.Contain("boom"));
    }

    [Test]
    public async Task Matrix_values_are_substituted_into_step_arguments()
    {
        var args = new ArgMap([new ArgEntry("x", default, new ArgScalar("size=${size} dev=${device.id}", default))], default);
        var step = TestSuites.Step("s", once: true) with { With = args };
        var suite = TestSuites.Suite([step], matrix: [TestSuites.Point(("size", "64"))]);
        var runner = new ScriptedRunner("scripted", ScriptedRunner.Fps(1));
        var result = await Execute(suite, runner);

        Assert.That(((ArgScalar)runner.Calls[0].Step.With["x"]!).Value, Is.EqualTo("size=64 dev=dev0"));
        Assert.That(result.Parameters["size"], Is.EqualTo("64"));
        Assert.That(runner.Calls[0].RunEnvironment["PERFLAB_BUILD"], Is.EqualTo("b1"));
    }

    [Test]
    public async Task Cooldown_waits_until_the_target_and_records_it()
    {
        var probe = new ListThermalProbe("host", 70, 65, 58, 54);
        var suite = TestSuites.Suite([TestSuites.Step("s", once: true)], thermal: new SuiteThermal(55, TimeSpan.FromMinutes(1), null));
        var result = await Execute(suite, new ScriptedRunner("scripted", ScriptedRunner.Fps(1)), probe);

        Assert.That(probe.Reads, Is.EqualTo(4));
        var check = result.Checks.Single(c => c.Name == "cooldown");
        Assert.That(check.Passed, Is.True);
        Assert.That(check.Detail, Does.Contain("54.0 °C"));
        Assert.That(result.Telemetry.Count(t => t.Channel == "cooldown.temperature"), Is.EqualTo(4));
    }

    [Test]
    public async Task Cooldown_that_never_reaches_the_target_is_recorded_not_fatal()
    {
        var probe = new ListThermalProbe("host", 80);
        var suite = TestSuites.Suite([TestSuites.Step("s", once: true)], thermal: new SuiteThermal(55, TimeSpan.FromMilliseconds(20), null));
        var result = await Execute(suite, new ScriptedRunner("scripted", ScriptedRunner.Fps(1)), probe);

        Assert.That(result.Status, Is.EqualTo(CaseStatus.Passed));
        Assert.That(result.Checks.Single(c => c.Name == "cooldown").Passed, Is.False);
    }

    [Test]
    public async Task Passing_the_thermal_limit_aborts_the_case()
    {
        var probe = new ListThermalProbe("host", 70, 91);
        var suite = TestSuites.Suite([TestSuites.Step("s", reps: 5, warmup: 0)], thermal: new SuiteThermal(null, TimeSpan.Zero, 90));
        var runner = new ScriptedRunner("scripted", ScriptedRunner.Fps(1));
        var result = await Execute(suite, runner, probe);

        Assert.That(result.Status, Is.EqualTo(CaseStatus.AbortedThermal));
        Assert.That(result.Failure, Is.EqualTo(FailureClass.AbortedThermal));
        Assert.That(runner.Calls, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Cancellation_before_a_repetition_fails_the_case_as_cancelled()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        var suite = TestSuites.Suite([TestSuites.Step("s")]);
        var runner = new ScriptedRunner("scripted", ScriptedRunner.Fps(1));
        var result = await new CaseExecutor(new RunnerCatalog([runner]), [])
            .ExecuteAsync(new PlannedCase(suite, suite.Matrix[0], TestSuites.Device()), Env, SilentProgress.Instance, cts.Token);

        Assert.That(result.Failure, Is.EqualTo(FailureClass.Cancelled));
        Assert.That(runner.Calls, Is.Empty);
    }
}
