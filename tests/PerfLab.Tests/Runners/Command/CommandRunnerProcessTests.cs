using System.Text;
using NUnit.Framework;
using PerfLab.Harness.Domain;
using PerfLab.Runners.Command;
using PerfLab.Tests.Infrastructure;
using PerfLab.Tests.Runners.Processes;
using static PerfLab.Tests.Runners.Command.CommandCase;

namespace PerfLab.Tests.Runners.Command;

/// <summary>The Command runner across the real process boundary, with the fake tools in tests/fakes/command.</summary>
[TestFixture]
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // process groups, setsid and /proc
public sealed class CommandRunnerProcessTests
{
    private readonly CommandRunner _runner = new();

    private Task<StepOutcome> Run(StepSpec step, string? suiteDirectory = null, TimeSpan? timeout = null, CancellationToken token = default) =>
        _runner.ExecuteAsync(Context(step, suiteDirectory, timeout), token);

    private static string Text(Artifact a) => Encoding.UTF8.GetString(a.Content);

    [Test]
    public async Task A_figure_is_read_by_regex_and_json_path_with_the_suites_units()
    {
        var step = Step("argv: [print-figure.sh, '88.25']",
            Regex("fps", @"throughput: (?<value>[0-9.]+) fps"), Json("p50", "$.latency.p50_ms[0]"));

        var outcome = await Run(step);

        Assert.That(outcome.Succeeded, Is.True, outcome.FailureMessage);
        Assert.That(outcome.ExitCode, Is.EqualTo(0));
        Assert.That(outcome.Samples, Is.EqualTo(new[] { new Sample("fps", 88.25, "fps"), new Sample("p50", 4.25, "ms") }));
    }

    [Test]
    public async Task Stdout_and_stderr_are_kept_as_artifacts_with_their_hashes()
    {
        var outcome = await Run(Step("argv: [print-figure.sh]", Regex("fps", @"throughput: (?<value>[0-9.]+)")));

        var stdout = outcome.Artifacts.Single(a => a.Name == "bench.r1.stdout");
        var stderr = outcome.Artifacts.Single(a => a.Name == "bench.r1.stderr");
        Assert.That(stdout.MediaType, Is.EqualTo("text/plain"));
        Assert.That(Text(stdout), Does.StartWith("loading model...\nthroughput: 123.5 fps\n"));
        Assert.That(stdout.Sha256, Is.EqualTo(ProcessLauncherTests.Sha256(stdout.Content)));
        Assert.That(stdout.OriginalLength, Is.EqualTo(stdout.Content.Length));
        Assert.That(stderr.OriginalLength, Is.Zero);
    }

    [Test]
    public async Task Warm_up_artifacts_are_named_apart_from_measured_ones()
    {
        var outcome = await _runner.ExecuteAsync(Context(Step("argv: [true]"), repetition: 2, warmup: true), CancellationToken.None);

        Assert.That(outcome.Artifacts.Select(a => a.Name), Is.EqualTo(new[] { "bench.w2.stdout", "bench.w2.stderr" }));
    }

    [Test]
    public async Task Wall_clock_is_the_processes_own_wall_time_times_the_scale()
    {
        var outcome = await Run(Step("argv: [true]", Wall(scale: 1000)));

        Assert.That(outcome.Succeeded, Is.True, outcome.FailureMessage);
        var sample = outcome.Samples.Single();
        Assert.That(sample.Unit, Is.EqualTo("s"));
        Assert.That(sample.Value, Is.GreaterThan(0).And.EqualTo(outcome.Wall.TotalSeconds * 1000).Within(1e-9));
    }

    [Test]
    public async Task A_nonzero_exit_fails_with_the_code_and_the_end_of_stderr_and_keeps_the_output()
    {
        var outcome = await Run(Step("argv: [fail-with-stderr.sh]", Regex("fps", @"(?<value>\d+)")));

        Assert.That(outcome.Failure, Is.EqualTo(FailureClass.NonZeroExit));
        Assert.That(outcome.ExitCode, Is.EqualTo(3));
        Assert.That(outcome.Samples, Is.Empty);
        Assert.That(outcome.FailureMessage, Does.Contain("code 3").And.Contain("opening device failed | caused by: status 74 (HAILO_OUT_OF_PHYSICAL_DEVICES)"));
        Assert.That(Text(outcome.Artifacts.Single(a => a.Name.EndsWith(".stderr"))), Does.Contain("HAILO_OUT_OF_PHYSICAL_DEVICES"));
        Assert.That(Text(outcome.Artifacts.Single(a => a.Name.EndsWith(".stdout"))), Is.EqualTo("partial output before the failure\n"));
    }

    [Test]
    public async Task Exit_codes_listed_as_ok_are_not_failures()
    {
        var outcome = await Run(Step("argv: [fail-with-stderr.sh, '1']\nok_exit_codes: [0, 1]", Wall()));

        Assert.That(outcome.Succeeded, Is.True, outcome.FailureMessage);
        Assert.That(outcome.ExitCode, Is.EqualTo(1));
    }

