using NUnit.Framework;
using PerfLab.Harness.Domain;
using PerfLab.Results;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Gating;

/// <summary><c>perflab ingest</c> through the real process: every bad row reported by line, nothing stored, idempotent re-ingest.</summary>
[TestFixture]
public sealed class IngestCliTests
{
    private static string Fixture(string name) => RepoPaths.Fixture("histories", name);

    private static int RunCount(string db)
    {
        using var store = SqliteResultStore.Open(db);
        return store.Queries.ListRuns().Count;
    }

    [Test]
    public void Every_bad_row_is_reported_with_its_line_and_nothing_of_the_file_is_stored()
    {
        using var dir = new TempDirectory();
        var db = dir.File("h.db");
        Assert.That(PerfLabProcess.Run(dir.Path, "ingest", Fixture("small-history.csv"), "--db", db).ExitCode, Is.EqualTo(0));
        var before = RunCount(db);

        var bad = Fixture("bad-rows.csv");
        var r = PerfLabProcess.Run(dir.Path, "ingest", bad, "--db", db, "--format", "csv");
        Assert.That(r.ExitCode, Is.EqualTo(2), r.ToString());
        var lines = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines.Where(l => l.StartsWith(bad + ":", StringComparison.Ordinal)).Select(l => int.Parse(l[(bad.Length + 1)..].Split(':')[0])),
            Is.EqualTo(new[] { 3, 4, 5, 6, 7, 8, 9, 12 }));
        Assert.That(r.Stderr, Does.Contain($"{bad}:3: timestamp '03/01/2025 02:01' is not an ISO-8601 date-time"));
        Assert.That(r.Stderr, Does.Contain($"{bad}:4: better must be 'higher' or 'lower', found 'faster'"));
        Assert.That(r.Stderr, Does.Contain($"{bad}:5: value '8l3.0' is not a finite number"));
        Assert.That(r.Stderr, Does.Contain($"{bad}:6: device is empty"));
        Assert.That(r.Stderr, Does.Contain($"{bad}:7: expected 9 fields"));
        Assert.That(r.Stderr, Does.Contain($"{bad}:8: metric 'fps' of suite 'yolo' has unit 'frames/s' here but 'fps' on line 2"));
        Assert.That(r.Stderr, Does.Contain($"{bad}:12: a quoted field is not closed"));
        Assert.That(r.Stderr, Does.Contain("8 problem(s)").And.Contain("nothing of it was stored"));
        Assert.That(RunCount(db), Is.EqualTo(before));
    }

    [Test]
    public void Ingesting_the_same_file_twice_stores_it_once_and_changed_content_is_refused()
    {
        using var dir = new TempDirectory();
        var db = dir.File("h.db");
        var csv = Fixture("small-history.csv");
        var first = PerfLabProcess.Run(dir.Path, "ingest", csv, "--db", db);
        Assert.That(first.ExitCode, Is.EqualTo(0), first.ToString());
        Assert.That(first.Stdout, Does.Contain("3 run(s) stored (4 cases), 0 already present"));

        var again = PerfLabProcess.Run(dir.Path, "ingest", csv, "--db", db);
        Assert.That(again.ExitCode, Is.EqualTo(0), again.ToString());
        Assert.That(again.Stdout, Does.Contain("0 run(s) stored (0 cases), 3 already present"));
        Assert.That(RunCount(db), Is.EqualTo(3));

        var changed = dir.File("changed.csv");
        File.WriteAllText(changed, File.ReadAllText(csv).Replace("813.0", "713.0"));
        var r = PerfLabProcess.Run(dir.Path, "ingest", changed, "--db", db);
        Assert.That(r.ExitCode, Is.EqualTo(2), r.ToString());
        Assert.That(r.Stderr, Does.Contain($"{changed}:12: build 'b02' of suite 'yolo' on device 'rpi5-hailo8' (branch 'main') was ingested before with different content"));
        Assert.That(RunCount(db), Is.EqualTo(3));
    }

    [Test]
    public void Csv_runs_belong_to_main_unless_a_branch_is_given_and_carry_scope_and_tags()
    {
        using var dir = new TempDirectory();
        var db = dir.File("h.db");
        var r = PerfLabProcess.Run(dir.Path, "ingest", Fixture("small-history.csv"), "--db", db, "--branch", "feature-x", "--tag", "release=1.4", "--emulated");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        Assert.That(PerfLabProcess.Run(dir.Path, "ingest", Fixture("run.json"), "--db", db).ExitCode, Is.EqualTo(0));
        using var store = SqliteResultStore.Open(db);
        var runs = store.Queries.ListRuns();
        var csvRuns = runs.Where(x => x.Suite == "yolo").ToList();
        Assert.That(csvRuns.Select(x => x.Branch), Is.All.EqualTo("feature-x"));
        Assert.That(csvRuns.Select(x => x.Emulated), Is.All.True);
        Assert.That(csvRuns.Select(x => x.Scope), Is.All.EqualTo(EvidenceScope.Emulated));
        Assert.That(csvRuns.Select(x => x.Tags["release"]), Is.All.EqualTo("1.4"));
        var json = runs.Single(x => x.Suite == "hailo-yolo");
        Assert.That(json.Branch, Is.EqualTo("main"));
        Assert.That(json.Scope, Is.EqualTo(EvidenceScope.SiliconMeasurement));
        Assert.That(json.DeviceModel, Is.EqualTo("HAILO8"));
        var metrics = store.Queries.RunMetrics(json.Id);
        Assert.That(metrics.Single(m => m.Name == "chip_temp_max").Gate.Max, Is.EqualTo(85));
        Assert.That(metrics.Single(m => m.Name == "fps").Gate.BudgetPercent, Is.EqualTo(5));
        var cases = store.Queries.LoadCases(json.Id);
        Assert.That(cases.Select(c => c.Samples.Count), Is.EqualTo(new[] { 10, 3 }));
        Assert.That(cases[0].KeyParts["device.firmware"], Is.EqualTo("4.20.0"));
    }

    [Test]
    public void A_bad_json_run_is_reported_by_line_and_path()
    {
        using var dir = new TempDirectory();
        var bad = Fixture("bad-run.json");
        var r = PerfLabProcess.Run(dir.Path, "ingest", bad, "--db", dir.File("h.db"));
        Assert.That(r.ExitCode, Is.EqualTo(2), r.ToString());
        Assert.That(r.Stderr, Does.Contain($"{bad}:5: $.started_at: 'yesterday' is not an ISO-8601 date-time"));
        Assert.That(r.Stderr, Does.Contain($"{bad}:6: $.device.key_properties[0]: key property 'serial' is not in device.properties"));
        Assert.That(r.Stderr, Does.Contain($"{bad}:8: $.metrics[0].better: better must be 'higher' or 'lower', found 'faster'"));
        Assert.That(r.Stderr, Does.Contain($"{bad}:13: $.cases[0].samples.fps[1]: is not a finite number"));
        Assert.That(r.Stderr, Does.Contain($"{bad}:13: $.cases[0].samples.latency: metric 'latency' is not declared in $.metrics"));
        Assert.That(r.Stderr, Does.Contain($"{bad}:16: $.colour: unknown field 'colour'"));
        Assert.That(File.Exists(dir.File("h.db")), Is.False, "a refused file never even creates the database");
    }
}
