using System.Security.Cryptography;
using NUnit.Framework;
using PerfLab.Results;
using PerfLab.Benchmarks.Farm;
using PerfLab.Results.Merge;
using PerfLab.Tests.Infrastructure;
using static PerfLab.Tests.Farm.HostileCorpus;

namespace PerfLab.Tests.Farm;

/// <summary>Merging the hostile corpus (<see cref="HostileCorpus"/>): every bad source or run is refused with a message naming the
/// file (and table and run), a refused source changes nothing in the farm, the honest runs still merge, the source is never
/// written, and the farm stays readable.</summary>
public sealed class HostileMergeTests
{
    private TempDirectory _temp = null!;
    private string _farm = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDirectory();
        _farm = _temp.File("farm.db");
        // The farm already knows both hosts (night 0): an edit that speaks for the other host has something to overwrite.
        var report = FarmMerger.Merge(_farm, [Honest(_temp.Path, "host7-night0.db", Host, firstNight: 0), Honest(_temp.Path, "host8-night0.db", OtherHost, firstNight: 0)]);
        Assert.That(report.Clean, Is.True);
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    private static IEnumerable<Edit> BadValueCases() => BadValues();

    [TestCaseSource(nameof(BadValueCases))]
    public void A_run_with_a_value_that_means_nothing_is_refused_alone_and_names_file_table_and_run(Edit edit)
    {
        var source = Make(_temp.Path, edit);
        var bad = EditedRun(source);
        var runsBefore = Scalar(_farm, "SELECT count(*) FROM runs");
        var sourceBytes = SHA256.HashData(File.ReadAllBytes(source));

        var result = FarmMerger.Merge(_farm, [source]).Sources.Single();

        Assert.That(result.Succeeded, Is.True, result.Error);
        Assert.That(result.RunsAdded, Is.EqualTo(1), "the honest run of the file merges");
        var refused = result.RefusedRuns.Single();
        Assert.That(refused.RunId, Is.EqualTo(bad));
        Assert.That(refused.Table, Is.Not.Empty);
        Assert.That(refused.Problem, Is.Not.Empty);
        Assert.That(Scalar(_farm, "SELECT count(*) FROM runs"), Is.EqualTo(runsBefore + 1));
        Assert.That(Text(_farm, $"SELECT count(*) FROM runs WHERE id = '{bad.Replace("'", "''")}'"), Is.EqualTo("0"));
        Assert.That(SHA256.HashData(File.ReadAllBytes(source)), Is.EqualTo(sourceBytes), "the source is never written");
        AssertFarmReadable();

        // Idempotent: the good run is already there, the bad one is refused again, nothing changes.
        var again = FarmMerger.Merge(_farm, [source]).Sources.Single();
        Assert.That((again.RunsAdded, again.RunsAlreadyPresent, again.RefusedRuns.Count), Is.EqualTo((0, 1, 1)));
    }

    [Test]
    public void Refusal_messages_name_what_is_wrong()
    {
        string Problem(Edit edit) => FarmMerger.Merge(_farm, [Make(_temp.Path, edit)]).Sources.Single().RefusedRuns.Single().ToString();
        var edits = BadValues().ToDictionary(e => e.Name);
        Assert.That(Problem(edits["start-yesterday"]), Does.Contain("table runs").And.Contain("started_at 'yesterday' is not a time"));
        Assert.That(Problem(edits["tags-not-json"]), Does.Contain("table runs").And.Contain("tags is not valid JSON"));
        Assert.That(Problem(edits["tags-key-twice"]), Does.Contain("has the key 'a' twice"));
        Assert.That(Problem(edits["scope-unknown"]), Does.Contain("scope 99 is not a known code"));
        Assert.That(Problem(edits["sample-1e308"]), Does.Contain("table samples").And.Contain("value 1E+308 is beyond"));
        Assert.That(Problem(edits["sample-infinite"]), Does.Contain("is not a finite number"));
        Assert.That(Problem(edits["metric-name-escape"]), Does.Contain(@"\x1b").And.Not.Contain("\u001b"));
        Assert.That(Problem(edits["artifact-hash-wrong"]), Does.Contain("table artifacts").And.Contain("does not hash to its recorded sha256"));
        var newline = Problem(edits["run-id-newline"]);
        Assert.That(newline, Does.Contain(@"\x0a").And.Not.Contain("\n"), "a run id holding a newline prints on one line");
    }

    private static IEnumerable<Edit> PlantedCases() => PlantedSchema();

    [TestCaseSource(nameof(PlantedCases))]
    public void A_planted_schema_object_refuses_the_source_before_anything_runs(Edit edit)
    {
        var source = Make(_temp.Path, edit);
        var samples = Scalar(source, "SELECT count(*) FROM samples");
        var before = Snapshot(_farm);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var result = FarmMerger.Merge(_farm, [source]).Sources.Single();

        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(20)), "a recursive view must not run");
        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Error, Does.Contain("schema is not PerfLab's"));
        Assert.That(Snapshot(_farm), Is.EqualTo(before), "a refused source changes nothing");
        Assert.That(Scalar(source, "SELECT count(*) FROM samples"), Is.EqualTo(samples), "no planted trigger fired in the source");
        AssertFarmReadable();
    }

    [Test]
    public void A_read_only_store_refuses_a_planted_file_and_fires_nothing()
    {
        var source = Make(_temp.Path, PlantedSchema().Single(e => e.Name == "trigger-empties-samples"));
        var samples = Scalar(source, "SELECT count(*) FROM samples");
        // Give it an abandoned 'running' run of this host: a read-write open would "recover" it, and the trigger would fire.
        Exec(source, $"UPDATE runs SET status = 1, ended_at = NULL, agent_host = '{Environment.MachineName}', agent_pid = 999999 WHERE id = (SELECT max(id) FROM runs)");
        samples = Scalar(source, "SELECT count(*) FROM samples");

        var e = Assert.Throws<ResultStoreException>(() => SqliteResultStore.OpenReadOnly(source).Dispose())!;
        Assert.That(e.Message, Does.Contain(source).And.Contain("trigger 'wipe'"));
        Assert.That(Scalar(source, "SELECT count(*) FROM samples"), Is.EqualTo(samples));
        var w = Assert.Throws<ResultStoreException>(() => SqliteResultStore.Open(source).Dispose())!;
        Assert.That(w.Message, Does.Contain("trigger 'wipe'"), "a writer refuses it too, before its recovery update");
        Assert.That(Scalar(source, "SELECT count(*) FROM samples"), Is.EqualTo(samples));
    }

    [Test]
    public void A_run_of_another_host_is_refused_and_that_hosts_facts_are_not_touched()
    {
        var hostRow = Text(_farm, $"SELECT os || last_seen FROM hosts WHERE name = '{SyntheticFarm.HostName(OtherHost)}'");

        var foreign = FarmMerger.Merge(_farm, [Make(_temp.Path, RunOfAnotherHost)]).Sources.Single();
        Assert.That(foreign.RefusedRuns, Is.Not.Empty);
        Assert.That(foreign.RefusedRuns.Select(r => r.Problem), Has.All.Match("may only add that host's runs|belongs to host"));

        var facts = FarmMerger.Merge(_farm, [Make(_temp.Path, OtherHostsFacts)]).Sources.Single();
        Assert.That(facts.RunsAdded, Is.EqualTo(2), "its own runs merge");
        Assert.That(Text(_farm, $"SELECT os || last_seen FROM hosts WHERE name = '{SyntheticFarm.HostName(OtherHost)}'"), Is.EqualTo(hostRow));
        Assert.That(Scalar(_farm, "SELECT count(*) FROM hosts WHERE last_seen LIKE '9999%'"), Is.Zero);
    }

    [Test]
    public void A_source_whose_own_last_seen_is_in_the_future_is_refused_whole()
    {
        var before = Snapshot(_farm);
        var result = FarmMerger.Merge(_farm, [Make(_temp.Path, OwnLastSeenInFuture)]).Sources.Single();
        Assert.That(result.Error, Does.Contain("table hosts").And.Contain("last_seen").And.Contain("in the future"));
        Assert.That(Snapshot(_farm), Is.EqualTo(before));
    }

    [Test]
    public void A_device_description_that_does_not_hash_to_its_fingerprint_is_refused()
    {
        var devices = Text(_farm, "SELECT group_concat(model || fingerprint) FROM devices");
        var result = FarmMerger.Merge(_farm, [Make(_temp.Path, ForgedDevice)]).Sources.Single();
        Assert.That(result.RunsAdded, Is.Zero);
        Assert.That(result.RefusedRuns, Has.Count.EqualTo(2));
        Assert.That(result.RefusedRuns[0].Problem, Does.Contain("but its description hashes to"));
        Assert.That(Text(_farm, "SELECT group_concat(model || fingerprint) FROM devices"), Is.EqualTo(devices));
    }

    [Test]
    public void A_source_made_on_one_host_cannot_add_another_hosts_runs()
    {
        var before = Snapshot(_farm);
        var result = FarmMerger.Merge(_farm, [Make(_temp.Path, OriginOfAnotherHost)]).Sources.Single();
        Assert.That(result.RunsAdded, Is.Zero);
        // It speaks for farm-host-008 but holds only farm-host-007's row and runs: nothing of it is merged.
        Assert.That(result.Error, Does.Contain("table hosts, host 'farm-host-008'").And.Contain("no row for the host it speaks for"));
        Assert.That(Snapshot(_farm), Is.EqualTo(before));
    }

    [Test]
    public void A_damaged_file_is_refused_by_integrity_check_even_where_quick_check_passes()
    {
        var flipped = FlippedIndexBit(_temp.Path);
        Assert.That(Text(flipped, "PRAGMA quick_check"), Is.EqualTo("ok"), "the damage is one quick_check does not see");
        var corrupt = CorruptTablePage(_temp.Path);
        var before = Snapshot(_farm);

        var report = FarmMerger.Merge(_farm, [flipped, corrupt]);

        Assert.That(report.Sources[0].Error, Does.Contain("fails PRAGMA integrity_check"), report.Sources[0].ToString());
        Assert.That(report.Sources[1].Error, Does.Match("integrity_check|malformed"), report.Sources[1].ToString());
        Assert.That(Snapshot(_farm), Is.EqualTo(before));
        Assert.That(Scalar(_farm, "SELECT count(*) FROM samples WHERE value < 0"), Is.Zero);
    }

    [Test]
    public void Empty_text_and_foreign_files_are_refused_by_name()
    {
        var before = Snapshot(_farm);
        var report = FarmMerger.Merge(_farm, [Empty(_temp.Path), NotSqlite(_temp.Path), Foreign(_temp.Path)]);
        Assert.That(report.Sources[0].Error, Does.Contain("empty (0 bytes)"));
        Assert.That(report.Sources[1].Error, Does.Contain("not an SQLite database"));
        Assert.That(report.Sources[2].Error, Does.Contain("not a PerfLab results database"));
        Assert.That(Snapshot(_farm), Is.EqualTo(before));
        Assert.That(new FileInfo(_temp.File("zero-length.db")).Length, Is.Zero, "the empty file was not turned into a database");
    }

    [Test]
    public void A_source_that_is_the_farm_through_a_link_is_refused_up_front()
    {
        var symlink = _temp.File("farm-link.db");
        File.CreateSymbolicLink(symlink, _farm);
        var hardlink = _temp.File("farm-hardlink.db");
        Assert.That(Link(_farm, hardlink), Is.Zero, "ln");

        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.That(Assert.Throws<ArgumentException>(() => FarmMerger.Merge(_farm, [symlink]))!.Message, Does.Contain("through a link"));
        Assert.That(Assert.Throws<ArgumentException>(() => FarmMerger.Merge(_farm, [hardlink]))!.Message, Does.Contain("through a link"));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "no lock timeout");
    }

    [Test]
    public void A_leftover_wal_is_read_not_checkpointed_into_the_source()
    {
        var source = WithLeftoverWal(_temp.Path);
        var db = SHA256.HashData(File.ReadAllBytes(source));
        var wal = SHA256.HashData(File.ReadAllBytes(source + "-wal"));

        var result = FarmMerger.Merge(_farm, [source]).Sources.Single();

        Assert.That(result.RunsAdded, Is.EqualTo(2), result.Error);
        Assert.That(Scalar(_farm, "SELECT count(*) FROM runs WHERE branch = 'from-the-wal'"), Is.EqualTo(1), "the log's transaction was merged");
        Assert.That(SHA256.HashData(File.ReadAllBytes(source)), Is.EqualTo(db), "the source file is untouched");
        Assert.That(SHA256.HashData(File.ReadAllBytes(source + "-wal")), Is.EqualTo(wal), "the -wal is still there, untouched");
        Assert.That(File.Exists(source + "-shm"), Is.False, "nothing was created beside the source");
    }

    [Test]
    public void An_honest_source_is_read_without_a_lock_or_side_files()
    {
        var source = Honest(_temp.Path, "honest.db");
        var bytes = SHA256.HashData(File.ReadAllBytes(source));
        var result = FarmMerger.Merge(_farm, [source]).Sources.Single();
        Assert.That((result.RunsAdded, result.OriginHost), Is.EqualTo((2, SyntheticFarm.HostName(Host))));
        Assert.That(SHA256.HashData(File.ReadAllBytes(source)), Is.EqualTo(bytes));
        Assert.That(File.Exists(source + "-wal") || File.Exists(source + "-shm"), Is.False);
        Assert.That(Text(_farm, $"SELECT source FROM run_sources WHERE run_id = '{EditedRun(source)}'"), Is.EqualTo(source));
    }

    [Test]
    public void A_conflict_names_both_files()
    {
        var first = Honest(_temp.Path, "first.db");
        FarmMerger.Merge(_farm, [first]);
        var second = Make(_temp.Path, new Edit("second", p => Exec(p, "UPDATE samples SET value = value * 2 WHERE rowid = 1")));

        var conflict = FarmMerger.Merge(_farm, [second]).Sources.Single().Conflicts.Single();
        Assert.That(conflict.FarmCopyFrom, Does.StartWith(first));
    }

    [Test]
    public void A_statement_past_its_budget_is_interrupted_and_the_source_rolled_back()
    {
        var source = Honest(_temp.Path, "big.db", nights: 20);
        var before = Snapshot(_farm);
        var result = FarmMerger.Merge(_farm, [source], null, CancellationToken.None, statementSteps: 20_000).Sources.Single();
        Assert.That(result.Error, Does.Contain("budget"));
        Assert.That(Snapshot(_farm), Is.EqualTo(before));
    }

    [Test]
    public void A_cancelled_merge_stops_inside_sqlite_and_keeps_what_was_merged()
    {
        using var cancel = new CancellationTokenSource();
        var sources = new[] { Honest(_temp.Path, "a.db", Host, firstNight: 3), Honest(_temp.Path, "b.db", Host, firstNight: 4) };
        var merged = new List<string>();
        Assert.Throws<OperationCanceledException>(() => FarmMerger.Merge(_farm, sources, r =>
        {
            merged.Add(r.Source);
            cancel.Cancel();
        }, cancel.Token));
        Assert.That(merged, Has.Count.EqualTo(1));
        Assert.That(Scalar(_farm, "SELECT count(*) FROM runs"), Is.EqualTo(4 + 2));
    }

    private void AssertFarmReadable()
    {
        using var store = SqliteResultStore.OpenReadOnly(_farm);
        Assert.That(store.Queries.ListRuns(), Is.Not.Empty);
        Assert.That(store.Queries.LoadSeries(new SeriesFilter(Metric: "fps")).ToList(), Is.Not.Empty);
        Assert.That(store.Problems.Count, Is.Zero, "the farm holds no row a reader has to leave out");
        Assert.That(Text(_farm, "PRAGMA integrity_check"), Is.EqualTo("ok"));
    }

    /// <summary>Row counts of every table and the hosts and devices rows: what a refused source must leave as it was.</summary>
    private static string Snapshot(string farm) => string.Join("; ",
        new[] { "runs", "cases", "samples", "repetitions", "telemetry", "checks", "artifacts", "run_metrics", "devices", "hosts", "run_sources" }
            .Select(t => $"{t} {Scalar(farm, $"SELECT count(*) FROM {t}")}")
            .Append(Text(farm, "SELECT group_concat(name || os || last_seen, ',') FROM hosts"))
            .Append(Text(farm, "SELECT group_concat(model || fingerprint, ',') FROM devices")));

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int Link(string existing, string created);
}
