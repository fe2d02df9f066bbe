using NUnit.Framework;
using Microsoft.Data.Sqlite;
using PerfLab.Harness.Domain;
using PerfLab.Results;
using PerfLab.Benchmarks.Farm;
using PerfLab.Results.Merge;
using PerfLab.Tests.Infrastructure;
using PerfLab.Tests.Results;

namespace PerfLab.Tests.Farm;

public sealed class FarmMergeTests
{
    private static string AgentDb(TempDirectory temp, int host, int nights = 2)
    {
        var path = temp.File($"agent-{host}.db");
        SyntheticFarm.WriteHost(path, host, 0, nights);
        return path;
    }

    private static long Count(string db, string sql)
    {
        using var c = new SqliteConnection($"Data Source={db};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Exec(string db, string sql)
    {
        using var c = new SqliteConnection($"Data Source={db};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    [Test]
    public void Merging_copies_every_row_exactly_and_merging_again_adds_nothing()
    {
        using var temp = new TempDirectory();
        var a = AgentDb(temp, 1);
        var b = AgentDb(temp, 2);
        var farm = temp.File("farm.db");

        var first = FarmMerger.Merge(farm, [a, b]);
        Assert.That(first.Clean, Is.True);
        Assert.That(first.Sources.Select(s => s.RunsAdded), Is.EqualTo(new[] { 4, 4 }));
        foreach (var table in new[] { "runs", "cases", "samples", "repetitions", "telemetry", "checks", "artifacts", "run_metrics" })
            Assert.That(Count(farm, $"SELECT count(*) FROM {table}"), Is.EqualTo(Count(a, $"SELECT count(*) FROM {table}") + Count(b, $"SELECT count(*) FROM {table}")), table);

        // Every case reads back from the farm database exactly as its agent recorded it (samples in order, artifacts, telemetry...).
        using (var source = SqliteResultStore.Open(b))
        using (var merged = SqliteResultStore.Open(farm))
        {
            foreach (var run in source.Queries.ListRuns())
            {
                var copy = merged.Queries.FindRun(run.Id)!;
                Assert.That((copy.Suite, copy.Build, copy.Host, copy.DeviceId, copy.Status, copy.StartedAt, copy.EndedAt, copy.CasesPassed),
                    Is.EqualTo((run.Suite, run.Build, run.Host, run.DeviceId, run.Status, run.StartedAt, run.EndedAt, run.CasesPassed)));
                Assert.That(copy.Tags, Is.EqualTo(run.Tags));
                var mine = source.Queries.LoadCases(run.Id);
                var theirs = merged.Queries.LoadCases(run.Id);
                Assert.That(theirs.Select(c => c.Samples), Is.EqualTo(mine.Select(c => c.Samples)));
                var x = source.Queries.LoadCaseResult(mine[0].Id)!;
                var y = merged.Queries.LoadCaseResult(theirs[0].Id)!;
                Assert.That(y.Telemetry, Is.EqualTo(x.Telemetry));
                Assert.That(y.Artifacts.Select(r => r.Sha256), Is.EqualTo(x.Artifacts.Select(r => r.Sha256)));
                Assert.That(y.Artifacts[0].Content, Is.EqualTo(x.Artifacts[0].Content));
                Assert.That(y.Repetitions, Is.EqualTo(x.Repetitions));
                Assert.That(y.Checks, Is.EqualTo(x.Checks));
                Assert.That(y.Device.Labels, Is.EqualTo(x.Device.Labels));
            }
        }

        var samples = Count(farm, "SELECT count(*) FROM samples");
        var again = FarmMerger.Merge(farm, [a, b]);
        Assert.That(again.Clean, Is.True);
        Assert.That(again.RunsAdded, Is.Zero);
        Assert.That(again.Sources.Select(s => s.RunsAlreadyPresent), Is.EqualTo(new[] { 4, 4 }));
        Assert.That(Count(farm, "SELECT count(*) FROM samples"), Is.EqualTo(samples));
        Assert.That(Count(farm, "SELECT count(*) FROM devices"), Is.EqualTo(2));
        using var c = new SqliteConnection($"Data Source={farm};Pooling=False");
        c.Open();
        using var check = c.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        Assert.That(check.ExecuteScalar(), Is.EqualTo("ok"));
        check.CommandText = "PRAGMA foreign_key_check";
        using var fk = check.ExecuteReader();
        Assert.That(fk.Read(), Is.False, "foreign keys broken");
    }

    [Test]
    public void A_run_with_the_same_id_and_other_content_is_a_conflict_and_is_not_overwritten()
    {
        using var temp = new TempDirectory();
        var a = AgentDb(temp, 1, nights: 1);
        var farm = temp.File("farm.db");
        FarmMerger.Merge(farm, [a]);

        var altered = temp.File("altered.db");
        File.Copy(a, altered);
        Exec(altered, "UPDATE samples SET value = value * 2 WHERE rowid = (SELECT min(rowid) FROM samples)");
        Exec(altered, "UPDATE runs SET status = 3 WHERE id = (SELECT max(id) FROM runs)");
        var before = Count(farm, "SELECT sum(value) FROM samples");

        var result = FarmMerger.Merge(farm, [altered]);
        Assert.That(result.Clean, Is.False);
        var conflicts = result.Sources[0].Conflicts;
        Assert.That(conflicts, Has.Count.EqualTo(2));
        Assert.That(conflicts.Select(c => c.Difference), Has.Some.Contains("status 3 vs 2"));
        Assert.That(conflicts.Select(c => c.Difference), Has.Some.Contains("case content"));
        Assert.That(Count(farm, "SELECT sum(value) FROM samples"), Is.EqualTo(before));
        Assert.That(Count(farm, "SELECT count(*) FROM runs WHERE status = 3"), Is.Zero);
    }

    [Test]
    public void Runs_still_running_wait_for_a_later_merge()
    {
        using var temp = new TempDirectory();
        var a = AgentDb(temp, 1, nights: 1);
        var (run, cases) = SyntheticFarm.Night(1, 5).First();
        using (var store = SqliteResultStore.Open(a, new AgentProcess(Environment.ProcessId, Environment.MachineName, null)))
        {
            store.BeginRun(run);
            store.RecordCase(run.Id, cases[0]);
        }
        var farm = temp.File("farm.db");
        var result = FarmMerger.Merge(farm, [a]).Sources[0];
        Assert.That(result.RunsInProgress, Is.EqualTo(1));
        Assert.That(result.RunsAdded, Is.EqualTo(2));
        Assert.That(Count(farm, $"SELECT count(*) FROM runs WHERE id = '{run.Id}'"), Is.Zero);
    }

    [Test]
    public void A_newer_schema_or_a_foreign_file_is_refused_and_the_other_sources_still_merge()
    {
        using var temp = new TempDirectory();
        var good = AgentDb(temp, 1, nights: 1);
        var newer = AgentDb(temp, 2, nights: 1);
        Exec(newer, "PRAGMA user_version = 99");
        var foreign = temp.File("foreign.db");
        Exec(foreign, "CREATE TABLE t(x); INSERT INTO t VALUES (1);");
        var farm = temp.File("farm.db");

        var report = FarmMerger.Merge(farm, [newer, foreign, good]);
        Assert.That(report.Sources[0].Error, Does.Contain("schema version 99 is newer"));
        Assert.That(report.Sources[1].Error, Does.Contain("not a PerfLab results database"));
        Assert.That(report.Sources[2].RunsAdded, Is.EqualTo(2));
        Assert.That(Count(farm, "SELECT count(*) FROM runs"), Is.EqualTo(2));
    }

    [Test]
    public void A_source_that_fails_half_way_leaves_nothing_behind()
    {
        using var temp = new TempDirectory();
        var source = AgentDb(temp, 1, nights: 1);
        var farm = temp.File("farm.db");
        FarmMerger.Merge(farm, [AgentDb(temp, 2, nights: 1)]);
        var runs = Count(farm, "SELECT count(*) FROM runs");
        var hosts = Count(farm, "SELECT count(*) FROM hosts");
        var samples = Count(farm, "SELECT count(*) FROM samples");
        // A stray provenance row for one of the source's runs: the last statement of the copy (recording where each run came
        // from) fails on it, after every run, case and sample of the source went in.
        var id = StoreSamples.Text(source, "SELECT max(id) FROM runs");
        Exec(farm, $"PRAGMA foreign_keys = OFF; INSERT INTO run_sources VALUES ('{id}', 'elsewhere.db', NULL, 'x', '2025-01-01T00:00:00.0000000Z')");

        var result = FarmMerger.Merge(farm, [source]).Sources[0];
        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Error, Does.Contain("nothing of it was merged"));
        Assert.That(Count(farm, "SELECT count(*) FROM runs"), Is.EqualTo(runs));
        Assert.That(Count(farm, "SELECT count(*) FROM hosts"), Is.EqualTo(hosts));
        Assert.That(Count(farm, "SELECT count(*) FROM samples"), Is.EqualTo(samples));
        Assert.That(Count(farm, "SELECT count(*) FROM cases WHERE run_id NOT IN (SELECT id FROM runs)"), Is.Zero);
    }

    [Test]
    public void A_reader_keeps_its_snapshot_during_a_merge_and_sees_the_whole_source_after()
    {
        using var temp = new TempDirectory();
        var farm = temp.File("farm.db");
        FarmMerger.Merge(farm, [AgentDb(temp, 1, nights: 1)]);
        var source = AgentDb(temp, 2, nights: 3);

        using var reader = new SqliteConnection($"Data Source={farm};Pooling=False;Mode=ReadOnly");
        reader.Open();
        using var tx = reader.BeginTransaction(deferred: true);
        using var count = reader.CreateCommand();
        count.Transaction = tx;
        count.CommandText = "SELECT (SELECT count(*) FROM runs) * 1000000 + (SELECT count(*) FROM samples)";
        var before = Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);

        var result = FarmMerger.Merge(farm, [source]);
        Assert.That(result.Sources[0].RunsAdded, Is.EqualTo(6));
        Assert.That(Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(before), "the open read transaction kept its snapshot");
        tx.Commit();

        count.Transaction = null;
        var after = Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(after / 1000000, Is.EqualTo(before / 1000000 + 6));
        Assert.That(after % 1000000, Is.EqualTo(before % 1000000 + Count(source, "SELECT count(*) FROM samples")));
    }

    [Test]
    public void Merging_into_itself_or_from_a_missing_file_is_a_usage_error()
    {
        using var temp = new TempDirectory();
        var a = AgentDb(temp, 1, nights: 1);
        Assert.Throws<ArgumentException>(() => FarmMerger.Merge(a, [a]));
        Assert.Throws<ArgumentException>(() => FarmMerger.Merge(temp.File("farm.db"), [temp.File("missing.db")]));
    }

    [Test]
    public void Farm_scale_benchmark_merges_a_night_that_continues_every_host_series_and_times_the_report()
    {
        using var temp = new TempDirectory();
        var reported = new List<string>();
        var result = FarmScaleBenchmark.Run(temp.Path, hosts: 3, nights: 6, repeats: 1, TextWriter.Null, db =>
        {
            reported.Add(db);
            return 0.25;
        });

        Assert.That(result.FarmYearRuns, Is.EqualTo(3 * 6 * SyntheticFarm.SuitesPerNight));
        Assert.That(result.ReportSeconds, Is.EqualTo(new[] { 0.25 }));
        Assert.That(reported, Has.Count.EqualTo(1));
        using var store = SqliteResultStore.Open(reported[0]);
        // The merged night is build-6 of every host's own series: seven points, not a new one-point series.
        var series = store.Queries.LoadSeries(new SeriesFilter(Metric: "fps")).ToList();
        Assert.That(series, Has.Count.EqualTo(3 * SyntheticFarm.SuitesPerNight * SyntheticFarm.CasesPerRun));
        Assert.That(series.Select(s => s.Points.Count), Is.All.EqualTo(7));
        Assert.That(series.Select(s => s.Points[^1].Build), Is.All.EqualTo("build-6"));
    }
}
