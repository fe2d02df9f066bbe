using NUnit.Framework;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Storage;
using PerfLab.Results;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Results;

public sealed class ResultQueryTests
{
    private static readonly DateTimeOffset Day = StoreSamples.T0;

    private TempDirectory _dir = null!;
    private SqliteResultStore _store = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = new TempDirectory();
        _store = SqliteResultStore.Open(_dir.File("results.db"));
        // Build names sort alphabetically in another order than they were first run: zeta, alpha, mid.
        Ingest("r1", "zeta", Day, "main", [Fps("K1", 10, 11) with { Samples = [S(10), S(11), S(3, "hw_latency", "ms")] }]);
        Ingest("r2", "alpha", Day.AddDays(1), "main", [Fps("K1", 12), Fps("K1", 999) with { Status = CaseStatus.Failed, Failure = FailureClass.NonZeroExit, Name = "broken" }]);
        Ingest("r3", "alpha", Day.AddDays(1).AddHours(3), "main", [Fps("K1", 13)]);
        Ingest("r4", "mid", Day.AddDays(2), "feature", [Fps("K1", 14)]);
        Ingest("r5", "late", Day.AddDays(3), "main", [Fps("K1", 500)], RunStatus.Aborted);
        // Re-running an old build later keeps it at its first place in history.
        Ingest("r6", "zeta", Day.AddDays(5), "main", [Fps("K1", 9), Fps("K2", 20)]);