    [Test]
    public async Task A_timeout_fails_naming_the_timeout_and_leaves_no_process_of_the_tree()
    {
        using var temp = new TempDirectory();
        var pidFile = temp.File("pids");
        var step = Step($"argv: [hang-with-grandchildren.sh, '{pidFile}']", Wall());

        var outcome = await Run(step, timeout: TimeSpan.FromSeconds(2));
        var pids = ProcessTree.ReadPids(pidFile);
        try
        {
            Assert.That(outcome.Failure, Is.EqualTo(FailureClass.Timeout));
            Assert.That(outcome.FailureMessage, Does.Contain("timeout of 2s"));
            Assert.That(outcome.Samples, Is.Empty, "a timed-out repetition yields no wall-clock figure");
            Assert.That(outcome.ExitCode, Is.Null);
            Assert.That(outcome.Artifacts, Has.Count.EqualTo(2));
            Assert.That(pids, Has.Count.EqualTo(4));
            Assert.That(await ProcessTree.SurvivorsAsync(pids), Is.Empty);
        }
        finally { ProcessTree.KillLeftovers(pids); }
    }

    [Test]
    public async Task Cancellation_fails_as_cancelled_and_kills_the_tree()
    {
        using var temp = new TempDirectory();
        var pidFile = temp.File("pids");
        using var cts = new CancellationTokenSource();
        var run = Run(Step($"argv: [hang-with-grandchildren.sh, '{pidFile}']", Wall()), token: cts.Token);
        var pids = await ProcessTree.WaitForPidsAsync(pidFile, TimeSpan.FromSeconds(30));
        try
        {
            await cts.CancelAsync();
            var outcome = await run.WaitAsync(TimeSpan.FromSeconds(60));

            Assert.That(outcome.Failure, Is.EqualTo(FailureClass.Cancelled));
            Assert.That(outcome.Samples, Is.Empty);
            Assert.That(await ProcessTree.SurvivorsAsync(pids), Is.Empty);
        }
        finally { ProcessTree.KillLeftovers(pids); }
    }

    [Test]
    public async Task A_token_cancelled_before_the_start_starts_nothing()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var outcome = await Run(Step("argv: [print-figure.sh]", Wall()), token: cts.Token);

