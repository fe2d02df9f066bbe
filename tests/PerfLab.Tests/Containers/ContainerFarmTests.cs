using Microsoft.Data.Sqlite;
using NUnit.Framework;
using PerfLab.Tests.Farm;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Containers;

[TestFixture]
[Category("Containers")]
[Category("Slow")]
public sealed class ContainerFarmTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);
    private ContainerEngine? _engine;

    [OneTimeSetUp]
    public void StartEngine() => _engine = ContainerEngine.FindOrStart();

    [OneTimeTearDown]
    public void StopEngine() => _engine?.Dispose();

    private static (string, string, bool)[] Mounts(string suites) =>
        [(AppContext.BaseDirectory, "/opt/perflab", true), (suites, "/suites", true)];

    [Test]
    public void Agents_on_separate_hosts_run_at_once_and_merge_with_each_host_identified()
    {
        using var temp = new TempDirectory();
        var suites = Directory.CreateDirectory(temp.File("suites")).FullName;
        SleepingHostSuite.Write(suites, "host-farm", cases: 2, seconds: 0.2);
        var names = new[] { "pi5-hailo8-01", "x86-gpu-01" };
        var hosts = names.Select(n => AgentHost.Start(n, Directory.CreateDirectory(temp.File(n)).FullName, Mounts(suites))).ToList();
        try
        {
            var runs = hosts.Select(h => Task.Run(() => h.Perflab(Limit, "agent", "--suites", "/suites", "--db", "/data/agent.db", "--build", "7", "--lock-dir", "/tmp/locks"))).ToArray();
            foreach (var r in runs)
            {
                Assert.That(r.Result.Code, Is.Zero, r.Result.Output);
                Assert.That(r.Result.Output, Does.Contain("agent done: 1 run(s)"), r.Result.Output);
            }
        }
        finally { foreach (var h in hosts) h.Dispose(); }

        var farm = temp.File("farm.db");
        var dbs = names.Select(n => Path.Combine(temp.Path, n, "agent.db")).ToArray();
        var merge = PerflabProcess.Run(temp.Path, null, Limit, ["merge", .. dbs, "--into", farm]);
        Assert.That(merge.Exit, Is.Zero, merge.Output);
        Assert.That(Column(farm, "SELECT host FROM runs ORDER BY host"), Is.EqualTo(names.Order().ToArray()));
        Assert.That(Column(farm, "SELECT name FROM hosts ORDER BY name"), Is.EqualTo(names.Order().ToArray()));

        var again = PerflabProcess.Run(temp.Path, null, Limit, ["merge", .. dbs, "--into", farm]);
        Assert.That(again.Exit, Is.Zero, again.Output);
        Assert.That(Column(farm, "SELECT count(*) FROM runs"), Is.EqualTo(new[] { "2" }), "a second merge adds nothing");
    }

    internal static string[] Column(string db, string sql)
    {
        using var c = new SqliteConnection($"Data Source={db};Pooling=False;Mode=ReadOnly");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var values = new List<string>();
        while (r.Read()) values.Add(Convert.ToString(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) ?? "");
        return [.. values];
    }
}
