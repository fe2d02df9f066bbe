using NUnit.Framework;
using System.Text.Json;
using System.Xml.Linq;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Gating;

/// <summary>The gate through the real perflab process: exit codes, what the output and JUnit name, and detect's JSON, on
/// ingested histories (3 devices × 40 builds × 10 samples, 1 % noise, fixed seed; the drop history loses 5 % FPS on one device from b30).</summary>
[TestFixture]
public sealed class GateCliTests
{
    private const int DropBuild = 30;
    private TempDirectory _dir = null!;
    private string _dropDb = null!;
    private string _cleanDb = null!;

    [OneTimeSetUp]
    public void IngestHistories()
    {
        _dir = new TempDirectory();
        var drop = new HistoryCsv(HistoryCsv.FarmDevices, 40, 10, 1, DropDevice: "x86-hailo8", DropFromBuild: DropBuild, DropPercent: 5).WriteTo(_dir.File("drop.csv"));
        var clean = new HistoryCsv(HistoryCsv.FarmDevices, 40, 10, 1).WriteTo(_dir.File("clean.csv"));
        _dropDb = _dir.File("drop.db");
        _cleanDb = _dir.File("clean.db");
        var a = PerfLabProcess.Run(_dir.Path, "ingest", drop, "--db", _dropDb, "--format", "csv");
        Assert.That(a.ExitCode, Is.EqualTo(0), a.ToString());
        Assert.That(a.Stdout, Does.Contain("120 run(s) stored (120 cases)"));
        var b = PerfLabProcess.Run(_dir.Path, "ingest", clean, "--db", _cleanDb, "--format", "csv");
        Assert.That(b.ExitCode, Is.EqualTo(0), b.ToString());
    }

    [OneTimeTearDown]
    public void Cleanup() => _dir.Dispose();

    [Test]
    public void A_5_percent_fps_drop_on_one_device_fails_the_gate_and_names_device_case_metric_shift_and_builds()
    {
        var junit = _dir.File("drop-junit.xml");
        var summary = _dir.File("drop-summary.md");
        var r = PerfLabProcess.Run(_dir.Path, "gate", "--db", _dropDb, "--candidate", HistoryCsv.Build(DropBuild), "--junit", junit, "--summary", summary);

        Assert.That(r.ExitCode, Is.EqualTo(1), r.ToString());
        Assert.That(r.Stdout, Does.Match(@"x86-hailo8 / yolo / yolov8s / fps: regression, shift -[4-7]\.\d\d %"));
        Assert.That(r.Stdout, Does.Contain("baseline b25 … b29 (5 builds)").And.Contain("-> candidate b30"));
        Assert.That(r.Stdout, Does.Contain("counts: regression 1, error 0, no-baseline 0, inconclusive 0"));
        Assert.That(r.Stdout, Does.Contain("gate: FAIL: regression (exit 1)"));

        var xml = XDocument.Load(junit);
        var cases = xml.Descendants("testcase").ToList();
        Assert.That(cases, Has.Count.EqualTo(6), "one test case per device × case × metric");
        var failures = xml.Descendants("failure").ToList();
        Assert.That(failures, Has.Count.EqualTo(1));
        var message = failures[0].Attribute("message")!.Value;
        Assert.That(message, Does.Contain("x86-hailo8").And.Contain("yolov8s").And.Contain("fps").And.Contain("b29").And.Contain("b30").And.Match(@"shift -[4-7]\.\d\d %"));
        Assert.That(failures[0].Parent!.Attribute("classname")!.Value, Is.EqualTo("perflab.yolo.x86-hailo8"));
        Assert.That(xml.Root!.Attribute("failures")!.Value, Is.EqualTo("1"));

        var md = File.ReadAllText(summary);
        Assert.That(md.IndexOf("| regression | 1 |", StringComparison.Ordinal), Is.LessThan(md.IndexOf("### Regressions (1)", StringComparison.Ordinal)));
        Assert.That(md, Does.Contain("| x86-hailo8 | yolo | yolov8s | fps | **-"));
        Assert.That(md, Does.Contain("<details><summary>All other comparisons (5)</summary>"));
    }

    [Test]
    public void The_same_history_without_the_drop_passes()
    {
        var r = PerfLabProcess.Run(_dir.Path, "gate", "--db", _cleanDb, "--candidate", HistoryCsv.Build(DropBuild), "--json");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.That(doc.RootElement.GetProperty("outcome").GetString(), Is.EqualTo("pass"));
        var verdicts = doc.RootElement.GetProperty("results").EnumerateArray().Select(x => x.GetProperty("verdict").GetString()).ToList();
        Assert.That(verdicts, Has.Count.EqualTo(6));
        Assert.That(verdicts, Is.All.EqualTo("no-change"));
    }

