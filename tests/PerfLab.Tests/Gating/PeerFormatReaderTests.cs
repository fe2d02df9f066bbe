using System.Text.Json;
using NUnit.Framework;
using PerfLab.Harness.Domain;
using PerfLab.Results.Import;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Gating;

/// <summary>The pure peer-format readers on real files (tests/fixtures/peer-formats, sources in its README).</summary>
[TestFixture]
public sealed class PeerFormatReaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static string Text(string name) => File.ReadAllText(RepoPaths.Fixture("peer-formats", name));

    private static PeerImportOptions Given(string? build = "b1", string? device = "dev", string? suite = "s", Better? better = null) =>
        new(build, device, suite, better, Now);

    private static ImportResult Ok(ImportResult r)
    {
        Assert.That(r.Problems.Select(p => p.ToString()), Is.Empty);
        return r;
    }

    private static IEnumerable<double> Values(CaseResult c, string metric) => c.Samples.Where(s => s.Metric == metric).Select(s => s.Value);

    [Test]
    public void Bmf_benchmarks_are_cases_measures_metrics_and_bounds_case_facts()
    {
        var r = Ok(BmfReader.Read(Text("report_latency.json"), "report_latency.json", ImportOptions.Default, Given()));
        var run = r.Runs.Single();
        Assert.That(run.Run.Build, Is.EqualTo("b1"));
        Assert.That(run.Run.Device.Id, Is.EqualTo("dev"));
        Assert.That(run.Run.Metrics.Select(m => (m.Name, m.Unit, m.Better)), Is.EqualTo(new[] { ("latency", "ns", Better.Lower) }));
        // Bencher's own adapter test expects 3247, 3443, 3361
        Assert.That(run.Cases.Select(c => (c.Name, Values(c, "latency").Single())),
            Is.EqualTo(new[] { ("tests::benchmark_a", 3247.0), ("tests::benchmark_b", 3443.0), ("tests::benchmark_c", 3361.0) }));
        var a = run.Cases[0];
        Assert.That(a.Facts[PeerRunAssembler.LowerFact("latency")], Is.EqualTo("1044"));
        Assert.That(a.Facts[PeerRunAssembler.UpperFact("latency")], Is.EqualTo("1044"), "kept as given, though Bencher's upper is below the value");
        Assert.That(a.KeyParts["case"], Is.EqualTo("tests::benchmark_a"));
        Assert.That(run.Run.Environment["ingest.format"], Is.EqualTo("bmf"));
    }

    [Test]
    public void Bmf_documented_example_knows_bencher_builtin_measures()
    {
        var run = Ok(BmfReader.Read(Text("bmf-example.json"), "bmf-example.json", ImportOptions.Default, Given())).Runs.Single();
        Assert.That(run.Run.Metrics.Select(m => (m.Name, m.Unit, m.Better)), Is.EqualTo(new[]
        {
            ("build-time", "s", Better.Lower), ("file-size", "B", Better.Lower), ("latency", "ns", Better.Lower), ("throughput", "ops/s", Better.Higher),
        }));
        var bench = run.Cases.Single(c => c.Name == "benchmark_name");
        Assert.That(Values(bench, "throughput"), Is.EqualTo(new[] { 5.55 }));
        Assert.That(bench.Facts[PeerRunAssembler.LowerFact("throughput")], Is.EqualTo("3.14"));
        Assert.That(bench.Facts[PeerRunAssembler.UpperFact("latency")], Is.EqualTo("88.88"));
        Assert.That(run.Cases.Single(c => c.Name == "my_binary").Facts, Is.Empty, "no bounds given, none stored");
    }

    [Test]
    public void Bmf_names_no_build_device_or_suite_and_custom_measures_need_a_direction()
    {
        var none = BmfReader.Read(Text("report_latency.json"), "x.json", ImportOptions.Default, Given(null, null, null));
        Assert.That(none.Problems.Select(p => p.ToString()), Is.EquivalentTo(new[]
        {
            "x.json:1: a BMF file names no device; give --device NAME",
            "x.json:1: a BMF file names no suite; give --suite NAME",
            "x.json:1: a BMF file names no build; give --build ID (the git sha or version under test)",
        }));

        var dhat = BmfReader.Read(Text("report_dhat.json"), "report_dhat.json", ImportOptions.Default, Given());
        Assert.That(dhat.Runs, Is.Empty);
        Assert.That(dhat.Problems.Select(p => p.Line), Is.EqualTo(new[] { 3, 6, 9, 12, 15, 18 }));
        Assert.That(dhat.Problems[0].Message, Does.Contain("metric 'Final Blocks'").And.Contain("--better"));

        var lower = Ok(BmfReader.Read(Text("report_dhat.json"), "report_dhat.json", ImportOptions.Default, Given(better: Better.Lower)));
        Assert.That(lower.Runs.Single().Run.Metrics.Select(m => (m.Name, m.Unit, m.Better)), Has.Member(("Max Bytes", "", Better.Lower)));
        Assert.That(Values(lower.Runs.Single().Cases.Single(), "Total Bytes"), Is.EqualTo(new[] { 662.0 }));
    }

    [Test]
    public void Bmf_bad_input_is_reported_by_line()
    {
        const string text = """
            {
              "a": { "latency": { "value": "fast" } },
              "b": { "latency": { "lower_value": 1 } },
              "c": { "latency": { "value": 1, "lower": 0.5 } },
              "d": { "latency": { "value": 1 }, "latency": { "value": 2 } },
              "e": 7
            }
            """;
        var r = BmfReader.Read(text, "bad.json", ImportOptions.Default, Given());
        Assert.That(r.Runs, Is.Empty);
        Assert.That(r.Problems.Select(p => p.ToString()), Is.EquivalentTo(new[]
        {
            "bad.json:2: $.a.latency.value: must be a finite number, found 'fast'",
            "bad.json:3: $.b.latency: 'value' is required",
            "bad.json:4: $.c.latency.lower: unknown field 'lower' (known: value, lower_value, upper_value)",
            "bad.json:5: key 'latency' appears twice in one object (first on line 5)",
            "bad.json:6: $.e: must be an object",
        }));
        Assert.That(BmfReader.Read("{ \"a\": ", "cut.json", ImportOptions.Default, Given()).Problems.Single().ToString(), Does.StartWith("cut.json:1: not valid JSON"));
    }

    [Test]
    public void Custom_json_unit_names_the_metric_the_variant_the_direction_and_ranges_become_bounds()
    {
        var bigger = Ok(GabCustomReader.Read(Text("customBiggerIsBetter_output.json"), "b.json", Better.Higher, ImportOptions.Default, Given())).Runs.Single();
        Assert.That(bigger.Run.Metrics.Select(m => (m.Name, m.Unit, m.Better)), Is.EqualTo(new[] { ("Megabytes", "Megabytes", Better.Higher), ("req/s", "req/s", Better.Higher) }));
        var memory = bigger.Cases.Single(c => c.Name == "My Custom Bigger Is Better Benchmark - Free Memory");
        Assert.That(Values(memory, "Megabytes"), Is.EqualTo(new[] { 150.0 }));
        Assert.That((memory.Facts[PeerRunAssembler.LowerFact("Megabytes")], memory.Facts[PeerRunAssembler.UpperFact("Megabytes")]), Is.EqualTo(("147", "153")));

        var smaller = Ok(GabCustomReader.Read(Text("customSmallerIsBetter_output.json"), "s.json", Better.Lower, ImportOptions.Default, Given())).Runs.Single();
        var cpu = smaller.Cases.Single(c => c.Name.EndsWith("CPU Load", StringComparison.Ordinal));
        Assert.That(smaller.Run.Metrics.Select(m => m.Better), Is.All.EqualTo(Better.Lower));
        Assert.That((cpu.Facts[PeerRunAssembler.LowerFact("Percent")], cpu.Facts[PeerRunAssembler.UpperFact("Percent")]), Is.EqualTo(("47.5", "52.5")), "'5%' of 50");

        var numeric = Ok(GabCustomReader.Read(Text("customSmallerIsBetter_output2.json"), "s2.json", Better.Lower, ImportOptions.Default, Given())).Runs.Single();
        var probe = numeric.Cases.Single(c => c.Name == "Deactivated probe");
        Assert.That(Values(probe, "ns"), Is.EqualTo(new[] { 445.661 }));
        Assert.That(double.Parse(probe.Facts[PeerRunAssembler.UpperFact("ns")], System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(445.661 + 8.21371).Within(1e-9));
    }

    [Test]
    public void Range_text_reads_the_forms_tools_write_and_keeps_the_rest_as_text()
    {
        Assert.That(RangeText.Bounds(254, "+/- 35"), Is.EqualTo(new ReportedBounds(219, 289)));
        Assert.That(RangeText.Bounds(34001, "+/- 2,802"), Is.EqualTo(new ReportedBounds(31199, 36803)));
        Assert.That(RangeText.Bounds(10, "± 1.5"), Is.EqualTo(new ReportedBounds(8.5, 11.5)));
        Assert.That(RangeText.Bounds(48347.1, "stddev: 0.0000204"), Is.EqualTo(new ReportedBounds(null, null, "stddev: 0.0000204")));
    }

    [Test]
    public void Data_js_history_is_one_run_per_commit_with_units_per_benchmark()
    {
        var r = Ok(GabHistoryReader.Read(Text("mountpoint-s3-latency_bench-data.js"), "data.js", ImportOptions.Default, Given(build: null, suite: null)));
        Assert.That(r.Runs, Has.Count.EqualTo(30));
        var first = r.Runs[0];
        Assert.That(first.Run.Suite, Is.EqualTo("Latency Benchmark (S3 Standard)"));
        Assert.That(first.Run.Build, Is.EqualTo("0c9c094c50e1b655dbcec43f0678cb0557d8f624"));
        Assert.That(first.Run.StartedAt, Is.EqualTo(DateTimeOffset.FromUnixTimeMilliseconds(1744877614452)));
        Assert.That(first.Run.Metrics.Select(m => (m.Name, m.Unit, m.Better)), Is.EqualTo(new[] { ("milliseconds", "milliseconds", Better.Lower), ("seconds", "seconds", Better.Lower) }));
        Assert.That(first.Cases, Has.Count.EqualTo(8));
        Assert.That(Values(first.Cases.Single(c => c.Name == "readdir_100"), "seconds"), Is.EqualTo(new[] { 0.058 }));
        Assert.That(Values(first.Cases.Single(c => c.Name == "time_to_write_one_byte_file"), "milliseconds"), Is.EqualTo(new[] { 27.525708 }));
        var keys = r.Runs.Select(x => x.Cases.Single(c => c.Name == "time_to_write_one_byte_file").ComparabilityKey).Distinct();
        Assert.That(keys.Count(), Is.EqualTo(1), "one benchmark is one series across the 30 commits");
        Assert.That(r.Runs[^1].Run.Build, Is.EqualTo("1420c5a65b778e6e00d1f4d3bdd01172d0dd622a"));
        Assert.That(r.Runs[^1].Line, Is.GreaterThan(r.Runs[0].Line));
    }

    [Test]
    public void Custom_json_after_a_data_js_history_continues_its_series()
    {
        var history = Ok(GabHistoryReader.Read(Text("mountpoint-s3-latency_bench-data.js"), "data.js", ImportOptions.Default, Given(build: null, suite: null)));
        const string next = """[ { "name": "time_to_write_one_byte_file", "unit": "milliseconds", "value": 25.1 } ]""";
        var custom = Ok(GabCustomReader.Read(next, "output.json", Better.Lower, ImportOptions.Default, Given(build: "next", suite: "Latency Benchmark (S3 Standard)")));
        Assert.That(custom.Runs.Single().Cases.Single().ComparabilityKey,
            Is.EqualTo(history.Runs[^1].Cases.Single(c => c.Name == "time_to_write_one_byte_file").ComparabilityKey));
    }

    [Test]
    public void Data_js_refuses_build_and_suite_options_and_pools_a_rerun_commit()
    {
        var text = Text("mountpoint-s3-latency_bench-data.js");
        var given = GabHistoryReader.Read(text, "data.js", ImportOptions.Default, Given(build: "x", suite: "y"));
        Assert.That(given.Problems.Select(p => p.Message), Has.Some.Contains("--build does not apply").And.Some.Contains("--suite does not apply"));

        // gh-pages keeps an entry per workflow run: the same commit twice is one build with two samples
        using var doc = JsonDocument.Parse(text[text.IndexOf('{')..]);
        var entries = doc.RootElement.GetProperty("entries").GetProperty("Latency Benchmark (S3 Standard)");
        var twice = $"{{\"entries\":{{\"L\":[{entries[0].GetRawText()},{entries[0].GetRawText().Replace("27.525708", "28.0")}]}}}}";
        var run = Ok(GabHistoryReader.Read(twice, "twice.json", ImportOptions.Default, Given(build: null, suite: null))).Runs.Single();
        Assert.That(Values(run.Cases.Single(c => c.Name == "time_to_write_one_byte_file"), "milliseconds"), Is.EqualTo(new[] { 27.525708, 28.0 }));
    }

    [Test]
    public void Data_js_bad_input_is_reported_by_line()
    {
        const string text = """
            window.BENCHMARK_DATA = {
              "entries": {
                "S": [
                  { "commit": { "id": "abc" }, "date": 1, "tool": "mytool",
                    "benches": [ { "name": "x", "value": 1, "unit": "ms" } ] },
                  { "commit": {}, "date": "yesterday", "tool": "go",
                    "benches": [ { "name": "x", "value": null, "unit": "ms" } ] }
                ]
              }
            }
            """;
        var r = GabHistoryReader.Read(text, "data.js", ImportOptions.Default, Given(build: null, suite: null));
        Assert.That(r.Problems.Select(p => p.ToString()), Is.EquivalentTo(new[]
        {
            "data.js:5: metric 'ms' (of 'x' here) has no known good direction; give --better higher or --better lower",
            "data.js:6: $.entries.S[1].commit: 'id' is required",
            "data.js:6: $.entries.S[1].date: must be a finite number, found 'yesterday'",
            "data.js:7: $.entries.S[1].benches[0]: 'value' is required",
        }));
    }

    [Test]
    public void BenchmarkDotNet_raw_measurements_are_the_samples()
    {
        var text = Text("benchmarkdotnet.json");
        var run = Ok(BenchmarkDotNetReader.Read(text, "bdn.json", ImportOptions.Default, Given(suite: null, device: null))).Runs.Single();
        Assert.That(run.Run.Suite, Is.EqualTo("Sample.Benchmarks"));
        Assert.That(run.Run.Device.Model, Is.EqualTo("Intel Core i7-7820HQ CPU 2.90GHz (Kaby Lake)"));
        Assert.That(run.Run.StartedAt, Is.EqualTo(new DateTimeOffset(2020, 5, 29, 16, 44, 31, TimeSpan.Zero)));
        using var doc = JsonDocument.Parse(text);
        var benchmarks = doc.RootElement.GetProperty("Benchmarks");
        Assert.That(run.Cases.Select(c => c.Name), Is.EqualTo(new[] { "Sample.Benchmarks.Fib10", "Sample.Benchmarks.Fib20" }));
        for (var i = 0; i < 2; i++)
        {
            var original = benchmarks[i].GetProperty("Statistics").GetProperty("OriginalValues").EnumerateArray().Select(v => v.GetDouble());
            Assert.That(Values(run.Cases[i], "time"), Is.EqualTo(original));
        }
        Assert.That(run.Cases.Select(c => Values(c, "time").Count()), Is.EqualTo(new[] { 14, 13 }));
        Assert.That(run.Cases[0].Parameters["job"], Is.EqualTo("DefaultJob"));
        Assert.That(run.Run.Metrics.Single(), Is.EqualTo(new MetricSpec("time", "ns", Better.Lower, MetricGate.None)));
    }

    [Test]
    public void Pytest_benchmark_round_times_are_the_samples_and_a_file_missing_rounds_is_refused()
    {
        var run = Ok(PytestBenchmarkReader.Read(Text("pytest-fib.json"), "p.json", ImportOptions.Default, new PeerImportOptions(Now: Now))).Runs.Single();
        Assert.That((run.Run.Build, run.Run.Branch, run.Run.Suite, run.Run.Device.Model, run.Run.Host.Name),
            Is.EqualTo(("129dcd87ced9ec36e6fb32bc32e70ae401fad321", "main", "gen", "AMD EPYC", "vm")));
        Assert.That(run.Cases.Select(c => (c.Name, Values(c, "time").Count())), Is.EqualTo(new[] { ("bench_fib.py::test_fib_10", 21), ("bench_fib.py::test_fib_15", 5) }));
        Assert.That(run.Run.Metrics.Single(), Is.EqualTo(new MetricSpec("time", "s", Better.Lower, MetricGate.None)));

        // the published file keeps 4 of 38,523 rounds and a placeholder string: a summary is not samples
        var cut = PytestBenchmarkReader.Read(Text("pytest_output.json"), "pytest_output.json", ImportOptions.Default, new PeerImportOptions(Now: Now));
        Assert.That(cut.Runs, Is.Empty);
        Assert.That(cut.Problems.Select(p => p.Line), Is.EqualTo(new[] { 68, 110 }));
        Assert.That(cut.Problems[0].Message, Does.StartWith("$.benchmarks[0].stats.data[4]: '... omitted to keep this file small' stands where a round's time should be"));
    }

    [Test]
    public void Google_benchmark_repetitions_are_the_samples_and_aggregates_are_left_out()
    {
        var run = Ok(GoogleBenchmarkReader.Read(Text("gbench-fib-repetitions.json"), "g.json", ImportOptions.Default, Given(suite: null, device: null))).Runs.Single();
        Assert.That((run.Run.Suite, run.Run.Device.Model), Is.EqualTo(("fib_bench", "vm")));
        Assert.That(run.Cases.Select(c => c.Name), Is.EqualTo(new[] { "BM_Fib/10", "BM_Fib/15" }));
        Assert.That(run.Cases.Select(c => Values(c, "real_time").Count()), Is.All.EqualTo(3), "three repetitions, not the mean/median/stddev/cv aggregates");
        Assert.That(Values(run.Cases[0], "real_time").First(), Is.EqualTo(54.709691414931655));
        Assert.That(run.Run.Metrics.Select(m => (m.Name, m.Unit, m.Better)),
            Is.EqualTo(new[] { ("cpu_time", "ns", Better.Lower), ("items_per_second", "items/s", Better.Higher), ("real_time", "ns", Better.Lower) }));

        var published = Ok(GoogleBenchmarkReader.Read(Text("googlecpp_output.json"), "gc.json", ImportOptions.Default, Given(suite: null, device: null))).Runs.Single();
        Assert.That((published.Run.Suite, published.Run.Device.Model, published.Run.StartedAt),
            Is.EqualTo(("a.out", "Corgi.local", new DateTimeOffset(2019, 11, 29, 21, 26, 59, TimeSpan.Zero))));
        Assert.That(Values(published.Cases.Single(c => c.Name == "fib_20"), "cpu_time"), Is.EqualTo(new[] { 2.7364903204272359e+04 }));
    }

    [Test]
    public void Go_bench_units_are_metrics_and_counted_runs_are_repetitions()
    {
        var run = Ok(GoBenchReader.Read(Text("go-fib-count3.txt"), "go.txt", ImportOptions.Default, Given(device: null, suite: null))).Runs.Single();
        Assert.That((run.Run.Suite, run.Run.Device.Model), Is.EqualTo(("example.com/fib", "Oxide Virtual Turin-like Processor")));
        Assert.That(Values(run.Cases.Single(c => c.Name == "BenchmarkFib10-2"), "ns/op"), Is.EqualTo(new[] { 326.8, 235.2, 225.2 }));
        Assert.That(Values(run.Cases.Single(c => c.Name == "BenchmarkAppend-2"), "allocs/op"), Is.EqualTo(new[] { 7.0, 7.0, 7.0 }));
        Assert.That(run.Run.Metrics.Select(m => m.Name), Is.EqualTo(new[] { "B/op", "allocs/op", "ns/op" }));

        var published = GoBenchReader.Read(Text("go_output.txt"), "go_output.txt", ImportOptions.Default, Given(suite: null));
        Assert.That(published.Problems.Single().ToString(), Does.StartWith("go_output.txt:9: metric 'auxMetricUnits' (of 'BenchmarkFib11-16' here) has no known good direction"));
        var withDirection = Ok(GoBenchReader.Read(Text("go_output.txt"), "go_output.txt", ImportOptions.Default, Given(suite: null, better: Better.Lower))).Runs.Single();
        Assert.That(withDirection.Run.Suite, Does.EndWith("examples/go"), "no pkg: line, so the closing 'ok <pkg>' names the suite");
        Assert.That(withDirection.Cases.Select(c => c.Name), Has.Member("BenchmarkFib/my/tabled/benchmark_-_20,var1=13,var2=14"));
        Assert.That(Values(withDirection.Cases.Single(c => c.Name == "BenchmarkFib22-16"), "auxMetricUnits"), Is.EqualTo(new[] { 4.0 }));
    }

    [Test]
    public void Go_bench_bad_lines_are_reported_by_line()
    {
        const string text = "pkg: x\nBenchmarkA-8\t100\t12 ns/op\nBenchmarkB-8\tmany\t12 ns/op\nBenchmarkC-8\t100\t1x2 ns/op\nBenchmarkD-8\t100\t12\nok\tx\t1s\n";
        var r = GoBenchReader.Read(text, "go.txt", ImportOptions.Default, Given(suite: null));
        Assert.That(r.Problems.Select(p => p.ToString()), Is.EqualTo(new[]
        {
            "go.txt:3: 'BenchmarkB-8': iteration count 'many' is not a whole number",
            "go.txt:4: 'BenchmarkC-8': value '1x2' of ns/op is not a finite number",
            "go.txt:5: 'BenchmarkD-8': expected value-unit pairs after the iteration count, found '12'",
        }));
    }

    [Test]
    public void Run_ids_come_from_content_not_from_the_ingest_clock()
    {
        var text = Text("report_latency.json");
        var a = BmfReader.Read(text, "a.json", ImportOptions.Default, Given());
        var later = BmfReader.Read(text, "elsewhere/b.json", ImportOptions.Default, Given() with { Now = Now.AddDays(3) });
        var changed = BmfReader.Read(text.Replace("3247.0", "3248.0"), "a.json", ImportOptions.Default, Given());
        Assert.That(later.Runs.Single().Run.Id, Is.EqualTo(a.Runs.Single().Run.Id));
        Assert.That(later.Runs.Single().Run.StartedAt, Is.EqualTo(Now.AddDays(3)), "a file without times takes the ingest's time");
        Assert.That(changed.Runs.Single().Run.Id, Is.Not.EqualTo(a.Runs.Single().Run.Id));
        Assert.That(changed.Runs.Single().IdentityPrefix, Is.EqualTo(a.Runs.Single().IdentityPrefix));
    }
}
