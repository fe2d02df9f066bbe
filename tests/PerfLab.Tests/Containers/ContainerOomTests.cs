using NUnit.Framework;
using PerfLab.Tests.Farm;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Containers;

[TestFixture]
[Category("Containers")]
[Category("Slow")]
public sealed class ContainerOomTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    // A host with 256 MiB (its cgroup limit) runs short of memory mid-run. The agent is made the OOM killer's first
    // choice (oom_score_adj 1000, as a kernel may pick it anyway: it is often the largest process on a small host), then
    // something on the host asks for more than the limit. runs.status: 1 running, 2 passed, 4 aborted.
    [Test]
    public async Task An_agent_the_kernel_OOM_kills_mid_run_leaves_a_sound_database_that_the_next_agent_recovers()
    {
        using var temp = new TempDirectory();
        var quick = Directory.CreateDirectory(temp.File("quick")).FullName;
        var slow = Directory.CreateDirectory(temp.File("slow")).FullName;
        SleepingHostSuite.Write(quick, "host-quick", cases: 1, seconds: 0);
        SleepingHostSuite.Write(slow, "host-slow", cases: 40, seconds: 0.1);
        var data = Directory.CreateDirectory(temp.File("data")).FullName;
        var db = Path.Combine(data, "agent.db");
        await using var host = await AgentHost.StartAsync(new AgentHostSpec("pi5-small", data,
            [AgentHost.Perflab, (quick, "/quick", true), (slow, "/slow", true)], MemoryBytes: 256L * 1024 * 1024));

        var first = await host.PerflabAsync(Limit, "agent", "--suites", "/quick", "--db", "/data/agent.db", "--build", "1", "--lock-dir", "/tmp/locks");
        Assert.That(first.Code, Is.Zero, first.Output);

        var agent = host.PerflabAsync(Limit, "agent", "--suites", "/slow", "--db", "/data/agent.db", "--build", "2", "--lock-dir", "/tmp/locks");
        var deadline = DateTime.UtcNow + Limit;
        while (HostDatabase.Column(db, "SELECT count(*) FROM cases c JOIN runs r ON r.id = c.run_id WHERE r.build = '2'")[0] is "0" or "1")
        {
            Assert.That(agent.IsCompleted, Is.False, agent.IsCompleted ? agent.Result.Output : "");
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the run stored no cases");
            await Task.Delay(50);
        }
        var squeeze = await host.ShellAsync("echo 1000 > /proc/$(pgrep -x perflab)/oom_score_adj && python3 -c 'b = bytearray(400 * 1024 * 1024)'", Limit);
        Assert.That(squeeze.Code, Is.EqualTo(137), "the memory hog is killed too once the agent's memory is not enough: " + squeeze.Output);
        var killed = await agent;
        Assert.That(killed.Code, Is.EqualTo(137), "the agent died of SIGKILL (the OOM killer): " + killed.Output);

        Assert.That(HostDatabase.Column(db, "PRAGMA integrity_check"), Is.EqualTo(new[] { "ok" }));
        Assert.That(HostDatabase.Column(db, "SELECT build || ':' || status FROM runs ORDER BY build"), Is.EqualTo(new[] { "1:2", "2:1" }), "the cut run is left running, the earlier one intact");

        var next = await host.PerflabAsync(Limit, "agent", "--suites", "/quick", "--db", "/data/agent.db", "--build", "3", "--lock-dir", "/tmp/locks", "--lock-wait", "0");
        Assert.That(next.Code, Is.Zero, next.Output);
        Assert.That(next.Output, Does.Contain("marked aborted"), next.Output);
        Assert.That(HostDatabase.Column(db, "SELECT build || ':' || status FROM runs ORDER BY build"), Is.EqualTo(new[] { "1:2", "2:4", "3:2" }));

        var farm = temp.File("farm.db");
        HostDatabase.MergeTwice(temp.Path, db, farm, Limit);
        Assert.That(HostDatabase.Column(farm, "SELECT count(*) FROM runs"), Is.EqualTo(new[] { "3" }), "merging twice stores each run once");
    }
}
