using System.CommandLine;
using System.Runtime.InteropServices;
using NUnit.Framework;
using PerfLab.Cli;
using PerfLab.Results;
using PerfLab.Tests.Farm;
using PerfLab.Tests.Infrastructure;
using PerfLab.Tests.Results;

namespace PerfLab.Tests.Cli;

/// <summary>The perflab command line as a user meets it, through the built executable: usage errors, help, Ctrl-C,
/// device tools this host lacks, and the runs listing.</summary>
public sealed class CliProcessTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);


    [Test]
    public void An_unknown_option_exits_2_naming_it_with_a_suggestion_and_reads_no_file()
    {
        using var temp = new TempDirectory();
        var suite = SleepingHostSuite.Write(temp.Path, "host-once", cases: 1, seconds: 0);
        var (exit, output) = PerflabProcess.Run(temp.Path, null, Limit, "run", suite, "--dbb", "x.db");
        Assert.That(exit, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("perflab: unknown option '--dbb' for 'perflab run'; did you mean '--db'?"));
        Assert.That(output, Does.Contain("Try 'perflab run --help'."));
        Assert.That(output, Does.Not.Contain("no such file"), "neither --dbb nor x.db was read as a suite");
        Assert.That(Directory.GetFiles(temp.Path).Select(Path.GetFileName), Is.EqualTo(new[] { "host-once.yaml" }), "nothing was run or created");
    }

    [Test]
    public void An_unknown_verb_exits_2_with_the_closest_verb()
    {
        using var temp = new TempDirectory();
        var (exit, output) = PerflabProcess.Run(temp.Path, null, Limit, "rnu");
        Assert.That(exit, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("perflab: unknown verb 'rnu'; did you mean 'run'?"));
    }

    [TestCase("run")]
    [TestCase("emulate")]
    [TestCase("gate")]
    public void Help_through_the_executable_exits_0(string verb)
    {
        using var temp = new TempDirectory();
        var (exit, output) = PerflabProcess.Run(temp.Path, null, Limit, verb, "--help");
        Assert.That(exit, Is.Zero, output);
        Assert.That(output, Does.Contain($"perflab {verb}").And.Contain("Usage:"));
    }

    [Test]
    public void Every_verbs_help_exits_0_and_no_option_is_both_required_and_defaulted()
    {
        var verbs = PerfLabCommandLine.CreateRoot().Subcommands
            .SelectMany(v => v.Subcommands.Count == 0 ? [new[] { v.Name }] : v.Subcommands.Select(s => new[] { v.Name, s.Name }).Prepend([v.Name]))
            .ToList();
        Assert.That(verbs, Has.Count.GreaterThan(15));
        foreach (var verb in verbs)
        {
            var output = new StringWriter();
            var exit = PerfLabCommandLine.CreateRoot().Parse([.. verb, "--help"]).Invoke(new InvocationConfiguration { Output = output });
            var name = string.Join(' ', verb);
            Assert.That(exit, Is.Zero, name);
            var text = output.ToString();
            Assert.That(text, Does.Contain("Usage:"), name);
            var contradictions = text.Split('\n').Where(l => l.Contains("(REQUIRED)", StringComparison.Ordinal) && l.Contains("[default:", StringComparison.Ordinal));
            Assert.That(contradictions, Is.Empty, $"perflab {name} --help");
        }

        var options = PerfLabCommandLine.CreateRoot().Subcommands.SelectMany(v => v.Subcommands.Prepend(v)).SelectMany(c => c.Options.Select(o => (Verb: c.Name, Option: o)));
        var inconsistent = new List<string>();
        foreach (var (verb, option) in options)
        {
            if (option.Required && option.HasDefaultValue) inconsistent.Add($"{verb} {option.Name} is required and has a default");
            // Help prints the default itself ("[default: x]"); a second one in the description could only disagree with it.
            if (option.HasDefaultValue && (option.Description ?? "").Contains("default", StringComparison.OrdinalIgnoreCase))
                inconsistent.Add($"{verb} {option.Name} states its default twice: {option.Description}");
        }
        Assert.That(inconsistent, Is.Empty);
    }

    [Test]
    public void Ctrl_C_prints_one_interrupted_line_exits_130_marks_the_run_aborted_and_leaves_no_wal()
    {
        using var temp = new TempDirectory();
        var suite = SleepingHostSuite.Write(temp.Path, "host-slow", cases: 40, seconds: 0.5);
        var db = temp.File("x.db");
        using var run = PerflabProcess.Start(temp.Path, null, "run", suite, "--db", db, "--build", "7");
        var deadline = DateTime.UtcNow + Limit;
        while (!run.Output.Contains("[passed] n=2", StringComparison.Ordinal) && DateTime.UtcNow < deadline) Thread.Sleep(50);
        Assert.That(run.Output, Does.Contain("[passed] n=2"), run.Output);

        run.Interrupt();
        var (exit, output) = run.WaitForExit(Limit);

        Assert.That(exit, Is.EqualTo(130), output);
        var interrupted = output.Split('\n').Where(l => l.Contains("interrupted", StringComparison.Ordinal)).ToList();
        Assert.That(interrupted, Has.Count.EqualTo(1), output);
        Assert.That(interrupted[0], Does.StartWith("perflab: interrupted (SIGINT)"));
        Assert.That(File.Exists(db + "-wal"), Is.False, "the database was checkpointed and closed");
        Assert.That(File.Exists(db + "-shm"), Is.False);
        Assert.That(StoreSamples.Text(db, "SELECT status FROM runs"), Is.EqualTo(((int)PerfLab.Harness.Domain.RunStatus.Aborted).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(StoreSamples.Scalar(db, "SELECT count(*) FROM cases"), Is.InRange(2, 39), "the cases before the signal are kept; the rest never ran");
        Assert.That(output, Does.Not.Contain("run(s) (one per suite"), "no summary line of a finished run");
    }

    [Test]
    public void Device_tools_absent_from_this_host_are_notes_not_errors()
    {
        using var temp = new TempDirectory();
        var emptyPath = Directory.CreateDirectory(temp.File("bin")).FullName;
        var env = new Dictionary<string, string> { ["PATH"] = emptyPath, ["DOTNET_ROOT"] = DotnetRoot() };
        var (exit, output) = PerflabProcess.Run(temp.Path, env, Limit, "devices");
        Assert.That(exit, Is.Zero, output);
        Assert.That(output, Does.Contain("notes:\n  hailortcli not present on this host: Hailo modules were not looked for\n" +
                                         "  nvidia-smi not present on this host: NVIDIA GPUs were not looked for"));
        Assert.That(output, Does.Not.Contain("could not be started").And.Not.Contain("problem:").And.Not.Contain("devices: hailo"));
    }

    [Test]
    public void A_host_run_starts_with_notes_and_its_report_has_html_and_no_empty_baseline_list()
    {
        using var temp = new TempDirectory();
        var suite = SleepingHostSuite.Write(temp.Path, "host-quick", cases: 2, seconds: 0);
        var db = temp.File("x.db");
        var first = PerflabProcess.Run(temp.Path, null, Limit, "run", suite, "--db", db, "--build", "1");
        Assert.That(first.Exit, Is.Zero, first.Output);
        Assert.That(first.Output, Does.Contain("1 run(s) (one per suite and device) holding 2 case(s) (one per matrix point), 0 failed"));
        if (!File.Exists("/usr/bin/hailortcli")) Assert.That(first.Output, Does.Contain("notes:\n  hailortcli not present on this host"));
        Assert.That(first.Output, Does.Not.Contain("devices: hailo: hailortcli --version"));

        var report = temp.File("out");
        var second = PerflabProcess.Run(temp.Path, null, Limit, "run", suite, "--db", db, "--build", "2", "--report", report);
        Assert.That(second.Exit, Is.Zero, second.Output);
        Assert.That(second.Output, Does.Contain($"open: {Path.Combine(report, "index.html")}"));
        Assert.That(File.Exists(Path.Combine(report, "index.html")), Is.True);
        Assert.That(File.Exists(Path.Combine(report, "gate.html")), Is.True);
        Assert.That(File.Exists(Path.Combine(report, "gate.md")), Is.True);
        foreach (var page in Directory.GetFiles(report, "*.md").Concat(Directory.GetFiles(report, "*.html")))
        {
            Assert.That(File.ReadAllText(page), Does.Not.Contain("baseline builds )").And.Not.Contain("baseline builds </div>"), page);
        }
    }

    [Test]
    public void Runs_lists_device_names_in_full()
    {
        using var temp = new TempDirectory();
        var db = temp.File("x.db");
        string[] devices = ["hailo-emulated:hailo-10h-emulated:0000:01:00.0-HLLWM2B218", "hailo-emulated:hailo-10h-emulated:0000:01:00.0-HLLWM2B219"];
        using (var store = SqliteResultStore.Open(db))
        {
            for (var i = 0; i < devices.Length; i++)
            {
                var device = StoreSamples.Device(devices[i]);
                store.BeginRun(StoreSamples.Run($"run-{i}", device: device));
                store.RecordCase($"run-{i}", StoreSamples.Case(device: device));
                store.EndRun($"run-{i}", PerfLab.Harness.Domain.RunStatus.Passed, StoreSamples.T0.AddMinutes(5));
            }
        }
        var (exit, output) = PerflabProcess.Run(temp.Path, null, Limit, "runs", "--db", db);
        Assert.That(exit, Is.Zero, output);
        foreach (var d in devices) Assert.That(output, Does.Contain($" {d} "), output);
        Assert.That(output, Does.Not.Contain("…"));
    }

    /// <summary>The dotnet installation running the tests, so the apphost finds it with PATH emptied.</summary>
    private static string DotnetRoot() => Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
}
