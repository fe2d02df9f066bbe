using NUnit.Framework;
using PerfLab.Harness.Domain;
using PerfLab.Results.Import;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Gating;

/// <summary>The pure history readers on the fixtures in tests/fixtures/histories.</summary>
[TestFixture]
public sealed class ImportReaderTests
{
    private static string Text(string name) => File.ReadAllText(RepoPaths.Fixture("histories", name));

    [Test]
    public void Csv_rows_group_into_one_run_per_build_device_suite_with_repetitions_per_case_and_metric()
    {
        var result = CsvHistoryReader.Read(Text("small-history.csv"), "small-history.csv", ImportOptions.Default);
        Assert.That(result.Problems, Is.Empty);
        Assert.That(result.Runs.Select(r => (r.Run.Build, r.Run.Device.Id)),
            Is.EqualTo(new[] { ("b01", "rpi5-hailo8"), ("b01", "x86-hailo10h"), ("b02", "rpi5-hailo8") }));
        var first = result.Runs[0];
        Assert.That(first.Run.Branch, Is.EqualTo("main"));
        Assert.That(first.Run.Scope, Is.EqualTo(EvidenceScope.ResearchCampaign));
        Assert.That(first.Run.Device.Emulated, Is.False);
        Assert.That(first.Run.StartedAt, Is.EqualTo(new DateTimeOffset(2025, 3, 1, 2, 0, 0, TimeSpan.Zero)));
        Assert.That(first.EndedAt, Is.EqualTo(new DateTimeOffset(2025, 3, 1, 2, 4, 0, TimeSpan.Zero)));
        Assert.That(first.Run.Metrics.Select(m => (m.Name, m.Unit, m.Better)), Is.EqualTo(new[] { ("fps", "fps", Better.Higher), ("hw_latency", "ms", Better.Lower) }));
        Assert.That(first.Cases.Select(c => c.Name), Is.EqualTo(new[] { "yolov8s", "yolov5m,batch=8" }));
        var v8 = first.Cases[0];
        Assert.That(v8.Samples.Where(s => s.Metric == "fps").Select(s => (s.Repetition, s.Value)), Is.EqualTo(new[] { (1, 812.5), (2, 815.25), (3, 811.0) }));
        Assert.That(v8.Samples.Where(s => s.Metric == "hw_latency").Select(s => s.Repetition), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(v8.ComparabilityKey, Is.Not.EqualTo(first.Cases[1].ComparabilityKey));
        Assert.That(v8.ComparabilityKey, Is.EqualTo(result.Runs[2].Cases[0].ComparabilityKey), "the same case on the same device is one series across builds");
        Assert.That(v8.ComparabilityKey, Is.Not.EqualTo(result.Runs[1].Cases[0].ComparabilityKey), "another device is another series");
    }

    [Test]
    public void Csv_cases_are_built_on_each_walk_and_not_kept_so_a_large_history_holds_only_its_rows()
    {
        var run = CsvHistoryReader.Read(Text("small-history.csv"), "small-history.csv", ImportOptions.Default).Runs[0];
        Assert.That(run.Cases.Count, Is.EqualTo(2));
        Assert.That(run.Samples, Is.EqualTo(run.Cases.Sum(c => c.Samples.Count)), "the counted samples match the built cases");
        var once = run.Cases.ToList();
        var again = run.Cases.ToList();
        Assert.That(again[0], Is.Not.SameAs(once[0]), "nothing is cached between walks");
        Assert.That(again.Select(c => (c.Name, c.ComparabilityKey, c.Samples.Count)), Is.EqualTo(once.Select(c => (c.Name, c.ComparabilityKey, c.Samples.Count))));
        Assert.That(run.Cases[1].Name, Is.EqualTo(once[1].Name));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = run.Cases[2]);
    }

    [Test]
    public void Csv_run_ids_depend_on_content_not_on_the_file_name()
    {
        var a = CsvHistoryReader.Read(Text("small-history.csv"), "a.csv", ImportOptions.Default);
        var b = CsvHistoryReader.Read(Text("small-history.csv"), "elsewhere/b.csv", ImportOptions.Default);
        var c = CsvHistoryReader.Read(Text("small-history.csv").Replace("814.75", "814.5"), "a.csv", ImportOptions.Default);
        Assert.That(b.Runs.Select(r => r.Run.Id), Is.EqualTo(a.Runs.Select(r => r.Run.Id)));
        Assert.That(c.Runs[2].Run.Id, Is.Not.EqualTo(a.Runs[2].Run.Id));
        Assert.That(c.Runs[2].IdentityPrefix, Is.EqualTo(a.Runs[2].IdentityPrefix));
        Assert.That(c.Runs[0].Run.Id, Is.EqualTo(a.Runs[0].Run.Id), "untouched builds keep their ids");
    }

    [Test]
    public void Csv_header_must_match_exactly()
    {
        var r = CsvHistoryReader.Read("timestamp,build,device,suite,case,metric,value\n", "x.csv", ImportOptions.Default);
        Assert.That(r.Problems.Single().ToString(), Does.StartWith("x.csv:1: the header must be exactly 'timestamp,build,device,suite,case,metric,unit,better,value'"));
        Assert.That(CsvHistoryReader.Read(CsvHistoryReader.Header + "\n", "x.csv", ImportOptions.Default).Problems.Single().Message, Is.EqualTo("no data rows after the header"));
    }

    [Test]
    public void Json_run_reads_device_metrics_gates_and_cases()
    {
        var r = JsonRunReader.Read(Text("run.json"), "run.json", ImportOptions.Default);
        Assert.That(r.Problems, Is.Empty);
        var run = r.Runs.Single();
        Assert.That(run.Run.Id, Does.StartWith(run.IdentityPrefix!));
        Assert.That(run.Run.Host.Name, Is.EqualTo("pi5-lab-1"));
        Assert.That(run.Run.Metrics.Single(m => m.Name == "fps").Gate, Is.EqualTo(new MetricGate(5, 100, null)));
        Assert.That(run.Cases[0].Parameters["model"], Is.EqualTo("yolov8s"));
        Assert.That(run.Cases[0].Samples.Count(s => s.Metric == "chip_temp_max" && s.Unit == "°C"), Is.EqualTo(5));
        Assert.That(JsonRunReader.Read(Text("run.json"), "run.json", new ImportOptions(Branch: "rc")).Runs.Single().Run.Branch, Is.EqualTo("rc"));
    }

    [Test]
    public void Json_syntax_errors_name_their_line()
    {
        var r = JsonRunReader.Read("{\n  \"suite\": \"x\",\n  \"build\": ,\n}", "broken.json", ImportOptions.Default);
        Assert.That(r.Problems.Single().Line, Is.EqualTo(3));
        Assert.That(r.Problems.Single().Message, Does.StartWith("not valid JSON"));
    }
}
