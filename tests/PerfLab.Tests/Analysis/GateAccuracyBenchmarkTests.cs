using NUnit.Framework;
using PerfLab.Benchmarks.Gate;
using PerfLab.Harness.Analysis;
using PerfLab.Harness.Gating;
using PerfLab.Results;
using PerfLab.Results.Import;
using PerfLab.Tests.Gating;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Analysis;

/// <summary>The gate accuracy benchmark (the benchmarks' <c>gate</c> verb): its simulated nights are reproducible and are what the store
/// would give the gate, small cells come out as the rules promise, and its options are checked. Nothing here is timed.</summary>
public sealed class GateAccuracyBenchmarkTests
{
    private const int Seed = 1234;

    private static string Fingerprint(GateAccuracyCell c) =>
        string.Join(";", c.UnchangedExits.OrderBy(e => e.Key).Select(e => $"{e.Key}={e.Value}")) + "|" +
        string.Join(";", c.UnchangedVerdicts.OrderBy(e => e.Key).Select(e => $"{e.Key}={e.Value}")) + "|" +
        string.Join(";", c.Drops.Select(d => $"{d.DropPercent}:{d.Detected}:{d.OtherRegressions}:" +
            string.Join(",", d.DroppedVerdicts.OrderBy(e => e.Key).Select(e => $"{e.Key}={e.Value}"))));

    [Test]
    public void The_same_seed_gives_the_same_nights_and_figures_and_another_seed_other_nights()
    {
        var shape = new GateFarmShape(3, 2);
        var a = SimulatedFarm.Generate(shape, 21, 3, 2, Seed);
        var b = SimulatedFarm.Generate(shape, 21, 3, 2, Seed);
        var c = SimulatedFarm.Generate(shape, 21, 3, 2, Seed + 1);
        string Csv(SimulatedFarm f) { var w = new StringWriter(); f.WriteCsv(w); return w.ToString(); }
        Assert.That(Csv(a), Is.EqualTo(Csv(b)));
        Assert.That(Csv(a), Is.Not.EqualTo(Csv(c)));

        // σ 2 % with 3 repetitions and a 3 % drop sits at the edge, so the verdicts vary from night to night: a fingerprint that
        // depends on every night's draw.
        var first = GateAccuracyBenchmark.RunCell(Seed, shape, 3, 2, [3, 5], 12);
        var again = GateAccuracyBenchmark.RunCell(Seed, shape, 3, 2, [3, 5], 12);
        Assert.That(Fingerprint(again), Is.EqualTo(Fingerprint(first)));
        Assert.That(first.Draws, Is.EqualTo(12));
        Assert.That(first.Drops.Select(d => d.DroppedVerdicts.Values.Sum()), Is.All.EqualTo(12));
        Assert.That(first.UnchangedVerdicts.Values.Sum(), Is.EqualTo(12 * shape.Series));
    }

    [Test]
    public void A_night_judged_in_memory_gets_the_verdicts_of_the_same_night_ingested_into_a_store()
    {
        using var dir = new TempDirectory();
        var farm = SimulatedFarm.Generate(GateFarmShape.OfSeries(12), 21, 5, 1, Seed).WithDrop(6);
        var csv = dir.File("farm.csv");
        using (var w = new StreamWriter(csv)) farm.WriteCsv(w);
        using var store = SqliteResultStore.Open(dir.File("farm.db"));
        var outcome = HistoryIngester.Ingest(store, CsvHistoryReader.Read(File.ReadAllText(csv), csv, ImportOptions.Default), csv);
        Assert.That(outcome.Problems, Is.Empty);

        var request = new GateRequest(farm.Candidate, BaselineSpec.Default);
        var fromStore = GateEvaluator.Evaluate(StoreGateHistory.Load(store, request), request);
        var inMemory = GateEvaluator.Evaluate(farm.ToGateHistory(request), request);
        static string Row(GateItem i) => $"{i.Device} {i.Metric} {i.Unit} {i.Better} {i.Verdict} {i.Result.Test} {i.Result.Shift:R} {i.Result.PWorse:R} " +
                                         $"{i.Result.Threshold.EffectivePercent:R} {string.Join(",", i.BaselineBuilds)} | {i.Result.Reason}";
        Assert.That(inMemory.Items.Select(Row), Is.EqualTo(fromStore.Items.Select(Row)));
        Assert.That(inMemory.Outcome, Is.EqualTo(fromStore.Outcome));
        Assert.That(inMemory.Items, Has.Count.EqualTo(12));
        Assert.That(inMemory.Items.Single(i => i.Device == SimulatedFarm.DeviceName(0) && i.Metric == "fps").Verdict, Is.EqualTo(Verdict.Regression));
    }

