using NUnit.Framework;
using PerfLab.Harness.Domain;
using PerfLab.Results;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Results;

public sealed class CaseAtomicityTests
{
    private static readonly string[] CaseTables = ["samples", "repetitions", "checks", "telemetry", "artifacts"];

    [Test]
    public void A_case_refused_at_its_last_row_leaves_no_row_behind_and_the_store_usable()
    {
        using var dir = new TempDirectory();
        var db = dir.File("results.db");
        using var store = SqliteResultStore.Open(db);
        store.BeginRun(StoreSamples.Run("r1"));
        store.RecordCase("r1", StoreSamples.Case(name: "first"));
        var counts = CaseTables.ToDictionary(t => t, t => StoreSamples.Scalar(db, $"SELECT count(*) FROM {t}"));

        // Telemetry is written after the case row, its samples, repetitions and checks; a NaN reading there is refused
        // by telemetry.value NOT NULL (SQLite stores NaN as NULL), so the failure comes late in the case.
        var bad = StoreSamples.Case(name: "second", telemetry:
        [
            new TelemetryPoint(StoreSamples.T0, "chip_temp", 50, "°C"),
            new TelemetryPoint(StoreSamples.T0, "chip_temp", double.NaN, "°C"),
        ]);
        var e = Assert.Throws<ResultStoreException>(() => store.RecordCase("r1", bad))!;
        Assert.That(e.Message, Does.Contain("second").And.Contain("r1").And.Contain("telemetry.value"));

        Assert.That(StoreSamples.Scalar(db, "SELECT count(*) FROM cases"), Is.EqualTo(1));
        foreach (var t in CaseTables)
            Assert.That(StoreSamples.Scalar(db, $"SELECT count(*) FROM {t}"), Is.EqualTo(counts[t]), t);
        Assert.That(StoreSamples.Text(db, "PRAGMA integrity_check"), Is.EqualTo("ok"));
        Assert.That(StoreSamples.Scalar(db, "SELECT count(*) FROM pragma_foreign_key_check"), Is.EqualTo(0));

        store.RecordCase("r1", StoreSamples.Case(name: "third"));
        Assert.That(store.Queries.LoadCases("r1").Select(c => c.Name), Is.EqualTo(new[] { "first", "third" }));
    }

    [Test]
    public void A_nan_sample_is_never_stored()
    {
        using var dir = new TempDirectory();
        var db = dir.File("results.db");
        using var store = SqliteResultStore.Open(db);
        store.BeginRun(StoreSamples.Run("r1"));

        Assert.Throws<ResultStoreException>(() =>
            store.RecordCase("r1", StoreSamples.Case(samples: [StoreSamples.Sample(1), StoreSamples.Sample(double.NaN)])));
        Assert.That(StoreSamples.Scalar(db, "SELECT count(*) FROM samples"), Is.EqualTo(0));
        Assert.That(StoreSamples.Scalar(db, "SELECT count(*) FROM cases"), Is.EqualTo(0));
    }

    [Test]
    public void Recording_into_an_unknown_or_ended_run_is_refused_clearly()
    {
        using var dir = new TempDirectory();
        using var store = SqliteResultStore.Open(dir.File("results.db"));

        var unknown = Assert.Throws<ResultStoreException>(() => store.RecordCase("nope", StoreSamples.Case()))!;
        Assert.That(unknown.Message, Does.Contain("'nope' is not in"));

        store.BeginRun(StoreSamples.Run("r1"));
        store.EndRun("r1", RunStatus.Passed, StoreSamples.T0.AddHours(1));
        var ended = Assert.Throws<ResultStoreException>(() => store.RecordCase("r1", StoreSamples.Case()))!;
        Assert.That(ended.Message, Does.Contain("has ended"));
        Assert.Throws<ResultStoreException>(() => store.EndRun("r1", RunStatus.Failed, StoreSamples.T0));
    }

    [Test]
    public void Beginning_a_run_twice_is_refused()
    {
        using var dir = new TempDirectory();
        using var store = SqliteResultStore.Open(dir.File("results.db"));
        store.BeginRun(StoreSamples.Run("r1"));

        Assert.Throws<ResultStoreException>(() => store.BeginRun(StoreSamples.Run("r1")));
        Assert.That(store.Queries.ListRuns(), Has.Count.EqualTo(1));
    }

    [Test]
    public void Ingest_stores_a_whole_run_or_nothing()
    {
        using var dir = new TempDirectory();
        var db = dir.File("results.db");
        using var store = SqliteResultStore.Open(db);

        var n = store.IngestRun(StoreSamples.Run("old-1", "b0"), RunStatus.Passed, StoreSamples.T0.AddHours(1),
            [StoreSamples.Case(name: "a"), StoreSamples.Case(name: "b", status: CaseStatus.Failed)]);
        Assert.That(n, Is.EqualTo(2));
        var run = store.Queries.FindRun("old-1")!;
        Assert.That((run.Status, run.CasesPassed, run.CasesFailed, run.EndedAt), Is.EqualTo((RunStatus.Passed, 1, 1, (DateTimeOffset?)StoreSamples.T0.AddHours(1))));
        Assert.That(StoreSamples.Scalar(db, "SELECT count(*) FROM runs WHERE agent_pid IS NULL AND agent_host IS NULL"), Is.EqualTo(1));

        Assert.Throws<ResultStoreException>(() => store.IngestRun(StoreSamples.Run("old-2", "b1"), RunStatus.Passed, StoreSamples.T0,
            [StoreSamples.Case(name: "ok"), StoreSamples.Case(name: "bad", samples: [StoreSamples.Sample(double.NaN)])]));
        Assert.That(store.Queries.FindRun("old-2"), Is.Null);
        Assert.That(StoreSamples.Scalar(db, "SELECT count(*) FROM cases"), Is.EqualTo(2));

        var dup = Assert.Throws<ResultStoreException>(() => store.IngestRun(StoreSamples.Run("old-1"), RunStatus.Passed, StoreSamples.T0, []))!;
        Assert.That(dup.Message, Does.Contain("already"));
    }
}