    [Test]
    public void Gate_json_carries_shift_interval_samples_threshold_and_builds()
    {
        var r = PerfLabProcess.Run(_dir.Path, "compare", "--db", _dropDb, "--candidate", HistoryCsv.Build(DropBuild), "--json");
        Assert.That(r.ExitCode, Is.EqualTo(0), "compare informs, it does not gate\n" + r);
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        Assert.That(root.GetProperty("gate_exit_code").GetInt32(), Is.EqualTo(1));
        Assert.That(root.GetProperty("counts").GetProperty("regression").GetInt32(), Is.EqualTo(1));
        var reg = root.GetProperty("results").EnumerateArray().Single(x => x.GetProperty("verdict").GetString() == "regression");
        Assert.That(reg.GetProperty("device").GetString(), Is.EqualTo("x86-hailo8"));
        Assert.That(reg.GetProperty("metric").GetString(), Is.EqualTo("fps"));
        Assert.That(reg.GetProperty("shift_pct").GetDouble(), Is.InRange(-6.5, -3.5));
        Assert.That(reg.GetProperty("interval").GetProperty("high_pct").GetDouble(), Is.LessThan(-3));
        Assert.That(reg.GetProperty("threshold").GetProperty("effective_pct").GetDouble(), Is.EqualTo(3));
        Assert.That(reg.GetProperty("baseline").GetProperty("samples").GetInt32(), Is.EqualTo(50));
        Assert.That(reg.GetProperty("baseline").GetProperty("builds").EnumerateArray().Select(b => b.GetString()), Is.EqualTo(new[] { "b25", "b26", "b27", "b28", "b29" }));
        Assert.That(reg.GetProperty("candidate").GetProperty("samples").GetInt32(), Is.EqualTo(10));
    }

    [Test]
    public void A_history_too_short_is_inconclusive_and_needs_action()
    {
        using var dir = new TempDirectory();
        var csv = new HistoryCsv(["rpi5-hailo8"], 2, 3, 1).WriteTo(dir.File("short.csv"));
        var db = dir.File("short.db");
        Assert.That(PerfLabProcess.Run(dir.Path, "ingest", csv, "--db", db).ExitCode, Is.EqualTo(0));

        var r = PerfLabProcess.Run(dir.Path, "gate", "--db", db, "--candidate", "b01");
        Assert.That(r.ExitCode, Is.EqualTo(3), r.ToString());
        Assert.That(r.Stdout, Does.Contain("inconclusive 2").And.Contain("too few samples (3 vs 3)"));
        Assert.That(r.Stdout, Does.Not.Contain("no-change  "));
        Assert.That(PerfLabProcess.Run(dir.Path, "gate", "--db", db, "--candidate", "b01", "--allow-inconclusive").ExitCode, Is.EqualTo(0));
    }

    [Test]
    public void A_history_too_noisy_is_inconclusive_not_a_pass()
    {
        using var dir = new TempDirectory();
        var csv = new HistoryCsv(["rpi5-hailo8"], 3, 5, 10, Seed: 7).WriteTo(dir.File("noisy.csv"));
        var db = dir.File("noisy.db");
        Assert.That(PerfLabProcess.Run(dir.Path, "ingest", csv, "--db", db).ExitCode, Is.EqualTo(0));

        var r = PerfLabProcess.Run(dir.Path, "gate", "--db", db, "--candidate", "b02", "--json");
        Assert.That(r.ExitCode, Is.EqualTo(3), r.ToString());
        using var doc = JsonDocument.Parse(r.Stdout);
        foreach (var item in doc.RootElement.GetProperty("results").EnumerateArray())
        {
            Assert.That(item.GetProperty("verdict").GetString(), Is.EqualTo("inconclusive"));
            Assert.That(item.GetProperty("reason").GetString(), Does.Contain("too noisy").Or.Contain("but not significant"));
        }
    }

