using System.Text.Json;
using NUnit.Framework;
using PerfLab.Results;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Gating;

/// <summary><c>perflab ingest --format</c> for peer formats and <c>perflab export</c>, through the real process.</summary>
[TestFixture]
public sealed class PeerIngestExportCliTests
{
    private static string Fixture(string name) => RepoPaths.Fixture("peer-formats", name);

    private static int RunCount(string db)
    {
        using var store = SqliteResultStore.Open(db);
        return store.Queries.ListRuns().Count;
    }

    [Test]
    public void A_data_js_history_ingests_once_and_detect_reads_its_series()
    {
        using var dir = new TempDirectory();
        var db = dir.File("h.db");
        var js = Fixture("mountpoint-s3-latency_bench-data.js");
        var first = PerfLabProcess.Run(dir.Path, "ingest", js, "--db", db, "--device", "ec2-mountpoint");
        Assert.That(first.ExitCode, Is.EqualTo(0), first.ToString());
        Assert.That(first.Stdout, Does.Contain("30 run(s) stored (240 cases), 0 already present"));
        var again = PerfLabProcess.Run(dir.Path, "ingest", js, "--db", db, "--device", "ec2-mountpoint", "--format", "gab-history");
        Assert.That(again.Stdout, Does.Contain("0 run(s) stored (0 cases), 30 already present"), again.ToString());

        var detect = PerfLabProcess.Run(dir.Path, "detect", "--db", db, "--json");
        Assert.That(detect.ExitCode, Is.EqualTo(0), detect.ToString());
        var series = JsonDocument.Parse(detect.Stdout).RootElement.EnumerateArray().ToList();
        Assert.That(series, Has.Count.EqualTo(8));
        Assert.That(series.Select(s => s.GetProperty("metric").GetString()).Distinct(), Is.EquivalentTo(new[] { "milliseconds", "seconds" }));
    }

    [Test]
    public void A_format_without_build_is_refused_by_line_and_options_that_do_not_apply_are_usage_errors()
    {
        using var dir = new TempDirectory();
        var db = dir.File("h.db");
        var bmf = Fixture("report_latency.json");
        var r = PerfLabProcess.Run(dir.Path, "ingest", bmf, "--db", db, "--format", "bmf", "--device", "d", "--suite", "s");
        Assert.That(r.ExitCode, Is.EqualTo(2), r.ToString());
        Assert.That(r.Stderr, Does.Contain($"{bmf}:1: a BMF file names no build; give --build ID"));
        Assert.That(r.Stderr, Does.Contain("nothing of it was stored"));

        var csv = PerfLabProcess.Run(dir.Path, "ingest", RepoPaths.Fixture("histories", "small-history.csv"), "--db", db, "--build", "b9");
        Assert.That(csv.ExitCode, Is.EqualTo(2), csv.ToString());
        Assert.That(csv.Stderr, Does.Contain("--build applies to peer formats"));

        var unknown = PerfLabProcess.Run(dir.Path, "ingest", bmf, "--db", db, "--format", "criterion");
        Assert.That(unknown.ExitCode, Is.EqualTo(2), unknown.ToString());
        Assert.That(File.Exists(db) ? RunCount(db) : 0, Is.EqualTo(0));
    }

    [Test]
    public void Bmf_ingested_then_exported_comes_back_as_it_went_in()
    {
        using var dir = new TempDirectory();
        var db = dir.File("h.db");
        var bmf = Fixture("report_bmf_mixed.json");
        Assert.That(PerfLabProcess.Run(dir.Path, "ingest", bmf, "--db", db, "--format", "bmf", "--build", "b1", "--device", "ci-runner", "--suite", "rust").ExitCode, Is.EqualTo(0));
        var export = PerfLabProcess.Run(dir.Path, "export", "--db", db, "--format", "bmf", "--suite", "rust", "--build", "b1", "--device", "ci-runner");
        Assert.That(export.ExitCode, Is.EqualTo(0), export.ToString());
        Assert.That(Canonical(export.Stdout), Is.EqualTo(Canonical(File.ReadAllText(bmf))));

        // without --suite the benchmark carries its suite, so several suites never collide in one document
        var named = PerfLabProcess.Run(dir.Path, "export", "--db", db, "--format", "bmf");
        Assert.That(JsonDocument.Parse(named.Stdout).RootElement.EnumerateObject().Select(p => p.Name), Has.Member("rust/benchmark-b"));
    }

