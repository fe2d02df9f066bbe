using NUnit.Framework;
using PerfLab.Benchmarks.Detection;
using PerfLab.Harness.Analysis;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Storage;

namespace PerfLab.Tests.Analysis;

public class SeriesComparerTests
{
    private static readonly MetricSpec Fps = new("fps", "fps", Better.Higher, MetricGate.None);
    private static readonly MetricSpec Latency = new("latency", "ms", Better.Lower, MetricGate.None);
    private readonly SeriesComparer _comparer = new();

    private static double[] Noisy(int seed, double level, double noisePercent, int n)
    {
        var g = new SyntheticHistoryGenerator(seed);
        return Enumerable.Range(0, n).Select(_ => level * (1 + noisePercent / 100 * g.Gaussian())).ToArray();
    }

    private static BaselinePool Pool(int seed, double level, double noisePercent, int builds = 5, int perBuild = 10)
    {
        var b = Enumerable.Range(0, builds).Select(i => Noisy(seed + i, level, noisePercent, perBuild)).ToArray();
        return new BaselinePool(Enumerable.Range(0, builds).Select(i => "b" + i).ToArray(), b.SelectMany(x => x).ToArray(),
            b.Select(x => RobustScale.Median(x)).ToArray());
    }

    [Test]
    public void Clear_drop_in_higher_is_better_is_a_regression_with_its_shift()
    {
        var r = _comparer.Compare(Fps, Pool(1, 100, 1), Noisy(99, 90, 1, 10));
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Regression));
        Assert.That(r.ShiftPercent, Is.EqualTo(-10).Within(1));
        Assert.That(r.ShiftLowPercent, Is.LessThan(r.ShiftPercent));
        Assert.That(r.ShiftHighPercent, Is.GreaterThan(r.ShiftPercent));
        Assert.That(r.Baseline.Count, Is.EqualTo(50));
        Assert.That(r.Candidate.Count, Is.EqualTo(10));
        Assert.That(r.Threshold.EffectivePercent, Is.EqualTo(3));
        Assert.That(r.Reason, Does.Contain("worse"));
    }

    [Test]
    public void Clear_rise_in_higher_is_better_is_an_improvement()
    {
        var r = _comparer.Compare(Fps, Pool(1, 100, 1), Noisy(99, 110, 1, 10));
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Improvement));
    }

    [Test]
    public void Same_rise_in_lower_is_better_is_a_regression()
    {
        var r = _comparer.Compare(Latency, Pool(1, 100, 1), Noisy(99, 110, 1, 10));
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Regression));
        var drop = _comparer.Compare(Latency, Pool(1, 100, 1), Noisy(99, 90, 1, 10));
        Assert.That(drop.Verdict, Is.EqualTo(Verdict.Improvement));
    }

    [Test]
    public void Equal_distributions_are_no_change()
    {
        var r = _comparer.Compare(Fps, Pool(1, 100, 1), Noisy(99, 100, 1, 10));
        Assert.That(r.Verdict, Is.EqualTo(Verdict.NoChange), r.Reason);
        Assert.That(Math.Abs(r.ShiftPercent), Is.LessThan(1));
    }

    [Test]
    public void Three_samples_each_are_inconclusive_even_for_a_big_drop()
    {
        var baseline = new BaselinePool(["b"], [100, 101, 99], [100]);
        var r = _comparer.Compare(Fps, baseline, [80, 81, 79]);
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Inconclusive));
        Assert.That(r.Reason, Does.Contain("too few samples"));
    }

    [Test]
    public void Huge_noise_is_inconclusive()
    {
        var r = _comparer.Compare(Fps, Pool(1, 100, 40, builds: 1), Noisy(99, 95, 40, 10));
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Inconclusive), r.Reason);
    }

    [Test]
    public void Shift_inside_between_build_noise_is_never_an_alert()
    {
        // five baseline builds whose medians wander by ~4 %: a 6 % drop is beyond the 3 % budget but not beyond 3 × that noise
        var medians = new[] { 100.0, 105, 96, 103, 98 };
        var samples = medians.SelectMany((m, i) => Noisy(10 + i, m, 0.5, 10)).ToArray();
        var pool = new BaselinePool(["a", "b", "c", "d", "e"], samples, medians);
        var r = _comparer.Compare(Fps, pool, Noisy(99, 94, 0.5, 10));
        Assert.That(r.Verdict, Is.Not.EqualTo(Verdict.Regression), r.Reason);
        Assert.That(r.Threshold.EffectivePercent, Is.GreaterThan(6));
        Assert.That(r.Threshold.NoisePercent, Is.GreaterThan(2));
    }

    [Test]
    public void Shift_within_budget_is_not_a_regression()
    {
        var r = _comparer.Compare(Fps, Pool(1, 100, 0.2), Noisy(99, 99, 0.2, 20));
        Assert.That(r.Verdict, Is.EqualTo(Verdict.NoChange), r.Reason);
    }

    [Test]
    public void Metric_budget_overrides_the_default()
    {
        var tight = Fps with { Gate = new MetricGate(1, null, null) };
        var r = _comparer.Compare(tight, Pool(1, 100, 0.2), Noisy(99, 98, 0.2, 20));
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Regression), r.Reason);
        Assert.That(r.Threshold.BudgetSource, Is.EqualTo("metric gate"));
    }

    [Test]
    public void Absolute_limit_breach_is_a_regression_regardless_of_baseline()
    {
        var temp = new MetricSpec("chip_temp_max", "C", Better.Lower, new MetricGate(null, null, 85));
        var same = _comparer.Compare(temp, Pool(1, 90, 0.5), Noisy(99, 90, 0.5, 10));
        Assert.That(same.Verdict, Is.EqualTo(Verdict.Regression));
        Assert.That(same.Reason, Does.Contain("max 85"));
        var none = _comparer.Compare(temp, BaselinePool.Empty, [90, 91, 89]);
        Assert.That(none.Verdict, Is.EqualTo(Verdict.Regression));
    }

    [Test]
    public void No_baseline_and_errors()
    {
        Assert.That(_comparer.Compare(Fps, BaselinePool.Empty, [1, 2, 3]).Verdict, Is.EqualTo(Verdict.NoBaseline));
        Assert.That(_comparer.Compare(Fps, Pool(1, 100, 1), [1, double.NaN]).Verdict, Is.EqualTo(Verdict.Error));
        Assert.That(_comparer.Compare(Fps, Pool(1, 100, 1), []).Verdict, Is.EqualTo(Verdict.Error));
    }

    [Test]
    public void Series_comparison_pools_the_previous_builds()
    {
        var points = Enumerable.Range(0, 8).Select(i => new BuildPoint("v" + i, DateTimeOffset.UnixEpoch.AddDays(i),
            Noisy(i, i == 7 ? 85 : 100, 1, 10), ["r" + i])).ToArray();
        var series = new MetricSeries(new SeriesIdentity("d", "s", "c", "fps", "k"), "fps", Better.Higher, points);
        var r = _comparer.CompareInSeries(Fps, series, "v7");
        Assert.That(r.Verdict, Is.EqualTo(Verdict.Regression));
        Assert.That(r.Baseline.Builds, Is.EqualTo(5));
        var pool = BaselineSelector.LastBuilds(series, "v7", 5);
        Assert.That(pool.Builds, Is.EqualTo(new[] { "v2", "v3", "v4", "v5", "v6" }));
        Assert.That(BaselineSelector.NamedBuild(series, "v0").Samples, Has.Count.EqualTo(10));
    }

    [Test]
    public void Wire_names_round_trip()
    {
        foreach (var v in Enum.GetValues<Verdict>()) Assert.That(VerdictText.Parse(v.ToWire()), Is.EqualTo(v));
        Assert.That(Verdict.NoChange.ToWire(), Is.EqualTo("no-change"));
    }

    [Test]
    public void Smallest_reachable_p_value()
    {
        Assert.That(SeriesComparer.SmallestOneSidedPValue(3, 3), Is.EqualTo(0.05).Within(1e-12));
        Assert.That(SeriesComparer.SmallestOneSidedPValue(5, 5), Is.EqualTo(1.0 / 252).Within(1e-12));
    }

    [Test]
    public void May_regress_and_regresses_agree_with_the_full_comparison()
    {
        // Random baselines and candidates: sizes from 1 to 50, shifts either way, coarse rounding for ties, gates with limits.
        var g = new SyntheticHistoryGenerator(2026);
        var specs = new[]
        {
            Fps, Latency, new MetricSpec("fps", "fps", Better.Higher, new MetricGate(1, 95, null)),
            new MetricSpec("latency", "ms", Better.Lower, new MetricGate(null, null, 104)),
        };
        int skipped = 0, regressions = 0;
        for (var i = 0; i < 4000; i++)
        {
            var spec = specs[i % specs.Length];
            var round = i % 3 == 0 ? 1.0 : 0.001;
            double[] Draw(int n, double level) =>
                Enumerable.Range(0, n).Select(_ => Math.Round(level * (1 + 0.02 * g.Gaussian()) / round) * round).ToArray();
            var builds = 1 + i % 5;
            var perBuild = 1 + i / 5 % 10;
            var baseBuilds = Enumerable.Range(0, builds).Select(_ => Draw(perBuild, 100)).ToArray();
            var pool = new BaselinePool(Enumerable.Range(0, builds).Select(b => "b" + b).ToArray(),
                baseBuilds.SelectMany(x => x).ToArray(), baseBuilds.Select(x => RobustScale.Median(x)).ToArray());
            var candidate = Draw(1 + i / 7 % 10, 100 * (1 + (i % 11 - 5) * 0.02));

            var verdict = _comparer.Compare(spec, pool, candidate).Verdict;
            if (verdict == Verdict.Regression) regressions++;
            Assert.That(_comparer.Regresses(spec, pool, candidate), Is.EqualTo(verdict == Verdict.Regression), $"case {i}: Regresses disagrees with {verdict}");
            if (_comparer.MayRegress(spec, pool, candidate)) continue;
            skipped++;
            Assert.That(verdict, Is.Not.EqualTo(Verdict.Regression), $"case {i}: skipped a regression");
        }
        Assert.That(regressions, Is.GreaterThan(200), "the cases include regressions");
        Assert.That(skipped, Is.GreaterThan(1500), "most quiet cases are ruled out without the full test");
    }

    [Test]
    public void May_regress_holds_for_a_clear_regression_and_a_limit_breach()
    {
        Assert.That(_comparer.MayRegress(Fps, Pool(1, 100, 1), Noisy(99, 90, 1, 10)), Is.True);
        Assert.That(_comparer.MayRegress(Latency, Pool(1, 10, 1), Noisy(99, 11, 1, 10)), Is.True);
        var capped = new MetricSpec("latency", "ms", Better.Lower, new MetricGate(null, null, 9));
        Assert.That(_comparer.MayRegress(capped, Pool(1, 10, 1), Noisy(99, 10, 1, 10)), Is.True, "above the absolute limit");
        Assert.That(_comparer.MayRegress(Fps, Pool(1, 100, 1), Noisy(99, 100, 1, 10)), Is.False, "no change");
    }

    [Test]
    public void Regresses_matches_the_verdict_on_errors_missing_baselines_and_limits()
    {
        var capped = new MetricSpec("latency", "ms", Better.Lower, new MetricGate(null, null, 9));
        foreach (var (spec, pool, candidate) in new (MetricSpec, BaselinePool, double[])[]
                 {
                     (Fps, Pool(1, 100, 1), []),
                     (Fps, Pool(1, 100, 1), [90, double.NaN]),
                     (Fps, new BaselinePool(["b0"], [100, double.PositiveInfinity], [100]), [90, 91]),
                     (Fps, BaselinePool.Empty, Noisy(99, 90, 1, 10)),
                     (capped, BaselinePool.Empty, Noisy(99, 10, 1, 10)),
                     (capped, Pool(1, 10, 1), Noisy(99, 10, 1, 10)),
                     (new MetricSpec("fps", "fps", Better.Higher, new MetricGate(-1, null, null)), Pool(1, 100, 1), Noisy(99, 90, 1, 10)),
                 })
        {
            var verdict = _comparer.Compare(spec, pool, candidate).Verdict;
            Assert.That(_comparer.Regresses(spec, pool, candidate), Is.EqualTo(verdict == Verdict.Regression), $"{spec.Name} {verdict}");
        }
    }

    [Test]
    public void Comparisons_on_many_threads_equal_the_same_comparisons_made_one_by_one()
    {
        // Perfolizer builds a shared table lazily; the comparer completes it before its first use so threads only read it.
        var cases = Enumerable.Range(0, 400)
            .Select(i => (Pool: Pool(i, 100, 1 + i % 4, builds: 1 + i % 5, perBuild: 1 + i % 9), Candidate: Noisy(1000 + i, 100 * (1 + (i % 9 - 4) * 0.02), 1, 1 + i % 11)))
            .ToList();
        var alone = cases.Select(c => _comparer.Compare(Fps, c.Pool, c.Candidate)).ToList();
        var together = new ComparisonResult[cases.Count];
        Parallel.For(0, cases.Count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => together[i] = _comparer.Compare(Fps, cases[i].Pool, cases[i].Candidate));

        Assert.That(together, Is.EqualTo(alone));
        Assert.That(alone.Select(r => r.Verdict).Distinct().Count(), Is.GreaterThan(2), "the cases reach several verdicts");
    }
}
