using NUnit.Framework;
using PerfLab.Tests.Farm;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Containers;

[TestFixture]
[Category("Containers")]
[Category("Slow")]
public sealed class ContainerPowerLossTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);
    // 'docker kill' SIGKILLs the container's init: the agent and its workload children die at once, as in a power cut.
    // runs.status holds RunStatus as an integer: 1 running, 2 passed, 4 aborted.
    // The kill points are drawn from a seed printed in the test output; PERFLAB_TEST_SEED replays one.
    [Test]
    public async Task A_host_killed_at_random_points_of_a_run_keeps_a_sound_database_that_merges_and_serves_the_next_agent()
    {
        using var temp = new TempDirectory();
        var quick = Directory.CreateDirectory(temp.File("quick")).FullName;
        var slow = Directory.CreateDirectory(temp.File("slow")).FullName;
        SleepingHostSuite.Write(quick, "host-quick", cases: 1, seconds: 0);
        SleepingHostSuite.Write(slow, "host-slow", cases: 12, seconds: 0.05);
        var seed = int.TryParse(Environment.GetEnvironmentVariable("PERFLAB_TEST_SEED"), out var s) ? s : Environment.TickCount & 0xFFFF;
        TestContext.Out.WriteLine($"power-loss kill points from seed {seed} (replay with PERFLAB_TEST_SEED={seed})");
        var random = new Random(seed);
        var points = Enumerable.Range(0, Kills).Select(_ => (Cases: random.Next(0, 10), DelayMs: random.Next(0, 120))).ToList();
        var data = Directory.CreateDirectory(temp.File("data")).FullName;
        var db = Path.Combine(data, "agent.db");
        (string, string, bool)[] mounts = [AgentHost.Perflab, (quick, "/quick", true), (slow, "/slow", true)];
        var spec = new AgentHostSpec("pi5-power", data, mounts);

        await using (var first = await AgentHost.StartAsync(spec))
        {
            var run = await first.PerflabAsync(Limit, "agent", "--suites", "/quick", "--db", "/data/agent.db", "--build", "1", "--lock-dir", "/tmp/locks");
            Assert.That(run.Code, Is.Zero, run.Output);
        }
        var passedBefore = HostDatabase.Column(db, "SELECT id FROM runs WHERE status = 2 ORDER BY id");
        Assert.That(passedBefore, Has.Length.EqualTo(1));

        foreach (var (casesAtKill, delayMs) in points)
        {
            await using var host = await AgentHost.StartAsync(spec);
            var agent = host.PerflabAsync(Limit, "agent", "--suites", "/slow", "--db", "/data/agent.db", "--build", $"k{casesAtKill}", "--lock-dir", "/tmp/locks");
            var deadline = DateTime.UtcNow + Limit;
            while (Count(db, "SELECT count(*) FROM cases c JOIN runs r ON r.id = c.run_id WHERE r.status = 1") < casesAtKill)
            {
                Assert.That(agent.IsCompleted, Is.False, $"the agent ended before {casesAtKill} case(s): {(agent.IsCompleted ? agent.Result.Output : "")}");
                Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"no {casesAtKill} stored case(s) within {Limit}");
                await Task.Delay(20);
            }
            await Task.Delay(delayMs);
            host.PowerOff();
            Assert.That(await Task.WhenAny(agent, Task.Delay(Limit)), Is.SameAs(agent), "the exec returns once the host is gone");

            Assert.That(HostDatabase.Column(db, "PRAGMA integrity_check"), Is.EqualTo(new[] { "ok" }), $"killed {delayMs} ms after {casesAtKill} stored case(s)");
            Assert.That(HostDatabase.Column(db, "SELECT id FROM runs WHERE status = 2 ORDER BY id"), Is.EqualTo(passedBefore), "earlier runs intact");
        }

        // The next agent on the same /data (the host powered back up) recovers the interrupted runs and runs normally.
        await using (var next = await AgentHost.StartAsync(spec))
        {
            var run = await next.PerflabAsync(Limit, "agent", "--suites", "/quick", "--db", "/data/agent.db", "--build", "2", "--lock-dir", "/tmp/locks", "--lock-wait", "0");
            Assert.That(run.Code, Is.Zero, run.Output);
            Assert.That(run.Output, Does.Contain("marked aborted"), run.Output);
        }
        Assert.That(HostDatabase.Column(db, "SELECT status FROM runs WHERE suite = 'host-slow'"), Is.All.EqualTo("4"), "every interrupted run is aborted (or absent, when the kill came before it was stored)");
        var interrupted = HostDatabase.Column(db, "SELECT count(*) FROM runs WHERE suite = 'host-slow'")[0];
        Assert.That(HostDatabase.Column(db, "SELECT count(*) FROM runs WHERE status = 2"), Is.EqualTo(new[] { "2" }));
        Assert.That(HostDatabase.Column(db, "PRAGMA integrity_check"), Is.EqualTo(new[] { "ok" }));

        var farm = temp.File("farm.db");
        var merge = PerflabProcess.Run(temp.Path, null, Limit, "merge", db, "--into", farm);
        Assert.That(merge.Exit, Is.Zero, merge.Output);
        var again = PerflabProcess.Run(temp.Path, null, Limit, "merge", db, "--into", farm);
        Assert.That(again.Exit, Is.Zero, again.Output);
        Assert.That(HostDatabase.Column(farm, "SELECT count(*) FROM runs"), Is.EqualTo(new[] { (2 + int.Parse(interrupted, System.Globalization.CultureInfo.InvariantCulture)).ToString(System.Globalization.CultureInfo.InvariantCulture) }), "merge is idempotent: 2 passed + the aborted, once");
    }

    private const int Kills = 10;

    // The agent may be creating the schema while this polls: a missing table counts as nothing stored yet.
    private static int Count(string db, string sql)
    {
        if (!File.Exists(db)) return 0;
        try { return int.Parse(HostDatabase.Column(db, sql)[0], System.Globalization.CultureInfo.InvariantCulture); }
        catch (Microsoft.Data.Sqlite.SqliteException) { return 0; }
    }
}