        var cuda = new Device("cuda:GPU-1", "cuda", "NVIDIA H100 80GB HBM3", new Dictionary<string, string>(), new Dictionary<string, string>(), [], false);
        var hydra = StoreSamples.Run("h1", "alpha", Day.AddDays(1).AddHours(1), suite: "hydra-decode", host: "gpu-1", device: cuda,
            metrics: [new MetricSpec("tokens_per_second", "tok/s", Better.Higher, MetricGate.None)]);
        _store.IngestRun(hydra, RunStatus.Failed, Day.AddDays(1).AddHours(2),
            [StoreSamples.Case("ctx=4096", "K3", device: cuda, samples: [S(95.5, "tokens_per_second", "tok/s"), S(1, "mystery", "?")])]);
    }

    [TearDown]
    public void TearDown()
    {
        _store.Dispose();
        _dir.Dispose();
    }

    [Test]
    public void Series_pool_runs_of_a_build_order_builds_by_first_run_and_leave_out_failed_cases_and_aborted_runs()
    {
        var series = _store.Queries.LoadSeries().ToList();

        Assert.That(series.Select(s => (s.Identity.ComparabilityKey, s.Identity.Metric)),
            Is.EqualTo(new[] { ("K1", "fps"), ("K1", "hw_latency"), ("K2", "fps"), ("K3", "tokens_per_second") }),
            "ordered by key then metric; the undeclared metric 'mystery' has no direction and no series");

        var fps = series[0];
        Assert.That(fps.Unit, Is.EqualTo("fps"));
        Assert.That(fps.Better, Is.EqualTo(Better.Higher));
        Assert.That(fps.Identity, Is.EqualTo(new SeriesIdentity("HAILO8", "hailo-yolo", "model=yolov8s", "fps", "K1")));
        Assert.That(fps.Points.Select(p => p.Build), Is.EqualTo(new[] { "zeta", "alpha", "mid" }));
        Assert.That(fps.Points.Select(p => p.Timestamp), Is.EqualTo(new[] { Day, Day.AddDays(1), Day.AddDays(2) }));
        Assert.That(fps.Points[0].Samples, Is.EqualTo(new[] { 10.0, 11, 9 }));
        Assert.That(fps.Points[0].RunIds, Is.EqualTo(new[] { "r1", "r6" }));
        Assert.That(fps.Points[1].Samples, Is.EqualTo(new[] { 12.0, 13 }));
        Assert.That(fps.Points[1].RunIds, Is.EqualTo(new[] { "r2", "r3" }));
        Assert.That(series.SelectMany(s => s.Points).SelectMany(p => p.Samples), Has.No.Member(999.0).And.No.Member(500.0));

        Assert.That(series[1].Better, Is.EqualTo(Better.Lower));
        Assert.That(series[1].Unit, Is.EqualTo("ms"));
        Assert.That(series[3].Identity, Is.EqualTo(new SeriesIdentity("NVIDIA H100 80GB HBM3", "hydra-decode", "ctx=4096", "tokens_per_second", "K3")));
    }

    [Test]
    public void Series_filters_narrow_by_branch_builds_suite_metric_key_and_device()
    {
        var q = _store.Queries;

        var main = q.LoadSeries(new SeriesFilter(Branch: "main", Metric: "fps", ComparabilityKey: "K1")).Single();
        Assert.That(main.Points.Select(p => p.Build), Is.EqualTo(new[] { "zeta", "alpha" }));

        var window = q.LoadSeries(new SeriesFilter(Builds: ["alpha", "mid"], ComparabilityKey: "K1", Metric: "fps")).Single();
        Assert.That(window.Points.Select(p => p.Build), Is.EqualTo(new[] { "alpha", "mid" }));

        Assert.That(q.LoadSeries(new SeriesFilter(Suite: "hydra-decode")).Select(s => s.Identity.ComparabilityKey), Is.EqualTo(new[] { "K3" }));
        Assert.That(q.LoadSeries(new SeriesFilter(Metric: "hw_latency")).Select(s => s.Identity.ComparabilityKey), Is.EqualTo(new[] { "K1" }));
        Assert.That(q.LoadSeries(new SeriesFilter(DeviceModel: "NVIDIA H100 80GB HBM3")).Select(s => s.Identity.Metric), Is.EqualTo(new[] { "tokens_per_second" }));
        Assert.That(q.LoadSeries(new SeriesFilter(Builds: [])), Is.Empty);
    }

    [Test]
    public void A_build_window_reads_the_same_series_as_the_whole_history_cut_to_those_builds()
    {
        var q = _store.Queries;
        foreach (var builds in new[] { new[] { "alpha", "mid" }, ["zeta"], ["zeta", "alpha", "mid", "late"], ["alpha", "no-such-build"] })
        {
            var window = q.LoadSeries(new SeriesFilter(Builds: builds)).ToList();
            var cut = q.LoadSeries()
                .Select(s => s with { Points = s.Points.Where(p => builds.Contains(p.Build)).ToList() })
                .Where(s => s.Points.Count > 0).ToList();
            Assert.That(window.Select(Describe), Is.EqualTo(cut.Select(Describe)), string.Join(",", builds));
        }

        static string Describe(MetricSeries s) =>
            $"{s.Identity} {s.Unit} {s.Better}: " + string.Join(" | ", s.Points.Select(p =>
                $"{p.Build}@{p.Timestamp:O} [{string.Join(",", p.Samples)}] ({string.Join(",", p.RunIds)})"));
    }

    [Test]
    public void Case_results_of_several_runs_match_the_one_case_reads_in_run_and_record_order()
    {
        var q = _store.Queries;
        var runs = new[] { "r6", "r2", "h1" };
        var batch = q.LoadCaseResultsOfRuns(runs);

        var one = runs.SelectMany(r => q.LoadCases(r).Select(c => (Run: r, c.Id))).ToList();
        Assert.That(batch.Select(b => (b.RunId, b.CaseId)), Is.EqualTo(one));
        foreach (var (runId, caseId, result) in batch)
        {
            var single = q.LoadCaseResult(caseId)!;
            Assert.That(result.Name, Is.EqualTo(single.Name), runId);
            Assert.That(result.Samples, Is.EqualTo(single.Samples));
            Assert.That(result.Repetitions, Is.EqualTo(single.Repetitions));
            Assert.That(result.Checks, Is.EqualTo(single.Checks));
            Assert.That(result.Telemetry, Is.EqualTo(single.Telemetry));
            Assert.That(result.Artifacts.Select(a => a.Sha256), Is.EqualTo(single.Artifacts.Select(a => a.Sha256)));
            Assert.That(result.Device.Model, Is.EqualTo(single.Device.Model));
        }
        Assert.That(q.LoadCaseResultsOfRuns([]), Is.Empty);
    }

    [Test]
    public void A_reader_connection_reads_what_the_store_wrote_while_the_store_stays_usable()
    {
        using var reader = ResultReader.Open(_store);
        var fromReader = reader.Queries.LoadSeries(new SeriesFilter(Builds: ["alpha"], Metric: "fps", ComparabilityKey: "K1")).Single();
        Assert.That(fromReader.Points[0].Samples, Is.EqualTo(new[] { 12.0, 13 }));
        Ingest("r7", "next", Day.AddDays(6), "main", [Fps("K1", 15)]);
        Assert.That(reader.Queries.LoadSeries(new SeriesFilter(Builds: ["next"], Metric: "fps")).Single().Points[0].Samples, Is.EqualTo(new[] { 15.0 }));
    }

    [Test]
    public void Runs_list_newest_first_with_case_counts_and_filters()
    {
        var q = _store.Queries;

        Assert.That(q.ListRuns().Select(r => r.Id), Is.EqualTo(new[] { "r6", "r5", "r4", "r3", "h1", "r2", "r1" }), "by start; r3 +3 h, h1 +1 h, r2 +0 h on day 1");
        var r2 = q.ListRuns(new RunFilter(Build: "alpha", Suite: "hailo-yolo")).Last();
        Assert.That((r2.Id, r2.CasesPassed, r2.CasesFailed), Is.EqualTo(("r2", 1, 1)));
        Assert.That(r2.Host, Is.EqualTo("pi5-lab-1"));
        Assert.That((r2.DeviceId, r2.DeviceModel, r2.Emulated), Is.EqualTo(("hailo:0001:01:00.0", "HAILO8", false)));
        Assert.That(r2.Scope, Is.EqualTo(EvidenceScope.SiliconMeasurement));
        Assert.That(r2.Tags, Is.EquivalentTo(new Dictionary<string, string> { ["ci"] = "nightly" }));
        Assert.That(r2.StartedAt, Is.EqualTo(Day.AddDays(1)));

        Assert.That(q.ListRuns(new RunFilter(Branch: "feature")).Select(r => r.Id), Is.EqualTo(new[] { "r4" }));
        Assert.That(q.ListRuns(new RunFilter(Limit: 2)).Select(r => r.Id), Is.EqualTo(new[] { "r6", "r5" }));
        Assert.That(q.ListRuns(new RunFilter(Host: "gpu-1")).Select(r => r.Id), Is.EqualTo(new[] { "h1" }));
        Assert.That(q.ListRuns(new RunFilter(Suite: "nothing")), Is.Empty);
        Assert.That(q.FindRun("r5")!.Status, Is.EqualTo(RunStatus.Aborted));
    }

    [Test]
    public void Of_two_latest_runs_started_at_the_same_instant_the_greater_id_wins()
    {
        Ingest("r8", "tie", Day.AddDays(9), "main", [Fps("K1", 1)]);
        Ingest("r9", "tie", Day.AddDays(9), "main", [Fps("K1", 2)]);
        Ingest("r7", "tie", Day.AddDays(9), "main", [Fps("K1", 3)]);

        Assert.That(_store.Queries.LatestRuns("hailo-yolo").Select(r => r.Id), Is.EqualTo(new[] { "r9" }));
    }

    [Test]
    public void Metric_definitions_of_many_runs_come_back_per_run_with_equal_definitions_shared()
    {
        var specs = _store.Queries.RunMetricsOf(["r1", "r2", "h1", "no-such-run"]);

        Assert.That(specs["r1"], Is.EqualTo(_store.Queries.RunMetrics("r1")));
        Assert.That(specs["h1"].Select(m => m.Name), Is.EqualTo(new[] { "tokens_per_second" }));
        Assert.That(specs["no-such-run"], Is.Empty);
        Assert.That(specs["r1"][0], Is.SameAs(specs["r2"][0]), "the same definition is one instance");
    }

    [Test]
    public void Latest_finished_run_per_suite_and_device_and_its_cases()
    {
        var q = _store.Queries;

        Assert.That(q.LatestRuns().Select(r => r.Id), Is.EqualTo(new[] { "r6", "h1" }));
        Assert.That(q.LatestRuns("hydra-decode").Select(r => r.Id), Is.EqualTo(new[] { "h1" }));

        var cases = q.LoadLatestCases("hailo-yolo");
        Assert.That(cases.Select(c => (c.RunId, c.ComparabilityKey)), Is.EqualTo(new[] { ("r6", "K1"), ("r6", "K2") }));
        Assert.That(cases[0].Samples.Select(s => s.Value), Is.EqualTo(new[] { 9.0 }));
    }

    [Test]
    public void Cases_of_a_run_come_in_recorded_order_with_their_samples()
    {
        var cases = _store.Queries.LoadCases("r2");

        Assert.That(cases.Select(c => (c.Name, c.Status)), Is.EqualTo(new[] { ("model=yolov8s", CaseStatus.Passed), ("broken", CaseStatus.Failed) }));
        Assert.That(cases[1].Samples.Single().Value, Is.EqualTo(999));
        Assert.That(cases[1].Failure, Is.EqualTo("nonzero-exit"));
        Assert.That(cases[0].Parameters["model"], Is.EqualTo("yolov8s"));
        Assert.That(cases[0].KeyParts["device.model"], Is.EqualTo("HAILO8"));
        Assert.That(_store.Queries.LoadCases("missing"), Is.Empty);
    }

    private void Ingest(string id, string build, DateTimeOffset at, string branch, IReadOnlyList<CaseResult> cases, RunStatus status = RunStatus.Passed) =>
        _store.IngestRun(StoreSamples.Run(id, build, at, branch: branch), status, at.AddHours(1), cases);

    private static CaseResult Fps(string key, params double[] values) =>
        StoreSamples.Case(key: key, samples: values.Select(v => S(v)).ToList());

    private static RecordedSample S(double v, string metric = "fps", string unit = "fps") => StoreSamples.Sample(v, metric, unit);
}