    [Test]
    public void No_baseline_needs_action_unless_allowed()
    {
        using var dir = new TempDirectory();
        var csv = new HistoryCsv(["rpi5-hailo8"], 1, 5, 1).WriteTo(dir.File("first.csv"));
        var db = dir.File("first.db");
        Assert.That(PerfLabProcess.Run(dir.Path, "ingest", csv, "--db", db).ExitCode, Is.EqualTo(0));

        var junit = dir.File("j.xml");
        var r = PerfLabProcess.Run(dir.Path, "gate", "--db", db, "--candidate", "b00", "--junit", junit);
        Assert.That(r.ExitCode, Is.EqualTo(3), r.ToString());
        Assert.That(r.Stdout, Does.Contain("no-baseline 2").And.Contain("ACTION REQUIRED"));
        Assert.That(XDocument.Load(junit).Descendants("error").Count(), Is.EqualTo(2), "needing action shows as an error in CI");

        r = PerfLabProcess.Run(dir.Path, "gate", "--db", db, "--candidate", "b00", "--allow-missing-baseline", "--junit", junit);
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        var skipped = XDocument.Load(junit).Descendants("skipped").ToList();
        Assert.That(skipped, Has.Count.EqualTo(2));
        Assert.That(skipped[0].Attribute("message")!.Value, Does.Contain("no baseline samples"));
    }

    [Test]
    public void Unknown_candidate_or_bad_selector_is_a_usage_error()
    {
        var r = PerfLabProcess.Run(_dir.Path, "gate", "--db", _cleanDb, "--candidate", "nope");
        Assert.That(r.ExitCode, Is.EqualTo(2), r.ToString());
        Assert.That(r.Stderr, Does.Contain("build 'nope' is not in"));
        r = PerfLabProcess.Run(_dir.Path, "gate", "--db", _cleanDb, "--candidate", "b30", "--baseline", "commit:abc");
        Assert.That(r.ExitCode, Is.EqualTo(2), r.ToString());
        Assert.That(r.Stderr, Does.Contain("expected branch:NAME, build:ID, tag:key=value or tag:value"));
        r = PerfLabProcess.Run(_dir.Path, "gate", "--db", _cleanDb, "--candidate", "b30", "--baseline", "build:zzz");
        Assert.That(r.ExitCode, Is.EqualTo(2), r.ToString());
    }

    [Test]
    public void Detect_finds_the_injected_step_at_its_index_and_nothing_on_the_clean_history()
    {
        var r = PerfLabProcess.Run(_dir.Path, "detect", "--db", _dropDb, "--json");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        using var doc = JsonDocument.Parse(r.Stdout);
        var series = doc.RootElement.EnumerateArray().ToList();
        Assert.That(series, Has.Count.EqualTo(6));
        foreach (var s in series)
            Assert.That(s.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "device", "suite", "case", "metric", "change_points" }));
        var withPoints = series.Where(s => s.GetProperty("change_points").GetArrayLength() > 0).ToList();
        Assert.That(withPoints, Has.Count.EqualTo(1));
        Assert.That(withPoints[0].GetProperty("device").GetString(), Is.EqualTo("x86-hailo8"));
        Assert.That(withPoints[0].GetProperty("metric").GetString(), Is.EqualTo("fps"));
        var cp = withPoints[0].GetProperty("change_points")[0];
        Assert.That(cp.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "index", "build", "timestamp", "before", "after", "change_pct", "direction" }));
        Assert.That(cp.GetProperty("index").GetInt32(), Is.EqualTo(DropBuild));
        Assert.That(cp.GetProperty("build").GetString(), Is.EqualTo("b30"));
        Assert.That(cp.GetProperty("timestamp").GetString(), Is.EqualTo("2025-01-31T02:00:00Z"));
        Assert.That(cp.GetProperty("before").GetDouble(), Is.EqualTo(800).Within(8));
        Assert.That(cp.GetProperty("after").GetDouble(), Is.EqualTo(760).Within(8));
        Assert.That(cp.GetProperty("change_pct").GetDouble(), Is.EqualTo(-5).Within(1));
        Assert.That(cp.GetProperty("direction").GetString(), Is.EqualTo("regression"));

        var text = PerfLabProcess.Run(_dir.Path, "detect", "--db", _dropDb);
        Assert.That(text.Stdout, Does.Contain("6 series on branch main, 1 change point(s)"));
        Assert.That(text.Stdout, Does.Match(@"regression\s+x86-hailo8\s+yolo\s+yolov8s\s+fps\s+b29\s+b30\s+30"));

        var clean = PerfLabProcess.Run(_dir.Path, "detect", "--db", _cleanDb, "--json");
        using var cleanDoc = JsonDocument.Parse(clean.Stdout);
        Assert.That(cleanDoc.RootElement.GetArrayLength(), Is.EqualTo(6));
        Assert.That(cleanDoc.RootElement.EnumerateArray().Sum(s => s.GetProperty("change_points").GetArrayLength()), Is.EqualTo(0));
    }
}