    private static string Canonical(string json)
    {
        var doc = JsonDocument.Parse(json).RootElement;
        return string.Join("\n", doc.EnumerateObject().OrderBy(b => b.Name, StringComparer.Ordinal).SelectMany(b =>
            b.Value.EnumerateObject().Select(m => $"{b.Name}/{m.Name}: " + string.Join(",", m.Value.EnumerateObject()
                .OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => f.Name + "=" + f.Value.GetDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture))))));
    }

    [Test]
    public void Bmf_export_of_many_builds_writes_one_document_per_build_and_device_into_a_folder()
    {
        using var dir = new TempDirectory();
        var db = dir.File("h.db");
        PerfLabProcess.Run(dir.Path, "ingest", Fixture("mountpoint-s3-latency_bench-data.js"), "--db", db, "--device", "ec2/../mountpoint");
        var refused = PerfLabProcess.Run(dir.Path, "export", "--db", db, "--format", "bmf");
        Assert.That(refused.ExitCode, Is.EqualTo(2), refused.ToString());
        Assert.That(refused.Stderr, Does.Contain("30 build × device pairs match"));

        var folder = dir.File("bmf");
        var r = PerfLabProcess.Run(dir.Path, "export", "--db", db, "--format", "bmf", "--out", folder);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        var files = Directory.GetFiles(folder);
        Assert.That(files, Has.Length.EqualTo(30));
        Assert.That(files.Select(Path.GetFileName), Has.Member("1420c5a65b778e6e00d1f4d3bdd01172d0dd622a.ec2____mountpoint.json"), "a device name never picks the folder");
        var last = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "1420c5a65b778e6e00d1f4d3bdd01172d0dd622a.ec2____mountpoint.json"))).RootElement;
        Assert.That(last.GetProperty("Latency Benchmark (S3 Standard)/readdir_100").GetProperty("seconds").GetProperty("value").GetDouble(), Is.EqualTo(0.056));
    }

    [Test]
    public void Csv_export_round_trips_through_ingest_and_neutralises_formula_cells()
    {
        using var dir = new TempDirectory();
        var db = dir.File("h.db");
        var source = dir.File("evil.csv");
        File.WriteAllText(source, """
            timestamp,build,device,suite,case,metric,unit,better,value
            2025-03-01T02:00:00Z,b01,@rpi5,yolo,"=HYPERLINK(""http://x"",""y"")",fps,fps,higher,812.5
            2025-03-01T02:01:00Z,b01,@rpi5,yolo,"=HYPERLINK(""http://x"",""y"")",fps,fps,higher,-3.25
            2025-03-01T02:00:00Z,b01,@rpi5,yolo,+cmd,latency,ms,lower,3.91
            """.ReplaceLineEndings("\n"));
        Assert.That(PerfLabProcess.Run(dir.Path, "ingest", source, "--db", db).ExitCode, Is.EqualTo(0));

        var csv = PerfLabProcess.Run(dir.Path, "export", "--db", db, "--format", "csv");
        Assert.That(csv.ExitCode, Is.EqualTo(0), csv.ToString());
        var lines = csv.Stdout.TrimEnd('\n').Split('\n');
        Assert.That(lines[0], Is.EqualTo("timestamp,build,device,suite,case,metric,unit,better,value"));
        Assert.That(lines[1], Is.EqualTo("2025-03-01T02:00:00Z,b01,'@rpi5,yolo,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",fps,fps,higher,812.5"));
        Assert.That(lines[2], Does.EndWith(",fps,fps,higher,-3.25"), "numbers stay numbers");
        Assert.That(lines.Skip(1).Select(l => l.Split(',')[2]), Is.All.EqualTo("'@rpi5"));
        Assert.That(lines.Any(l => l.Contains(",'+cmd,", StringComparison.Ordinal)), Is.True);

        var json = PerfLabProcess.Run(dir.Path, "export", "--db", db, "--format", "json");
        var records = JsonDocument.Parse(json.Stdout).RootElement.EnumerateArray().ToList();
        Assert.That(records.Select(x => x.GetProperty("device").GetString()), Is.All.EqualTo("'@rpi5"));
        Assert.That(records.Select(x => x.GetProperty("case").GetString()), Has.Member("'=HYPERLINK(\"http://x\",\"y\")"));
        Assert.That(records.Select(x => x.GetProperty("value").GetDouble()), Is.EquivalentTo(new[] { 812.5, -3.25, 3.91 }));

        // a plain history goes out and comes back in unchanged
        var plain = dir.File("plain.db");
        Assert.That(PerfLabProcess.Run(dir.Path, "ingest", RepoPaths.Fixture("histories", "small-history.csv"), "--db", plain).ExitCode, Is.EqualTo(0));
        var exported = dir.File("exported.csv");
        Assert.That(PerfLabProcess.Run(dir.Path, "export", "--db", plain, "--format", "csv", "--out", exported).ExitCode, Is.EqualTo(0));
        var again = dir.File("again.db");
        var back = PerfLabProcess.Run(dir.Path, "ingest", exported, "--db", again);
        Assert.That(back.ExitCode, Is.EqualTo(0), back.ToString());
        Assert.That(Samples(again), Is.EqualTo(Samples(plain)));
    }

    private static List<string> Samples(string db)
    {
        using var store = SqliteResultStore.Open(db);
        return store.Queries.LoadSeries()
            .SelectMany(s => s.Points.SelectMany(p => p.Samples.Select(v => $"{s.Identity.Device}|{s.Identity.Suite}|{s.Identity.Case}|{s.Identity.Metric}|{p.Build}|{v}")))
            .Order(StringComparer.Ordinal).ToList();
    }
}
