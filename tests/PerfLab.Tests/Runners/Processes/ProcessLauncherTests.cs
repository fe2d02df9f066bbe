using System.Security.Cryptography;
using System.Text;
using NUnit.Framework;
using PerfLab.Runners.Processes;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Runners.Processes;

/// <summary>The launcher across the real process boundary: exit codes, streams, groups, timeouts, cancellation.</summary>
[TestFixture]
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // process groups, setsid and /proc
public sealed class ProcessLauncherTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);
    private readonly ProcessLauncher _launcher = new();

    private static string Fake(string name) => Path.Combine(RepoPaths.Fakes, "command", name);

    private static ProcessSpec Spec(string program, IReadOnlyList<string>? args = null, string? cwd = null, TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string?>? env = null, long cap = ProcessSpec.DefaultOutputCap, string? stdin = null) =>
        new(program, args ?? [], cwd ?? Path.GetTempPath(), env ?? new Dictionary<string, string?>(), timeout ?? Generous, cap, stdin);

    /// <summary>Fails instead of hanging the whole test run when the launcher itself hangs.</summary>
    private static async Task<ProcessResult> Bounded(Task<ProcessResult> run)
    {
        var done = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(60)));
        Assert.That(done, Is.SameAs(run), "the launcher did not return within 60 s");
        return await run;
    }

    [Test]
    public async Task Captures_exit_code_stdout_and_stderr()
    {
        var result = await _launcher.RunAsync(Spec(Fake("fail-with-stderr.sh"), ["7"]), CancellationToken.None);

        Assert.That(result.Started, Is.True);
        Assert.That(result.ExitCode, Is.EqualTo(7));
        Assert.That(result.TimedOut, Is.False);
        Assert.That(result.Stdout.Text, Is.EqualTo("partial output before the failure\n"));
        Assert.That(result.Stderr.Text, Does.Contain("HAILO_OUT_OF_PHYSICAL_DEVICES"));
        Assert.That(result.Stderr.Sha256, Is.EqualTo(Sha256(result.Stderr.Bytes)));
    }

    [Test]
    public async Task The_process_leads_its_own_process_group()
    {
        var result = await _launcher.RunAsync(Spec(Fake("print-group.sh")), CancellationToken.None);

        var lines = result.Stdout.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToDictionary(l => l.Split('=')[0], l => l.Split('=')[1]);
        Assert.That(int.Parse(lines["pid"]), Is.EqualTo(result.ProcessId), "setsid must exec in place, not fork");
        Assert.That(int.Parse(lines["pgid"]), Is.EqualTo(result.ProcessId));
    }

    [Test]
    public async Task A_timeout_kills_the_whole_tree_including_an_orphaned_grandchild()
    {
        using var temp = new TempDirectory();
        var pidFile = temp.File("pids");
        var result = await Bounded(_launcher.RunAsync(Spec(Fake("hang-with-grandchildren.sh"), [pidFile], timeout: TimeSpan.FromSeconds(2)), CancellationToken.None));
        var pids = ProcessTree.ReadPids(pidFile);
        try
        {
            Assert.That(result.TimedOut, Is.True);
            Assert.That(result.Cancelled, Is.False);
            Assert.That(result.ExitCode, Is.Null);
            Assert.That(pids, Has.Count.EqualTo(4), "the tool writes the shell, two children and one orphaned grandchild");
            Assert.That(await ProcessTree.SurvivorsAsync(pids), Is.Empty);
        }
        finally { ProcessTree.KillLeftovers(pids); }
    }

    [Test]
    public async Task Cancellation_kills_the_whole_tree()
    {
        using var temp = new TempDirectory();
        var pidFile = temp.File("pids");
        using var cts = new CancellationTokenSource();
        var run = _launcher.RunAsync(Spec(Fake("hang-with-grandchildren.sh"), [pidFile]), cts.Token);
        var pids = await ProcessTree.WaitForPidsAsync(pidFile, Generous);
        try
        {
            await cts.CancelAsync();
            var result = await Bounded(run);

            Assert.That(result.Cancelled, Is.True);
            Assert.That(result.TimedOut, Is.False);
            Assert.That(result.ExitCode, Is.Null);
            Assert.That(await ProcessTree.SurvivorsAsync(pids), Is.Empty);
        }
        finally { ProcessTree.KillLeftovers(pids); }
    }

    [Test]
    public async Task A_child_left_running_by_a_process_that_exited_is_killed_with_its_group()
    {
        using var temp = new TempDirectory();
        var pidFile = temp.File("pid");
        var result = await Bounded(_launcher.RunAsync(Spec(Fake("background-and-exit.sh"), [pidFile]), CancellationToken.None));
        var pids = ProcessTree.ReadPids(pidFile);
        try
        {
            Assert.That(result.ExitCode, Is.EqualTo(0));
            Assert.That(result.Stdout.Text, Is.EqualTo("value: 1\n"));
            Assert.That(await ProcessTree.SurvivorsAsync(pids), Is.Empty);
        }
        finally { ProcessTree.KillLeftovers(pids); }
    }

    [Test]
    public async Task A_descendant_that_left_the_group_and_holds_stdout_open_does_not_hang_the_launcher()
    {
        using var temp = new TempDirectory();
        var pidFile = temp.File("pid");
        // setsid puts the sleep in a session of its own, out of reach of the group kill; it inherits stdout.
        var script = $"setsid sleep 300 & echo $! > '{pidFile}'; echo 'value: 5'";
        var result = await Bounded(_launcher.RunAsync(Spec("/bin/sh", ["-c", script]), CancellationToken.None));
        var pids = ProcessTree.ReadPids(pidFile);
        try
        {
            Assert.That(result.ExitCode, Is.EqualTo(0));
            Assert.That(result.Stdout.Text, Is.EqualTo("value: 5\n"));
        }
        finally { ProcessTree.KillLeftovers(pids); }
    }

    [Test]
    public async Task A_process_that_never_reads_a_large_stdin_still_times_out()
    {
        var input = new string('x', 4 * 1024 * 1024);
        var result = await Bounded(_launcher.RunAsync(Spec("sleep", ["300"], timeout: TimeSpan.FromSeconds(1), stdin: input), CancellationToken.None));

        Assert.That(result.TimedOut, Is.True);
    }

    [Test]
    public async Task Stdin_is_passed_and_closed()
    {
        var result = await _launcher.RunAsync(Spec("cat", stdin: "hello\nworld\n"), CancellationToken.None);

        Assert.That(result.ExitCode, Is.EqualTo(0));
        Assert.That(result.Stdout.Text, Is.EqualTo("hello\nworld\n"));
    }

    [Test]
    public async Task Output_over_the_cap_is_truncated_but_hashed_in_full()
    {
        const int total = 300_000;
        var result = await _launcher.RunAsync(Spec(Fake("print-bytes.sh"), [total.ToString()], cap: 1000), CancellationToken.None);

        var expected = ExpectedBytes(total);
        Assert.That(result.Stdout.TotalBytes, Is.EqualTo(total));
        Assert.That(result.Stdout.Bytes, Is.EqualTo(expected[..1000]));
        Assert.That(result.Stdout.Truncated, Is.True);
        Assert.That(result.Stdout.Sha256, Is.EqualTo(Sha256(expected)));
    }

    [Test]
    public async Task A_missing_program_is_a_spawn_error_naming_it()
    {
        var result = await _launcher.RunAsync(Spec("perflab-no-such-tool-7f3a"), CancellationToken.None);

        Assert.That(result.Started, Is.False);
        Assert.That(result.SpawnError, Does.Contain("perflab-no-such-tool-7f3a").And.Contain("not found on PATH"));
    }

    [Test]
    public async Task A_file_without_execute_permission_is_a_spawn_error()
    {
        using var temp = new TempDirectory();
        var script = temp.File("tool.sh");
        await File.WriteAllTextAsync(script, "#!/bin/sh\necho 1\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var result = await _launcher.RunAsync(Spec(script), CancellationToken.None);

        Assert.That(result.Started, Is.False);
        Assert.That(result.SpawnError, Does.Contain("not executable"));
    }

    [Test]
    public async Task A_missing_working_directory_is_a_spawn_error()
    {
        var result = await _launcher.RunAsync(Spec("true", cwd: "/nonexistent/perflab/folder"), CancellationToken.None);

        Assert.That(result.Started, Is.False);
        Assert.That(result.SpawnError, Does.Contain("/nonexistent/perflab/folder").And.Contain("does not exist"));
    }

    [Test]
    public async Task A_relative_program_path_is_taken_from_the_working_directory()
    {
        var result = await _launcher.RunAsync(Spec("./command/print-figure.sh", ["7"], cwd: RepoPaths.Fakes), CancellationToken.None);

        Assert.That(result.ExitCode, Is.EqualTo(0));
        Assert.That(result.Stdout.Text, Does.Contain("throughput: 7 fps"));
    }

    [Test]
    public async Task A_bare_name_is_found_on_the_PATH_the_process_gets()
    {
        var env = new Dictionary<string, string?> { ["PATH"] = Path.Combine(RepoPaths.Fakes, "command") + ":/usr/bin:/bin" };
        var result = await _launcher.RunAsync(Spec("print-figure.sh", ["9"], env: env), CancellationToken.None);

        Assert.That(result.Stdout.Text, Does.Contain("throughput: 9 fps"));
    }

    [Test]
    public async Task Environment_is_set_and_removed_and_the_locale_defaults_to_C()
    {
        var env = new Dictionary<string, string?> { ["PERFLAB_TEST_GREETING"] = "hello there", ["HOME"] = null };
        var result = await _launcher.RunAsync(Spec("/bin/sh", ["-c", "echo \"g=$PERFLAB_TEST_GREETING h=${HOME-unset} l=$LC_ALL\""], env: env), CancellationToken.None);

        Assert.That(result.Stdout.Text, Is.EqualTo("g=hello there h=unset l=C\n"));
    }

    internal static byte[] ExpectedBytes(int total)
    {
        var line = Encoding.ASCII.GetBytes("line of output 0123456789\n");
        return Enumerable.Range(0, total).Select(i => line[i % line.Length]).ToArray();
    }

    internal static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
