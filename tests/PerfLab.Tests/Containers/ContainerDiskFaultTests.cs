using NUnit.Framework;
using PerfLab.Tests.Farm;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Containers;

[TestFixture]
[Category("Containers")]
[Category("Slow")]
public sealed class ContainerDiskFaultTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);
    private const string Agent = "/opt/perflab/perflab agent --db /data/agent.db --lock-dir /tmp/locks";

    // runs.status holds RunStatus as an integer: 1 running, 2 passed, 4 aborted.
    [Test]
    public async Task A_data_disk_that_fills_mid_run_stops_the_agent_naming_the_disk_and_keeps_the_database_sound()
    {
        using var temp = new TempDirectory();
        var (quick, slow) = Suites(temp);
        var outbox = Directory.CreateDirectory(temp.File("out")).FullName;
        await using var host = await AgentHost.StartAsync(new AgentHostSpec("pi5-sdcard", null,
            [AgentHost.Perflab, (quick, "/quick", true), (slow, "/slow", true), (outbox, "/out", false)], DataTmpfsBytes: 2 * 1024 * 1024));

        var first = await host.ShellAsync($"CI=true {Agent} --suites /quick --build 1", Limit);
        Assert.That(first.Code, Is.Zero, first.Output);
        // Leave the disk a little room, so the next run starts and is stored, and the disk fills under it.
        var fill = await host.ShellAsync("free=$(df -B1 --output=avail /data | tail -1); head -c $((free - 400000)) /dev/zero > /data/filler", Limit);
        Assert.That(fill.Code, Is.Zero, fill.Output);

        var full = await host.ShellAsync($"CI=true {Agent} --suites /slow --build 2", Limit);
        Assert.That(full.Code, Is.EqualTo(1), "a failed disk is a failed night (exit 1), not a usage error: " + full.Output);
        Assert.That(full.Output, Does.Contain("the disk holding /data is full"), full.Output);
        Assert.That(full.Output, Does.Contain("nothing of it was stored"), full.Output);
        var measured = full.Output.Split('\n').Count(l => l.TrimStart().StartsWith("[passed]", StringComparison.Ordinal));
        Assert.That(measured, Is.GreaterThan(0), "the disk filled mid-run, after some cases were stored: " + full.Output);

        var sound = await host.ShellAsync("sqlite3 /data/agent.db 'PRAGMA integrity_check' " +
            "\"SELECT count(*) FROM cases c JOIN runs r ON r.id = c.run_id WHERE r.build = '1'\" " +
            "\"SELECT count(*) FROM cases c JOIN runs r ON r.id = c.run_id WHERE r.build = '2'\"", Limit);
        Assert.That(sound.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            Is.EqualTo(new[] { "ok", "1", measured.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
            "integrity ok, the earlier run's case intact, the cut run holds exactly the cases it reported and not the one that failed");

        // Space freed (the operator cleared the card): the next agent on the same /data aborts the cut run and runs.
        var next = await host.ShellAsync($"rm /data/filler && CI=true {Agent} --suites /quick --build 3", Limit);
        Assert.That(next.Code, Is.Zero, next.Output);
        Assert.That(next.Output, Does.Contain("marked aborted"), next.Output);
        await AssertMergesOnce(temp, host, expectedRuns: 3);
    }

    [Test]
    public async Task A_read_only_data_disk_stops_the_agent_before_anything_is_measured()
    {
        using var temp = new TempDirectory();
        var (quick, _) = Suites(temp);
        var data = Directory.CreateDirectory(temp.File("data")).FullName;
        (string, string, bool)[] binds = [AgentHost.Perflab, (quick, "/quick", true)];
        await using (var writable = await AgentHost.StartAsync(new AgentHostSpec("pi5-remount", data, binds)))
        {
            var run = await writable.ShellAsync($"CI=true {Agent} --suites /quick --build 1", Limit);
            Assert.That(run.Code, Is.Zero, run.Output);
        }
        var before = await File.ReadAllBytesAsync(Path.Combine(data, "agent.db"));

        await using (var readOnly = await AgentHost.StartAsync(new AgentHostSpec("pi5-remount", data, binds, DataReadOnly: true)))
        {
            var run = await readOnly.ShellAsync($"CI=true {Agent} --suites /quick --build 2", Limit);
            Assert.That(run.Code, Is.EqualTo(1), "a read-only disk is a failed night (exit 1): " + run.Output);
            Assert.That(run.Output, Does.Contain("/data/agent.db: cannot store results: the folder /data is not writable"), run.Output);
            Assert.That(run.Output, Does.Not.Contain("[1/"), "nothing was measured");
        }
        Assert.That(await File.ReadAllBytesAsync(Path.Combine(data, "agent.db")), Is.EqualTo(before), "the database is untouched");
        Assert.That(HostDatabase.Column(Path.Combine(data, "agent.db"), "PRAGMA integrity_check"), Is.EqualTo(new[] { "ok" }));

        await using (var remounted = await AgentHost.StartAsync(new AgentHostSpec("pi5-remount", data, binds)))
        {
            var run = await remounted.ShellAsync($"CI=true {Agent} --suites /quick --build 3", Limit);
            Assert.That(run.Code, Is.Zero, run.Output);
        }
        Assert.That(HostDatabase.Column(Path.Combine(data, "agent.db"), "SELECT build FROM runs WHERE status = 2 ORDER BY build"), Is.EqualTo(new[] { "1", "3" }));
    }

    private static (string Quick, string Slow) Suites(TempDirectory temp)
    {
        var quick = Directory.CreateDirectory(temp.File("quick")).FullName;
        var slow = Directory.CreateDirectory(temp.File("slow")).FullName;
        SleepingHostSuite.Write(quick, "host-quick", cases: 1, seconds: 0);
        SleepingHostSuite.Write(slow, "host-slow", cases: 20, seconds: 0.02);
        return (quick, slow);
    }

    // The tmpfs /data goes with its container (and the engine's copy API does not see tmpfs mounts): the host copies the
    // database into a bind-mounted folder, and it is merged on the machine.
    private static async Task AssertMergesOnce(TempDirectory temp, AgentHost host, int expectedRuns)
    {
        var copy = await host.ShellAsync("cp /data/agent.db /out/agent.db");
        Assert.That(copy.Code, Is.Zero, copy.Output);
        var db = temp.File("out/agent.db");
        Assert.That(HostDatabase.Column(db, "PRAGMA integrity_check"), Is.EqualTo(new[] { "ok" }));
        Assert.That(HostDatabase.Column(db, "SELECT build || ':' || status FROM runs ORDER BY build"), Is.EqualTo(new[] { "1:2", "2:4", "3:2" }));
        var farm = temp.File("farm.db");
        HostDatabase.MergeTwice(temp.Path, db, farm, Limit);
        Assert.That(HostDatabase.Column(farm, "SELECT count(*) FROM runs"), Is.EqualTo(new[] { expectedRuns.ToString(System.Globalization.CultureInfo.InvariantCulture) }), "merging twice stores each run once");
    }
}
