using Microsoft.Data.Sqlite;
using NUnit.Framework;
using PerfLab.Harness.Gating;
using PerfLab.Results;
using PerfLab.Results.Import;
using PerfLab.Tests.Gating;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Results;

/// <summary><see cref="ResultQueries.ListRunPlaces"/>: SQLite groups a clean history into one place per build, branch and tags;
/// a history with a bad row is read run by run, the row reported and left out. Either way the gate picks the window it would
/// pick over every stored run.</summary>
[TestFixture]
public sealed class RunPlaceQueryTests
{
    private static string History(TempDirectory dir)
    {
        var path = dir.File("h.db");
        using var store = SqliteResultStore.Open(path);
        void Ingest(HistoryCsv csv, string name, ImportOptions options, Func<string, string>? edit = null)
        {
            var text = (edit ?? (t => t))(csv.Text());
            Assert.That(HistoryIngester.Ingest(store, CsvHistoryReader.Read(text, name, options), name).Problems, Is.Empty);
        }
        Ingest(new HistoryCsv(["d1", "d2"], 12, 3, 1), "main.csv", ImportOptions.Default);
        Ingest(new HistoryCsv(["d1"], 1, 3, 1, Seed: 5), "rel.csv", new ImportOptions(Tags: new Dictionary<string, string> { ["release"] = "1.4" }),
            t => t.Replace(",b00,", ",rel14,").Replace("2025-01-01T", "2025-01-05T"));
        Ingest(new HistoryCsv(["d2"], 2, 3, 1, Seed: 7), "feature.csv", new ImportOptions(Branch: "feature"),
            t => t.Replace(",b00,", ",pr-1,").Replace(",b01,", ",pr-2,").Replace("2025-01-0", "2025-01-2"));
        return path;
    }

    private static readonly GateRequest[] Requests =
    [
        new("b11", BaselineSpec.Default), new("b11", BaselineSpec.Default, BaselineBuilds: 3, HistoryBuilds: 4),
        new("b11", BaselineSpec.Parse("tag:release=1.4")), new("b09", BaselineSpec.Parse("build:b02")),
        new("pr-2", BaselineSpec.Default), new("pr-2", BaselineSpec.Parse("branch:feature")),
    ];

    private static void AssertSameWindows(SqliteResultStore store)
    {
        var places = store.Queries.ListRunPlaces();
        var runs = store.Queries.ListRuns();
        foreach (var request in Requests)
        {
            var fromPlaces = GateWindow.Of(places, request);
            var fromRuns = GateWindow.Of(runs, request);
            Assert.That(fromPlaces.All, Is.EquivalentTo(fromRuns.All), request.ToString());
            Assert.That(fromPlaces.Baseline, Is.EquivalentTo(fromRuns.Baseline), request.ToString());
            Assert.That(fromPlaces.History, Is.EquivalentTo(fromRuns.History), request.ToString());
        }
    }

    [Test]
    public void A_clean_history_comes_back_as_one_place_per_build_branch_and_tags_with_the_same_windows()
    {
        using var dir = new TempDirectory();
        var path = History(dir);
        using var store = SqliteResultStore.OpenReadOnly(path);
        var places = store.Queries.ListRunPlaces();
        Assert.That(places, Has.Count.EqualTo(12 + 1 + 2), "one place per build here: 27 runs (12 builds × 2 devices, 1 tagged, 2 on the feature branch) grouped");
        Assert.That(places.Single(p => p.Build == "b03").StartedAt, Is.EqualTo(store.Queries.ListRuns().Where(r => r.Build == "b03").Min(r => r.StartedAt)));
        Assert.That(places.Single(p => p.Build == "rel14").Tags["release"], Is.EqualTo("1.4"));
        Assert.That(places.Single(p => p.Build == "pr-1").Branch, Is.EqualTo("feature"));
        AssertSameWindows(store);
    }

    [TestCase("started_at = '2025-02-30T02:00:00.0000000Z'", "is not a stored time")]
    [TestCase("started_at = '2025-01-03T24:00:00.0000000Z'", "is not a stored time")]
    [TestCase("started_at = 'yesterday'", "is not a stored time")]
    [TestCase("scope = 9", "scope")]
    [TestCase("status = 0", "status")]
    [TestCase("tags = 'not json'", "is not a JSON object of strings")]
    public void A_bad_row_is_reported_and_left_out_and_the_rest_is_placed(string damage, string said)
    {
        using var dir = new TempDirectory();
        var path = History(dir);
        string damaged;
        using (var raw = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            raw.Open();
            using var pick = raw.CreateCommand();
            pick.CommandText = "SELECT id FROM runs WHERE build = 'b04' ORDER BY id LIMIT 1";
            damaged = (string)pick.ExecuteScalar()!;
            using var update = raw.CreateCommand();
            update.CommandText = $"UPDATE runs SET {damage} WHERE id = $id";
            update.Parameters.AddWithValue("$id", damaged);
            Assert.That(update.ExecuteNonQuery(), Is.EqualTo(1));
        }
        var problems = new List<StoredRowProblem>();
        using var store = SqliteResultStore.OpenReadOnly(path, problems.Add);
        var places = store.Queries.ListRunPlaces();
        Assert.That(problems.Select(p => p.ToString()), Has.Some.Contain(damaged).And.Some.Contain(said));
        Assert.That(places, Has.Count.EqualTo(27 - 1), "every other run is placed, one by one");
        Assert.That(places.Count(p => p.Build == "b04"), Is.EqualTo(1), "b04's other run is still placed");
    }
}
