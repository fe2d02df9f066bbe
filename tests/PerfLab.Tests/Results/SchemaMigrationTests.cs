using NUnit.Framework;
using PerfLab.Results;
using PerfLab.Results.Schema;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Results;

public sealed class SchemaMigrationTests
{
    private static readonly string[] Tables =
        ["artifacts", "cases", "checks", "devices", "hosts", "origin", "repetitions", "run_metrics", "run_sources", "runs", "samples", "telemetry"];

    [Test]
    public void Open_on_a_new_file_migrates_to_the_latest_version_with_every_table_in_wal_mode()
    {
        using var dir = new TempDirectory();
        var db = dir.File("sub/results.db");

        using (var store = SqliteResultStore.Open(db))
        {
            Assert.That(store.AppliedMigrations, Is.EqualTo(new[] { 1, 2, 3 }));
            Assert.That(store.RecoveredRunIds, Is.Empty);
            Assert.That(store.Origin, Is.Not.Null);
            Assert.That((store.Origin!.Host, store.Origin.How), Is.EqualTo((Environment.MachineName, "created")));
            Assert.That(store.Origin.DatabaseId, Does.Match("^[0-9a-f]{32}$"));
        }

        Assert.That(StoreSamples.Scalar(db, "PRAGMA user_version"), Is.EqualTo(SchemaMigrations.LatestVersion));
        Assert.That(StoreSamples.Scalar(db, "PRAGMA application_id"), Is.EqualTo(SchemaMigrations.ApplicationId));
        Assert.That(StoreSamples.Text(db, "PRAGMA journal_mode"), Is.EqualTo("wal"));
        using var c = StoreSamples.Raw(db);
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name";
        var names = new List<string>();
        using (var r = cmd.ExecuteReader()) while (r.Read()) names.Add(r.GetString(0));
        Assert.That(names, Is.EqualTo(Tables));
    }

    [Test]
    public void Reopening_applies_nothing_and_keeps_the_data()
    {
        using var dir = new TempDirectory();
        var db = dir.File("results.db");
        using (var store = SqliteResultStore.Open(db))
        {
            store.BeginRun(StoreSamples.Run("r1"));
            store.RecordCase("r1", StoreSamples.Case());
            store.EndRun("r1", Harness.Domain.RunStatus.Passed, StoreSamples.T0.AddHours(1));
        }

        using (var again = SqliteResultStore.Open(db))
        {
            Assert.That(again.AppliedMigrations, Is.Empty);
            Assert.That(again.Queries.ListRuns().Select(r => r.Id), Is.EqualTo(new[] { "r1" }));
        }
        Assert.That(StoreSamples.Scalar(db, "PRAGMA user_version"), Is.EqualTo(SchemaMigrations.LatestVersion));
        Assert.That(StoreSamples.Scalar(db, "SELECT count(*) FROM samples"), Is.EqualTo(3));
    }

    [Test]
    public void A_version_1_database_gains_the_covering_samples_index_and_keeps_its_data()
    {
        using var dir = new TempDirectory();
        var db = dir.File("v1.db");
        StoreSamples.Execute(db, SchemaMigrations.All[0].Sql + $"; PRAGMA user_version = 1; PRAGMA application_id = {SchemaMigrations.ApplicationId};");
        // Written while the file is still at version 1: the step-2 index must cover rows that exist before it.
        StoreSamples.Execute(db, """
            INSERT INTO hosts VALUES ('h', 'linux', 'x64', 2, 'cpu', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
            INSERT INTO devices VALUES (1, 'h', 'd0', 'host', 'cpu', 0, '{}', '{}', '[]', 'fp');
            """);

        using (var store = SqliteResultStore.Open(db))
        {
            Assert.That(store.AppliedMigrations, Is.EqualTo(new[] { 2, 3 }));
            // The process that upgrades its own file records itself as the file's origin.
            Assert.That(store.Origin?.How, Is.EqualTo("upgraded"));
        }
        Assert.That(StoreSamples.Scalar(db, "SELECT count(*) FROM devices"), Is.EqualTo(1));
        Assert.That(StoreSamples.Text(db, "SELECT group_concat(name) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'samples'"),
            Is.EqualTo("ix_samples_case_metric_value"));
    }

    [Test]
    public void A_database_with_a_newer_schema_is_refused_and_left_as_it_was()
    {
        using var dir = new TempDirectory();
        var db = dir.File("results.db");
        SqliteResultStore.Open(db).Dispose();
        StoreSamples.Execute(db, "PRAGMA user_version = 7");

        var e = Assert.Throws<ResultStoreException>(() => SqliteResultStore.Open(db))!;
        Assert.That(e.Message, Does.Contain("version 7").And.Contain($"up to {SchemaMigrations.LatestVersion}").And.Contain(db));
        Assert.That(StoreSamples.Scalar(db, "PRAGMA user_version"), Is.EqualTo(7));
    }

    [Test]
    public void A_foreign_sqlite_file_is_refused()
    {
        using var dir = new TempDirectory();
        var db = dir.File("other.db");
        StoreSamples.Execute(db, "CREATE TABLE notes (text TEXT)");

        var e = Assert.Throws<ResultStoreException>(() => SqliteResultStore.Open(db))!;
        Assert.That(e.Message, Does.Contain("not a PerfLab results database"));
    }

    [Test]
    public void Migrations_are_numbered_one_step_at_a_time()
    {
        var all = SchemaMigrations.All;
        Assert.That(all.Select(m => m.ToVersion), Is.EqualTo(Enumerable.Range(1, all.Count)));
        Assert.That(SchemaMigrations.LatestVersion, Is.EqualTo(all.Count));
    }
}
