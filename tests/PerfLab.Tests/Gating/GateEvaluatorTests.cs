using NUnit.Framework;
using PerfLab.Cli;
using PerfLab.Cli.Gating;
using PerfLab.Harness.Gating;
using PerfLab.Harness.Analysis;
using PerfLab.Results;
using PerfLab.Results.Import;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Gating;

/// <summary>Baseline selectors of the gate, in process over a store filled by the importer.</summary>
[TestFixture]
public sealed class GateEvaluatorTests
{
    private static SqliteResultStore Store(TempDirectory dir, HistoryCsv history, ImportOptions? options = null)
    {
        var store = SqliteResultStore.Open(dir.File("h.db"));
        var outcome = HistoryIngester.Ingest(store, CsvHistoryReader.Read(history.Text(), "h.csv", options ?? ImportOptions.Default), "h.csv");
        Assert.That(outcome.Problems, Is.Empty);
        return store;
    }

    private static GateReport Gate(SqliteResultStore store, GateRequest request) =>
        GateEvaluator.Evaluate(StoreGateHistory.Load(store, request), request);

    [Test]
    public void Default_baseline_is_the_last_five_main_builds_before_the_candidate()
    {
        using var dir = new TempDirectory();
        using var store = Store(dir, new HistoryCsv(["d1"], 12, 5, 1));
        var report = Gate(store, new GateRequest("b10", BaselineSpec.Default));
        Assert.That(report.Items, Has.Count.EqualTo(2));
        Assert.That(report.Items[0].BaselineBuilds, Is.EqualTo(new[] { "b05", "b06", "b07", "b08", "b09" }));
        var three = Gate(store, new GateRequest("b10", BaselineSpec.Default, BaselineBuilds: 3));
        Assert.That(three.Items[0].BaselineBuilds, Is.EqualTo(new[] { "b07", "b08", "b09" }));
    }

    [Test]
    public void Build_and_tag_selectors_pick_those_builds_wherever_they_sit()
    {
        using var dir = new TempDirectory();
        using var store = Store(dir, new HistoryCsv(["d1"], 12, 5, 1));
        var build = Gate(store, new GateRequest("b10", BaselineSpec.Parse("build:b02")));
        Assert.That(build.Items.Select(i => i.BaselineBuilds), Is.All.EqualTo(new[] { "b02" }));
        Assert.That(build.Items[0].Result.Baseline.Count, Is.EqualTo(5));

        var tagged = HistoryIngester.Ingest(store, CsvHistoryReader.Read(new HistoryCsv(["d1"], 1, 5, 1, Seed: 3).Text().Replace(",b00,", ",rel14,"), "r.csv",
            new ImportOptions(Tags: new Dictionary<string, string> { ["release"] = "1.4" })), "r.csv");
        Assert.That(tagged.Problems, Is.Empty);
        foreach (var selector in new[] { "tag:release=1.4", "tag:1.4", "tag:release" })
        {
            var report = Gate(store, new GateRequest("b10", BaselineSpec.Parse(selector)));
            Assert.That(report.Items.Select(i => i.BaselineBuilds), Is.All.EqualTo(new[] { "rel14" }), selector);
        }
        Assert.Throws<GateInputException>(() => Gate(store, new GateRequest("b10", BaselineSpec.Parse("tag:release=2.0"))));
    }

    [Test]
    public void A_feature_branch_candidate_is_compared_with_main()
    {
        using var dir = new TempDirectory();
        using var store = Store(dir, new HistoryCsv(["d1"], 8, 5, 1));
        var feature = HistoryIngester.Ingest(store, CsvHistoryReader.Read(
            new HistoryCsv(["d1"], 1, 5, 1, Seed: 9, DropDevice: "d1", DropFromBuild: 0, DropPercent: 6).Text().Replace(",b00,", ",pr-17,")
                .Replace("2025-01-01T", "2025-02-01T"), "f.csv", new ImportOptions(Branch: "feature")), "f.csv");
        Assert.That(feature.Problems, Is.Empty);
        var report = Gate(store, new GateRequest("pr-17", BaselineSpec.Default));
        var fps = report.Items.Single(i => i.Metric == "fps");
        Assert.That(fps.BaselineBuilds, Is.EqualTo(new[] { "b03", "b04", "b05", "b06", "b07" }));
        Assert.That(fps.Verdict, Is.EqualTo(Verdict.Regression));
        Assert.That(report.Outcome, Is.EqualTo(GateOutcome.Regression));
        var onFeature = Gate(store, new GateRequest("pr-17", BaselineSpec.Parse("branch:feature")));
        Assert.That(onFeature.Items.Select(i => i.Verdict), Is.All.EqualTo(Verdict.NoBaseline));
    }

    [Test]
    public void Each_verdict_names_the_hosts_that_measured_its_candidate()
    {
        using var dir = new TempDirectory();
        using var store = Store(dir, new HistoryCsv(["d1", "d2"], 8, 5, 1));
        var report = Gate(store, new GateRequest("b07", BaselineSpec.Default));
        Assert.That(report.Items, Has.Count.EqualTo(4));
        foreach (var item in report.Items)
        {
            // Ingested histories record an external device's host as "external:NAME".
            Assert.That(item.Hosts, Is.EqualTo(new[] { "external:" + item.Device }));
            Assert.That(PerfLab.Reports.Gate.GateFigures.Headline(item), Does.StartWith($"{item.Device} on external:{item.Device} / yolo / yolov8s / "));
        }
        using var json = System.Text.Json.JsonDocument.Parse(GateOutput.Json(report));
        var d2 = json.RootElement.GetProperty("results").EnumerateArray().First(r => r.GetProperty("device").GetString() == "d2");
        Assert.That(d2.GetProperty("hosts").EnumerateArray().Select(h => h.GetString()), Is.EqualTo(new[] { "external:d2" }));
    }
}