    [Test]
    public void A_ten_percent_drop_at_low_noise_is_detected_every_night_and_an_unchanged_small_farm_passes()
    {
        var cell = GateAccuracyBenchmark.RunCell(Seed, new GateFarmShape(3, 1), 5, 0.5, [10], 6);
        Assert.That(cell.Drop(10)!.Detected, Is.EqualTo(6));
        Assert.That(cell.Drop(10)!.OtherRegressions, Is.Zero);
        Assert.That(cell.Exits(0), Is.EqualTo(6));
        Assert.That(cell.FalseActions, Is.Zero);
        Assert.That(cell.Unchanged(Verdict.Regression), Is.Zero);
    }

    [Test]
    public void Three_against_three_samples_without_longer_history_never_pass_nor_read_as_no_change()
    {
        var cell = GateAccuracyBenchmark.RunCell(Seed, new GateFarmShape(1, 1), 3, 1, [10], 6, historyBuilds: 1);
        Assert.That(cell.Exits(3), Is.EqualTo(6));
        Assert.That(cell.Unchanged(Verdict.NoChange), Is.Zero);
        Assert.That(cell.Drop(10)!.DroppedVerdicts.Keys, Is.EqualTo(new[] { Verdict.Inconclusive }));
    }

    [Test]
    public void The_speed_database_is_written_through_ingest_and_its_candidate_is_judged_on_every_series()
    {
        using var dir = new TempDirectory();
        var db = dir.File("speed.db");
        var log = new StringWriter();
        var candidate = GateSpeedDatabase.Create(db, Seed, log, devices: 3, nights: 12);
        Assert.That(candidate, Is.EqualTo(SimulatedFarm.BuildName(12)));
        using var store = SqliteResultStore.Open(db);
        var request = new GateRequest(candidate, BaselineSpec.Default);
        var report = GateEvaluator.Evaluate(StoreGateHistory.Load(store, request), request);
        Assert.That(report.Items, Has.Count.EqualTo(12));
        Assert.That(report.Items.Select(i => i.BaselineBuilds.Count), Is.All.EqualTo(5));
        Assert.Throws<IOException>(() => GateSpeedDatabase.Create(db, Seed, log, devices: 3, nights: 12));
    }

    [TestCase("--draws", "0")]
    [TestCase("--draws", "-3")]
    public void Bad_draws_are_a_usage_error(string option, string value)
    {
        using var dir = new TempDirectory();
        var r = PerfLabProcess.RunBenchmarks(dir.Path, "gate", "--quick", option, value);
        Assert.That(r.ExitCode, Is.EqualTo(2), r.ToString());
        Assert.That(r.Stderr, Does.Contain("--draws must be at least 1"), r.ToString());
    }

    [Test]
    public void The_command_prints_its_command_line_and_writes_the_tables()
    {
        using var dir = new TempDirectory();
        var r = PerfLabProcess.RunBenchmarks(dir.Path, "gate", "--quick", "--draws", "2", "--seed", "7", "--out", "acc.md");
        Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
        Assert.That(r.Stdout, Does.StartWith("dotnet run -c Release --project tests/PerfLab.Benchmarks -- gate --seed 7 --draws 2 --quick --out acc.md"));
        var md = File.ReadAllText(dir.File("acc.md"));
        Assert.That(md, Does.Contain("`dotnet run -c Release --project tests/PerfLab.Benchmarks -- gate --seed 7 --draws 2 --quick --out acc.md` (seed 7)"));
        Assert.That(md, Does.Contain("| 5 | 1.0 % |"));
        Assert.That(md, Does.Contain("**Acceptance points (issue 19)**"));

        var existing = PerfLabProcess.RunBenchmarks(dir.Path, "gate", "--make-speed-db", "acc.md");
        Assert.That(existing.ExitCode, Is.EqualTo(2), existing.ToString());
        Assert.That(existing.Stderr, Does.Contain("already exists"));
    }
}
