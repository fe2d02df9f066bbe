using NUnit.Framework;
using System.Diagnostics;
using PerfLab.Harness.Domain;
using PerfLab.Results;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Results;

public sealed class RunRecoveryTests
{
    [Test]
    public void Open_aborts_running_runs_of_this_host_whose_agent_is_gone_and_leaves_the_rest()
    {
        using var dir = new TempDirectory();
        var db = dir.File("results.db");
        var host = Environment.MachineName;
        var me = AgentProcess.Current();
        Assert.That(me.StartToken, Is.Not.Null);
        var dead = DeadPid();

        // Every open recovers what is abandoned at that moment, so each step finds the previous step's run.
        using (var s = SqliteResultStore.Open(db, new AgentProcess(dead, host, "linux:boot:1")))
        {
            Assert.That(s.RecoveredRunIds, Is.Empty);
            s.BeginRun(StoreSamples.Run("dead-agent"));
            s.RecordCase("dead-agent", StoreSamples.Case(at: StoreSamples.T0.AddMinutes(5)));
            s.RecordCase("dead-agent", StoreSamples.Case(at: StoreSamples.T0.AddMinutes(9)));
        }
        using (var s = SqliteResultStore.Open(db, new AgentProcess(dead, host, null)))
        {
            Assert.That(s.RecoveredRunIds, Is.EqualTo(new[] { "dead-agent" }));
            s.BeginRun(StoreSamples.Run("dead-agent-no-cases", at: StoreSamples.T0.AddMinutes(1)));
        }
        // The pid is alive, but it is a different process than the one that began the run (a reused pid).
        using (var s = SqliteResultStore.Open(db, me with { StartToken = me.StartToken + "0" }))
        {
            Assert.That(s.RecoveredRunIds, Is.EqualTo(new[] { "dead-agent-no-cases" }));
            s.BeginRun(StoreSamples.Run("reused-pid"));
        }
        using (var s = SqliteResultStore.Open(db, me))
        {
            Assert.That(s.RecoveredRunIds, Is.EqualTo(new[] { "reused-pid" }));
            s.BeginRun(StoreSamples.Run("alive"));
            s.BeginRun(StoreSamples.Run("finished"));
            s.EndRun("finished", RunStatus.Passed, StoreSamples.T0.AddHours(2));
        }
        using (var s = SqliteResultStore.Open(db, new AgentProcess(dead, "another-host", "linux:boot:1")))
        {
            Assert.That(s.RecoveredRunIds, Is.Empty);
            s.BeginRun(StoreSamples.Run("other-host"));
        }

        using var store = SqliteResultStore.Open(db);

        Assert.That(store.RecoveredRunIds, Is.Empty, "a live agent's run and another host's run are left alone");
        var runs = store.Queries.ListRuns().ToDictionary(r => r.Id);
        Assert.That(runs["dead-agent"].Status, Is.EqualTo(RunStatus.Aborted));
        Assert.That(runs["dead-agent"].EndedAt, Is.EqualTo(StoreSamples.T0.AddMinutes(9).AddSeconds(30)), "ended at its last case's end");
        Assert.That(runs["dead-agent-no-cases"].Status, Is.EqualTo(RunStatus.Aborted));
        Assert.That(runs["dead-agent-no-cases"].EndedAt, Is.EqualTo(StoreSamples.T0.AddMinutes(1)), "ended at its start");
        Assert.That(runs["reused-pid"].Status, Is.EqualTo(RunStatus.Aborted));
        Assert.That(runs["alive"].Status, Is.EqualTo(RunStatus.Running));
        Assert.That(runs["alive"].EndedAt, Is.Null);
        Assert.That(runs["finished"].Status, Is.EqualTo(RunStatus.Passed));
        Assert.That(runs["other-host"].Status, Is.EqualTo(RunStatus.Running));

        Assert.That(store.RecoverAbandonedRuns(), Is.Empty, "an explicit pass finds nothing more");
    }

    [Test]
    public void Start_token_names_a_live_process_and_nothing_for_a_dead_one()
    {
        Assert.That(ProcessStartToken.Read(Environment.ProcessId), Is.EqualTo(ProcessStartToken.Read(Environment.ProcessId)).And.Not.Null);
        Assert.That(ProcessStartToken.IsSameProcessAlive(Environment.ProcessId, ProcessStartToken.Read(Environment.ProcessId)!), Is.True);
        Assert.That(ProcessStartToken.Read(DeadPid()), Is.Null);
        Assert.That(ProcessStartToken.Read(0), Is.Null);
    }

    [Test]
    public void Proc_stat_fields_are_counted_from_the_last_parenthesis()
    {
        // Real /proc/<pid>/stat layout; the command name may hold spaces and ')' (here "my (odd) proc").
        const string line = "4242 (my (odd) proc) S 1 4242 4242 0 -1 4194560 1203 0 0 0 12 3 0 0 20 0 4 0 987654 12345678 900 " +
                            "18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 17 1 0 0 0 0 0\n";
        Assert.That(ProcessStartToken.ParseProcStat(line), Is.EqualTo(('S', 987654L)));
        Assert.That(ProcessStartToken.ParseProcStat("77 (zombie) Z 1 77 77 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 555 0 0"), Is.EqualTo(('Z', 555L)));
        Assert.That(ProcessStartToken.ParseProcStat("12 (short) S 1 2"), Is.Null);
        Assert.That(ProcessStartToken.ParseProcStat("no parenthesis at all"), Is.Null);
    }

    /// <summary>The pid of a process that really ran and is gone: /bin/true, started, exited and reaped.</summary>
    private static int DeadPid()
    {
        using var p = Process.Start(new ProcessStartInfo("/bin/true") { UseShellExecute = false })!;
        var pid = p.Id;
        p.WaitForExit();
        return pid;
    }
}
