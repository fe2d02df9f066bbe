using NUnit.Framework;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Containers;

[TestFixture]
[Category("Containers")]
[Category("Slow")]
public sealed class ContainerHungHostTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    // Two hosts share one lock folder (as agents sharing a device would). PIDs mean nothing across PID namespaces, so
    // the waiting agent must name the holder by host as well; the OS lock dies with the hung host's processes.
    [Test]
    public async Task An_agent_waits_for_a_hung_host_holding_the_device_names_it_and_takes_the_lock_once_it_is_dead()
    {
        using var temp = new TempDirectory();
        var quick = Directory.CreateDirectory(temp.File("quick")).FullName;
        var slow = Directory.CreateDirectory(temp.File("slow")).FullName;
        SleepingHostSuite.Write(quick, "host-quick", cases: 1, seconds: 0);
        SleepingHostSuite.Write(slow, "host-slow", cases: 40, seconds: 0.2);
        var locks = Directory.CreateDirectory(temp.File("locks")).FullName;
        (string, string, bool)[] binds = [AgentHost.Perflab, (quick, "/quick", true), (slow, "/slow", true), (locks, "/locks", false)];
        var hungData = Directory.CreateDirectory(temp.File("hung")).FullName;
        var hungSpec = new AgentHostSpec("pi5-hung", hungData, binds);
        var hosts = await AgentHost.StartAllAsync([hungSpec, new AgentHostSpec("pi5-second", Directory.CreateDirectory(temp.File("second")).FullName, binds)]);
        await using var hung = hosts[0];
        await using var second = hosts[1];

        var holding = hung.PerflabAsync(Limit, "agent", "--suites", "/slow", "--db", "/data/agent.db", "--build", "1", "--lock-dir", "/locks");
        var db = Path.Combine(hungData, "agent.db");
        var deadline = DateTime.UtcNow + Limit;
        while (StoredCases(db) == 0)
        {
            Assert.That(holding.IsCompleted, Is.False, holding.IsCompleted ? holding.Result.Output : "");
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the first host stored no case");
            await Task.Delay(50);
        }
        await hung.PauseAsync();

        var waited = await second.PerflabAsync(Limit, "agent", "--suites", "/quick", "--db", "/data/agent.db", "--build", "2", "--lock-dir", "/locks", "--lock-wait", "2s");
        Assert.That(waited.Code, Is.EqualTo(1), waited.Output);
        Assert.That(waited.Output, Does.Contain("waiting up to 2s for device host: locked by pid "), waited.Output);
        Assert.That(waited.Output, Does.Contain("still locked after 2s by pid ").And.Contain(" on pi5-hung since "), waited.Output);

        hung.PowerOff();
        await holding;
        var taken = await second.PerflabAsync(Limit, "agent", "--suites", "/quick", "--db", "/data/agent.db", "--build", "3", "--lock-dir", "/locks", "--lock-wait", "10s");
        Assert.That(taken.Code, Is.Zero, taken.Output);
        Assert.That(taken.Output, Does.Contain("agent done: 1 run(s)"), taken.Output);

        Assert.That(HostDatabase.Column(db, "PRAGMA integrity_check"), Is.EqualTo(new[] { "ok" }));
        await using var rebooted = await AgentHost.StartAsync(hungSpec);
        var next = await rebooted.PerflabAsync(Limit, "agent", "--suites", "/quick", "--db", "/data/agent.db", "--build", "4", "--lock-dir", "/locks", "--lock-wait", "0");
        Assert.That(next.Code, Is.Zero, next.Output);
        Assert.That(next.Output, Does.Contain("marked aborted"), next.Output);
        Assert.That(HostDatabase.Column(db, "SELECT build || ':' || status FROM runs ORDER BY build"), Is.EqualTo(new[] { "1:4", "4:2" }));
    }

    // The agent creates the schema while this polls: a missing table is "nothing stored yet".
    private static int StoredCases(string db)
    {
        if (!File.Exists(db)) return 0;
        try { return int.Parse(HostDatabase.Column(db, "SELECT count(*) FROM cases")[0], System.Globalization.CultureInfo.InvariantCulture); }
        catch (Microsoft.Data.Sqlite.SqliteException) { return 0; }
    }
}