        Assert.That(outcome.Failure, Is.EqualTo(FailureClass.Cancelled));
    }

    [Test]
    public async Task Garbage_where_a_figure_should_be_fails_without_a_figure()
    {
        var regex = await Run(Step("argv: [print-garbage.sh]", Regex("fps", @"throughput: (?<value>\S+) fps")));
        var json = await Run(Step("argv: [print-garbage.sh]", Json("fps", "$.fps")));

        Assert.That(regex.Failure, Is.EqualTo(FailureClass.GarbageOutput));
        Assert.That(regex.FailureMessage, Does.Contain("'fast'"));
        Assert.That(regex.Samples, Is.Empty);
        Assert.That(regex.Artifacts, Has.Count.EqualTo(2));
        Assert.That(json.Failure, Is.EqualTo(FailureClass.GarbageOutput));
        Assert.That(json.FailureMessage, Does.Contain("\"n/a\""));
    }

    [Test]
    public async Task A_figure_missing_from_stdout_is_no_metric_naming_the_metric()
    {
        var outcome = await Run(Step("argv: [print-figure.sh]",
            Regex("fps", @"throughput: (?<value>[0-9.]+)"), Regex("p50", @"p50: (?<value>[0-9.]+)")));

        Assert.That(outcome.Failure, Is.EqualTo(FailureClass.NoMetric));
        Assert.That(outcome.FailureMessage, Does.Contain("'p50'").And.Contain("loading model..."));
        Assert.That(outcome.Samples, Is.Empty, "one missing metric fails the repetition: no partial figures");
    }

    [Test]
    public async Task A_missing_program_is_spawn_failed()
    {
        var outcome = await Run(Step("argv: [perflab-no-such-tool-7f3a, --version]", Wall()));

        Assert.That(outcome.Failure, Is.EqualTo(FailureClass.SpawnFailed));
        Assert.That(outcome.FailureMessage, Does.Contain("perflab-no-such-tool-7f3a").And.Contain("not found on PATH"));
        Assert.That(outcome.Samples, Is.Empty);
        Assert.That(outcome.ExitCode, Is.Null);
    }

    [Test]
    public async Task A_file_that_is_not_executable_is_spawn_failed()
    {
        using var suite = new TempDirectory();
        var script = suite.File("tool.sh");
        await File.WriteAllTextAsync(script, "#!/bin/sh\necho 'value: 1'\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var outcome = await Run(Step("argv: [./tool.sh]", Wall()), suite.Path);

        Assert.That(outcome.Failure, Is.EqualTo(FailureClass.SpawnFailed));
        Assert.That(outcome.FailureMessage, Does.Contain("not executable"));
    }

    [Test]
    public async Task A_working_directory_that_does_not_exist_is_spawn_failed()
    {
        using var suite = new TempDirectory();

        var outcome = await Run(Step("argv: [true]\ncwd: no/such/folder", Wall()), suite.Path);

        Assert.That(outcome.Failure, Is.EqualTo(FailureClass.SpawnFailed));
        Assert.That(outcome.FailureMessage, Does.Contain(Path.Combine(suite.Path, "no/such/folder")).And.Contain("does not exist"));
    }

    [Test]
    public async Task Stdout_over_the_cap_is_truncated_and_its_hash_covers_all_of_it()
    {
        const int total = 100_000;
        var outcome = await Run(Step($"argv: [print-bytes.sh, '{total}']\noutput_cap: 1000", Wall()));

        Assert.That(outcome.Succeeded, Is.True, outcome.FailureMessage);
        var stdout = outcome.Artifacts.Single(a => a.Name.EndsWith(".stdout"));
        var expected = ProcessLauncherTests.ExpectedBytes(total);
        Assert.That(stdout.Content, Is.EqualTo(expected[..1000]));
        Assert.That(stdout.OriginalLength, Is.EqualTo(total));
        Assert.That(stdout.Truncated, Is.True);
        Assert.That(stdout.Sha256, Is.EqualTo(ProcessLauncherTests.Sha256(expected)));
    }

    [Test]
    public async Task A_figure_beyond_the_cap_fails_as_truncated_output()
    {
        var outcome = await Run(Step("argv: [print-bytes.sh, '5000', '17']\noutput_cap: 1000", Regex("value", @"value: (?<value>\d+)")));

        Assert.That(outcome.Failure, Is.EqualTo(FailureClass.TruncatedOutput));
        Assert.That(outcome.FailureMessage, Does.Contain("output_cap").And.Contain("1000 of 5011 bytes"));
    }

    [Test]
    public async Task Environment_working_directory_and_run_variables_reach_the_process()
    {
        using var suite = new TempDirectory();
        Directory.CreateDirectory(suite.File("sub"));
        var step = Step("argv: [print-environment.sh, a b, '$HOME']\ncwd: sub\nenv: {PERFLAB_TEST_GREETING: hello there}");

        var outcome = await _runner.ExecuteAsync(Context(step, suite.Path, repetition: 3), CancellationToken.None);

        Assert.That(outcome.Succeeded, Is.True, outcome.FailureMessage);
        var stdout = Text(outcome.Artifacts.Single(a => a.Name == "bench.r3.stdout"));
        Assert.That(stdout, Does.Contain($"cwd={Path.Combine(suite.Path, "sub")}\n"));
        Assert.That(stdout, Does.Contain("greeting=hello there\n"));
        Assert.That(stdout, Does.Contain($"build={Build}\n").And.Contain($"device={DeviceId}\n").And.Contain("repetition=3\n"));
        Assert.That(stdout, Does.Contain("args=a b $HOME\n"), "argv goes to the program verbatim, never through a shell");
    }

    [Test]
    public async Task The_working_directory_defaults_to_the_suite_folder_and_relative_programs_resolve_there()
    {
        var outcome = await Run(Step("argv: [command/print-environment.sh]"), RepoPaths.Fakes);

        Assert.That(outcome.Succeeded, Is.True, outcome.FailureMessage);
        Assert.That(Text(outcome.Artifacts[0]), Does.StartWith($"cwd={RepoPaths.Fakes}\n"));
    }

    [Test]
    public async Task A_shell_step_runs_its_script_with_bin_sh()
    {
        var outcome = await Run(Step("shell: 'x=6; echo \"value: $((x * 7))\" | tr -d \"\\r\"'", Regex("value", @"value: (?<value>\d+)")));

        Assert.That(outcome.Succeeded, Is.True, outcome.FailureMessage);
        Assert.That(outcome.Samples.Single(), Is.EqualTo(new Sample("value", 42, "count")));
    }

    [Test]
    public async Task Stdin_text_is_given_to_the_process()
    {
        var step = Step("shell: 'read -r x; echo \"value: $x\"'\nstdin: \"17.5\\n\"", Regex("value", @"value: (?<value>\S+)"));

        var outcome = await Run(step);

        Assert.That(outcome.Succeeded, Is.True, outcome.FailureMessage);
        Assert.That(outcome.Samples.Single().Value, Is.EqualTo(17.5));
    }

    [Test]
    public async Task A_step_made_invalid_by_substitution_fails_without_starting_anything()
    {
        var outcome = await Run(Step("argv: [true]\noutput_cap: lots"));

        Assert.That(outcome.Failure, Is.EqualTo(FailureClass.InternalError));
        Assert.That(outcome.FailureMessage, Does.Contain("output_cap").And.Contain("invalid after substitution"));
        Assert.That(outcome.Artifacts, Is.Empty);
    }
}
