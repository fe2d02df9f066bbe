using NUnit.Framework;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using PerfLab.Harness.Farm;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Farm;

/// <summary>Agents as real processes of the built perflab: a farm merged into one database, kill -9 mid-run, and two agents on one device.</summary>
public sealed class AgentProcessTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    private static string QuickHailoSuite(string dir)
    {
        var models = Path.Combine(RepoPaths.Suites, "models");
        var path = Path.Combine(dir, "hailo-quick.yaml");
        File.WriteAllText(path, $$"""
            name: hailo-quick
            description: one short inference per model on emulated Hailo devices
            version: "1"
            scope: silicon-measurement
            requires:
              - family: hailo
            defaults: {repetitions: 2, warmup: 0, timeout: 1m}
            matrix:
              include:
                - model: hydra
                  requires: {arch: HAILO10H}
                - model: enki
                  requires: {arch: HAILO8}
            metrics:
              - {name: fps, unit: FPS, better: higher}
              - {name: hw_latency, unit: ms, better: lower}
            steps:
              - name: run
                runner: hailo.run
                with:
                  hef: {{models}}/${model}.hef
                  time: 1s
            """);
        return path;
    }


    /// <summary>A copy of a shipped emulated profile under another name (so its device id differs) with absolute paths.</summary>
    private static void Profile(string dir, string shipped, string name)
    {
        Directory.CreateDirectory(dir);
        var text = File.ReadAllText(Path.Combine(RepoPaths.Suites, "devices", shipped + ".yaml"))
            .Replace("probe_hef: ../models", "probe_hef: " + Path.Combine(RepoPaths.Suites, "models"), StringComparison.Ordinal);
        text = System.Text.RegularExpressions.Regex.Replace(text, "(?m)^name: .*$", "name: " + name);
        // The emulated Hailo provider reads hailo-*.yaml only.
        File.WriteAllText(Path.Combine(dir, "hailo-" + name + ".yaml"), text);
    }

    private static Dictionary<string, string> OwnTemp(string dir)
    {
        Directory.CreateDirectory(dir);
        // Each agent gets its own temp folder: emulator shims and chip state are per agent, as on separate hosts.
        return new Dictionary<string, string> { ["TMPDIR"] = dir };
    }

    private static string Scalar(string db, string sql)
    {
        using var c = new SqliteConnection($"Data Source={db};Pooling=False;Mode=ReadOnly");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToString(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    [Test]
    [Category("Slow")]
    public void A_farm_of_agents_runs_at_once_and_merges_into_one_report_covering_every_device()
    {
        using var temp = new TempDirectory();
        var suites = Path.Combine(temp.Path, "suites");
        Directory.CreateDirectory(suites);
        QuickHailoSuite(suites);
        var agents = new[] { ("farm-pi5-a", "hailo-10h-emulated"), ("farm-x86-b", "hailo-8-emulated"), ("farm-pi5-c", "hailo-10h-emulated") };

        var processes = agents.Select(a =>
        {
            var home = Path.Combine(temp.Path, a.Item1);
            Profile(Path.Combine(home, "profiles"), a.Item2, a.Item1);
            return PerflabProcess.Start(home, OwnTemp(Path.Combine(home, "tmp")),
                "agent", "--suites", suites, "--db", Path.Combine(home, "agent.db"), "--build", "42", "--emulate",
                "--profiles", Path.Combine(home, "profiles"), "--lock-dir", Path.Combine(temp.Path, "locks"));
        }).ToList();
        foreach (var p in processes)
        {
            var (exit, output) = p.WaitForExit(Limit);
            Assert.That(exit, Is.Zero, output);
            Assert.That(output, Does.Contain("agent done: 1 run(s)"), output);
        }
        foreach (var p in processes) p.Dispose();

        var farm = temp.File("farm.db");
        var dbs = agents.Select(a => Path.Combine(temp.Path, a.Item1, "agent.db")).ToArray();
        var merge = PerflabProcess.Run(temp.Path, null, Limit, ["merge", .. dbs, "--into", farm]);
        Assert.That(merge.Exit, Is.Zero, merge.Output);
        Assert.That(merge.Output, Does.Contain("3 run(s) added"));

        var report = PerflabProcess.Run(temp.Path, null, Limit, "report", "--db", farm, "--out", temp.File("report"));
        Assert.That(report.Exit, Is.Zero, report.Output);
        var page = File.ReadAllText(temp.File("report/matrix-hailo-quick.md"));
        foreach (var (name, _) in agents) Assert.That(page, Does.Contain($"hailo-emulated:{name}:"), $"report lacks {name}:\n{page}");
        Assert.That(page, Does.Contain("model=hydra").And.Contain("model=enki"));

        var again = PerflabProcess.Run(temp.Path, null, Limit, ["merge", .. dbs, "--into", farm, "--json"]);
        Assert.That(again.Exit, Is.Zero, again.Output);
        using var doc = JsonDocument.Parse(again.Output);
        Assert.That(doc.RootElement.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("runs_added").GetInt32()), Is.All.Zero);
        Assert.That(doc.RootElement.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("runs_already_present").GetInt32()), Is.All.EqualTo(1));
        Assert.That(Scalar(farm, "SELECT count(*) FROM runs"), Is.EqualTo("3"));
    }

    [Test]
    [Category("Slow")]
    public void An_agent_killed_with_SIGKILL_leaves_a_sound_database_whose_run_is_aborted_by_the_next_agent_not_by_a_reader()
    {
        using var temp = new TempDirectory();
        var db = temp.File("agent.db");
        var locks = temp.File("locks");
        var quick = Directory.CreateDirectory(temp.File("quick")).FullName;
        var slow = Directory.CreateDirectory(temp.File("slow")).FullName;
        SleepingHostSuite.Write(quick, "host-quick", cases: 2, seconds: 0);
        SleepingHostSuite.Write(slow, "host-slow", cases: 30, seconds: 0.5);

        var first = PerflabProcess.Run(temp.Path, null, Limit, "agent", "--suites", quick, "--db", db, "--lock-dir", locks, "--build", "1");
        Assert.That(first.Exit, Is.Zero, first.Output);

        string runId;
        int casesAtKill;
        using (var agent = PerflabProcess.Start(temp.Path, null, "agent", "--suites", slow, "--db", db, "--lock-dir", locks, "--build", "2"))
        {
            var deadline = DateTime.UtcNow + Limit;
            while (CasesOf(db, "host-slow") < 2 && DateTime.UtcNow < deadline) Thread.Sleep(50);
            Assert.That(CasesOf(db, "host-slow"), Is.GreaterThanOrEqualTo(2), agent.Output);
            agent.KillHard();
            runId = Scalar(db, "SELECT id FROM runs WHERE suite = 'host-slow'");
            casesAtKill = CasesOf(db, "host-slow");
            Assert.That(Scalar(db, "SELECT status FROM runs WHERE suite = 'host-slow'"), Is.EqualTo("1"), "the killed run is still 'running' on disk");
        }
        Assert.That(casesAtKill, Is.LessThan(30), "the agent was killed mid-run");
        Assert.That(Scalar(db, "PRAGMA integrity_check"), Is.EqualTo("ok"));

        // 'perflab runs' only reads: it lists the run as it is on disk and recovers nothing (only the file's own agent does).
        var listed = PerflabProcess.Run(temp.Path, null, Limit, "runs", "--db", db, "--json");
        Assert.That(listed.Exit, Is.Zero, listed.Output);
        using (var doc = JsonDocument.Parse(listed.Output))
        {
            var run = doc.RootElement.EnumerateArray().Single(r => r.GetProperty("id").GetString() == runId);
            Assert.That(run.GetProperty("status").GetString(), Is.EqualTo("running"));
        }
        Assert.That(Scalar(db, "SELECT status FROM runs WHERE suite = 'host-slow'"), Is.EqualTo("1"), "a read verb wrote nothing");

        // The next agent on the file recovers the run and says so. The device lock died with the killed agent.
        var next = PerflabProcess.Run(temp.Path, null, Limit, "agent", "--suites", quick, "--db", db, "--lock-dir", locks, "--build", "3", "--lock-wait", "0");
        Assert.That(next.Exit, Is.Zero, next.Output);
        Assert.That(next.Output, Does.Contain($"store: run {runId} was left running by a dead agent; marked aborted"));

        var runs = PerflabProcess.Run(temp.Path, null, Limit, "runs", "--db", db, "--json");
        Assert.That(runs.Exit, Is.Zero, runs.Output);
        using (var doc = JsonDocument.Parse(runs.Output))
        {
            var byId = doc.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!, r => r);
            Assert.That(byId[runId].GetProperty("status").GetString(), Is.EqualTo("aborted"));
            Assert.That(byId[runId].GetProperty("cases_passed").GetInt32(), Is.EqualTo(casesAtKill), "every case stored before the kill is kept");
            var earlier = byId.Values.Where(r => r.GetProperty("suite").GetString() == "host-quick").OrderBy(r => r.GetProperty("started_at").GetString()).First();
            Assert.That(earlier.GetProperty("status").GetString(), Is.EqualTo("passed"));
            Assert.That(earlier.GetProperty("cases_passed").GetInt32(), Is.EqualTo(2));
        }
        Assert.That(Scalar(db, $"SELECT count(*) FROM samples s JOIN cases c ON c.id = s.case_id WHERE c.run_id = '{runId}'"), Is.EqualTo(casesAtKill.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(Scalar(db, $"SELECT status FROM runs WHERE id = '{runId}'"), Is.EqualTo("4"));
    }

    [Test]
    [Category("Slow")]
    public void Two_agents_on_one_device_take_turns()
    {
        using var temp = new TempDirectory();
        var suites = Directory.CreateDirectory(temp.File("suites")).FullName;
        SleepingHostSuite.Write(suites, "host-turns", cases: 3, seconds: 0.4);
        var locks = temp.File("locks");
        var a = PerflabProcess.Start(temp.Path, null, "agent", "--suites", suites, "--db", temp.File("a.db"), "--lock-dir", locks, "--build", "1", "--lock-wait", "2m");
        var b = PerflabProcess.Start(temp.Path, null, "agent", "--suites", suites, "--db", temp.File("b.db"), "--lock-dir", locks, "--build", "1", "--lock-wait", "2m");
        var ra = a.WaitForExit(Limit);
        var rb = b.WaitForExit(Limit);
        a.Dispose();
        b.Dispose();
        Assert.That(ra.Exit, Is.Zero, ra.Output);
        Assert.That(rb.Exit, Is.Zero, rb.Output);
        Assert.That(ra.Output + rb.Output, Does.Contain("device host is busy").And.Contain("device host: lock taken"));

        var spanA = (Start: Scalar(temp.File("a.db"), "SELECT min(started_at) FROM runs"), End: Scalar(temp.File("a.db"), "SELECT max(ended_at) FROM runs"));
        var spanB = (Start: Scalar(temp.File("b.db"), "SELECT min(started_at) FROM runs"), End: Scalar(temp.File("b.db"), "SELECT max(ended_at) FROM runs"));
        // Stored times are fixed-width UTC text, so text order is time order.
        var disjoint = string.CompareOrdinal(spanA.End, spanB.Start) <= 0 || string.CompareOrdinal(spanB.End, spanA.Start) <= 0;
        Assert.That(disjoint, Is.True, $"runs overlapped: a {spanA}, b {spanB}");
    }

    [Test]
    [Category("Slow")]
    public void A_device_still_locked_after_the_wait_is_skipped_with_its_holder_named()
    {
        using var temp = new TempDirectory();
        var suites = Directory.CreateDirectory(temp.File("suites")).FullName;
        SleepingHostSuite.Write(suites, "host-once", cases: 1, seconds: 0);
        var locks = new DeviceLocks(temp.File("locks"));
        using var held = locks.TryAcquire("host", "a long soak");
        var run = PerflabProcess.Run(temp.Path, null, Limit, "agent", "--suites", suites, "--db", temp.File("a.db"), "--lock-dir", locks.Directory, "--lock-wait", "1s");
        Assert.That(run.Exit, Is.EqualTo(1), run.Output);
        Assert.That(run.Output, Does.Contain($"skip device host: still locked after 1s by pid {Environment.ProcessId}").And.Contain("(a long soak)"));
        Assert.That(run.Output, Does.Contain("not measured: host-once"));
    }

    [Test]
    [Category("Slow")]
    public void Suites_matching_no_device_here_are_listed_with_the_reason()
    {
        using var temp = new TempDirectory();
        var run = PerflabProcess.Run(temp.Path, null, Limit, "agent", "--suites", Path.Combine(RepoPaths.Suites, "hailo-thermal-soak.yaml"),
            "--db", temp.File("a.db"), "--lock-dir", temp.File("locks"));
        Assert.That(run.Exit, Is.EqualTo(1), run.Output);
        Assert.That(run.Output, Does.Contain("skip suite hailo-thermal-soak: suite requires {family=hailo}; devices here: host (").And.Contain("nothing was measured"));
    }

    private static int CasesOf(string db, string suite)
    {
        if (!File.Exists(db)) return 0;
        try { return int.Parse(Scalar(db, $"SELECT count(*) FROM cases c JOIN runs r ON r.id = c.run_id WHERE r.suite = '{suite}'"), System.Globalization.CultureInfo.InvariantCulture); }
        catch (SqliteException) { return 0; }
    }

    private static void Exec(string db, string sql)
    {
        using var c = new SqliteConnection($"Data Source={db};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
