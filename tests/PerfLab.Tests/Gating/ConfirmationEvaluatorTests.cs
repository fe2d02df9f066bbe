using NUnit.Framework;
using PerfLab.Harness.Analysis;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Gating;
using PerfLab.Results;
using PerfLab.Tests.Infrastructure;
using PerfLab.Tests.Results;

namespace PerfLab.Tests.Gating;

/// <summary>The gate's rule for confirmed series, in process over a store: a series that confirming runs (tagged
/// <see cref="ConfirmationTags"/>) re-measured is judged on their samples, the first ones kept beside them.</summary>
[TestFixture]
public sealed class ConfirmationEvaluatorTests
{
    private static readonly MetricSpec Fps = new("fps", "fps", Better.Higher, new MetricGate(5, null, null));

    /// <summary>Builds b1–b4 near 800 fps, and the candidate b5's first run at <paramref name="firstLevel"/>.</summary>
    private static SqliteResultStore History(TempDirectory dir, double firstLevel)
    {
        var store = SqliteResultStore.Open(dir.File("h.db"));
        for (var b = 1; b <= 5; b++) Add(store, $"r{b}", $"b{b}", b == 5 ? firstLevel : 800, b);
        return store;
    }

    private static void Add(SqliteResultStore store, string id, string build, double level, int minute, int? round = null,
        RunStatus status = RunStatus.Passed)
    {
        var tags = new Dictionary<string, string> { ["ci"] = "nightly" };
        if (round is { } r)
        {
            tags[ConfirmationTags.Round] = r.ToString(System.Globalization.CultureInfo.InvariantCulture);
            tags[ConfirmationTags.Confirms] = "r5";
        }
        var at = StoreSamples.T0.AddHours(minute);
        store.BeginRun(StoreSamples.Run(id, build, at, metrics: [Fps]) with { Tags = tags });
        double[] spread = [-1.5, -0.5, 0, 0.5, 1.5];
        store.RecordCase(id, StoreSamples.Case(samples: spread.Select((d, i) => StoreSamples.Sample(level + d, repetition: i)).ToList(), at: at));
        store.EndRun(id, status, at.AddMinutes(5));
    }

    private static GateItem Gate(SqliteResultStore store)
    {
        var request = new GateRequest("b5", BaselineSpec.Default);
        return GateEvaluator.Evaluate(StoreGateHistory.Load(store, request), request).Items.Single();
    }

    [Test]
    public void A_slow_first_measurement_that_confirming_samples_do_not_repeat_is_cleared_with_both_kept()
    {
        using var dir = new TempDirectory();
        using var store = History(dir, 720);
        var first = Gate(store);
        Assert.That(first.Verdict, Is.EqualTo(Verdict.Regression));
        Assert.That(first.Confirmation, Is.Null);

        Add(store, "c1", "b5", 800, 6, round: 1);
        var confirmed = Gate(store);

        Assert.That(confirmed.Verdict, Is.EqualTo(Verdict.NoChange), confirmed.Result.Reason);
        Assert.That(confirmed.Result.Candidate.Count, Is.EqualTo(5), "judged on the confirming samples alone");
        Assert.That(confirmed.Confirmation, Is.EqualTo(new GateConfirmation(1, 5, 720, 5, 800)));
        Assert.That(confirmed.CandidateRunIds, Is.EquivalentTo(new[] { "r5", "c1" }), "both runs stay the candidate's");
    }

    [Test]
    public void A_regression_the_confirming_samples_reproduce_stays_a_regression()
    {
        using var dir = new TempDirectory();
        using var store = History(dir, 720);
        Add(store, "c1", "b5", 722, 6, round: 1);
        var confirmed = Gate(store);
        Assert.That(confirmed.Verdict, Is.EqualTo(Verdict.Regression));
        Assert.That(confirmed.Confirmation!.ConfirmingMedian, Is.EqualTo(722));
    }

    [Test]
    public void Confirming_rounds_pool_together_and_the_first_samples_stay_out()
    {
        using var dir = new TempDirectory();
        using var store = History(dir, 720);
        Add(store, "c1", "b5", 800, 6, round: 1);
        Add(store, "c2", "b5", 801, 7, round: 2);
        var confirmed = Gate(store);
        Assert.That(confirmed.Result.Candidate.Count, Is.EqualTo(10));
        Assert.That(confirmed.Confirmation, Is.EqualTo(new GateConfirmation(2, 5, 720, 10, 800.5)));
    }

    [Test]
    public void An_untagged_second_run_of_the_build_is_pooled_as_before()
    {
        using var dir = new TempDirectory();
        using var store = History(dir, 720);
        Add(store, "again", "b5", 800, 6);
        var pooled = Gate(store);
        Assert.That(pooled.Confirmation, Is.Null);
        Assert.That(pooled.Result.Candidate.Count, Is.EqualTo(10), "the two untagged runs pooled");
    }

    [Test]
    public void An_aborted_confirming_run_confirms_nothing_and_is_an_error_of_its_own()
    {
        using var dir = new TempDirectory();
        using var store = History(dir, 720);
        Add(store, "c1", "b5", 800, 6, round: 1, status: RunStatus.Aborted);
        var request = new GateRequest("b5", BaselineSpec.Default);
        var items = GateEvaluator.Evaluate(StoreGateHistory.Load(store, request), request).Items;
        Assert.That(items.Single(i => i.Metric == "fps").Verdict, Is.EqualTo(Verdict.Regression));
        Assert.That(items.Single(i => i.Metric == "fps").Confirmation, Is.Null);
        Assert.That(items.Single(i => i.Verdict == Verdict.Error).Result.Reason, Does.Contain("run c1").And.Contain("aborted"));
    }

    [TestCase("1", 1)]
    [TestCase("12", 12)]
    [TestCase("0", null)]
    [TestCase("-1", null)]
    [TestCase("one", null)]
    [TestCase(" 1", null)]
    public void The_round_tag_is_a_positive_number_or_not_a_confirmation(string text, int? round) =>
        Assert.That(ConfirmationTags.RoundOf(new Dictionary<string, string> { [ConfirmationTags.Round] = text }), Is.EqualTo(round));
}
