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
    private ContainerEngine? _engine;

    [OneTimeSetUp]
    public void StartEngine() => _engine = ContainerEngine.FindOrStart();

    [OneTimeTearDown]
    public void StopEngine() => _engine?.Dispose();

    // 'docker kill' SIGKILLs the container's init: the agent and its workload children die at once, as in a power cut.
    // runs.status holds RunStatus as an integer: 1 running, 2 passed, 4 aborted.
    [Test]
    public void A_host_killed_at_several_points_of_a_run_keeps_a_sound_database_that_merges_and_serves_the_next_agent()
    {
        using var temp = new TempDirectory();
        var quick = Directory.CreateDirectory(temp.File("quick")).FullName;
        var slow = Directory.CreateDirectory(temp.File("slow")).FullName;
        SleepingHostSuite.Write(quick, "host-quick", cases: 1, seconds: 0);
        SleepingHostSuite.Write(slow, "host-slow", cases: 30, seconds: 0.2);
        var data = Directory.CreateDirectory(temp.File("data")).FullName;
        var db = Path.Combine(data, "agent.db");
        (string, string, bool)[] mounts = [(AppContext.BaseDirectory, "/opt/perflab", true), (quick, "/quick", true), (slow, "/slow", true)];

        using (var first = AgentHost.Start("pi5-power", data, mounts))
        {
            var run = first.Perflab(Limit, "agent", "--suites", "/quick", "--db", "/data/agent.db", "--build", "1", "--lock-dir", "/tmp/locks");
            Assert.That(run.Code, Is.Zero, run.Output);
        }
        var passedBefore = ContainerFarmTests.Column(db, "SELECT id FROM runs WHERE status = 2 ORDER BY id");
        Assert.That(passedBefore, Has.Length.EqualTo(1));

        foreach (var casesAtKill in new[] { 1, 4, 9 })
        {
            using var host = AgentHost.Start("pi5-power", data, mounts);
            var agent = Task.Run(() => host.Perflab(Limit, "agent", "--suites", "/slow", "--db", "/data/agent.db", "--build", $"k{casesAtKill}", "--lock-dir", "/tmp/locks"));
            var deadline = DateTime.UtcNow + Limit;
            while (Count(db, "SELECT count(*) FROM cases c JOIN runs r ON r.id = c.run_id WHERE r.status = 1") < casesAtKill)
            {
                Assert.That(agent.IsCompleted, Is.False, $"the agent ended before {casesAtKill} case(s): {(agent.IsCompleted ? agent.Result.Output : "")}");
                Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"no {casesAtKill} stored case(s) within {Limit}");
                Thread.Sleep(50);
            }
            ContainerEngine.MustDocker("kill", host.Id);
            Assert.That(agent.Wait(Limit), Is.True, "docker exec returns once the host is gone");

            Assert.That(ContainerFarmTests.Column(db, "PRAGMA integrity_check"), Is.EqualTo(new[] { "ok" }), $"killed after {casesAtKill} case(s)");
            Assert.That(ContainerFarmTests.Column(db, "SELECT id FROM runs WHERE status = 2 ORDER BY id"), Is.EqualTo(passedBefore), "earlier runs intact");
        }

        // The next agent on the same /data (the host powered back up) recovers the interrupted runs and runs normally.
        using (var next = AgentHost.Start("pi5-power", data, mounts))
        {
            var run = next.Perflab(Limit, "agent", "--suites", "/quick", "--db", "/data/agent.db", "--build", "2", "--lock-dir", "/tmp/locks", "--lock-wait", "0");
            Assert.That(run.Code, Is.Zero, run.Output);
            Assert.That(run.Output, Does.Contain("marked aborted"), run.Output);
        }
        Assert.That(ContainerFarmTests.Column(db, "SELECT status FROM runs WHERE suite = 'host-slow'"), Is.All.EqualTo("4"));
        Assert.That(ContainerFarmTests.Column(db, "SELECT count(*) FROM runs WHERE status = 2"), Is.EqualTo(new[] { "2" }));
        Assert.That(ContainerFarmTests.Column(db, "PRAGMA integrity_check"), Is.EqualTo(new[] { "ok" }));

        var farm = temp.File("farm.db");
        var merge = PerflabProcess.Run(temp.Path, null, Limit, "merge", db, "--into", farm);
        Assert.That(merge.Exit, Is.Zero, merge.Output);
        var again = PerflabProcess.Run(temp.Path, null, Limit, "merge", db, "--into", farm);
        Assert.That(again.Exit, Is.Zero, again.Output);
        Assert.That(ContainerFarmTests.Column(farm, "SELECT count(*) FROM runs"), Is.EqualTo(new[] { "5" }), "merge is idempotent: 2 passed + 3 aborted, once");
    }

    private static int Count(string db, string sql) =>
        File.Exists(db) ? int.Parse(ContainerFarmTests.Column(db, sql)[0], System.Globalization.CultureInfo.InvariantCulture) : 0;
}
