using NUnit.Framework;
using PerfLab.Benchmarks.Detection;
using PerfLab.Harness.Analysis;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Storage;

namespace PerfLab.Tests.Analysis;

public class ChangePointDetectorTests
{
    private readonly RobustPeltChangePointDetector _detector = new();

    private static double[] Flat(int seed, int n, double level, double noisePercent)
    {
        var g = new SyntheticHistoryGenerator(seed);
        return Enumerable.Range(0, n).Select(_ => level * (1 + noisePercent / 100 * g.Gaussian())).ToArray();
    }

    [Test]
    public void Clean_step_is_found_at_its_first_new_index()
    {
        var v = Flat(3, 60, 100, 0.5);
        for (var i = 37; i < v.Length; i++) v[i] *= 0.95;
        Assert.That(_detector.DetectIndices(v), Is.EqualTo(new[] { 37 }));
    }

    [Test]
    public void Lone_spike_is_not_a_change_point()
    {
        var v = Flat(4, 60, 100, 0.5);
        v[30] = 150;
        Assert.That(_detector.DetectIndices(v), Is.Empty);
        v[30] = 60;
        Assert.That(_detector.DetectIndices(v), Is.Empty);
    }

    [Test]
    public void Flat_and_tiny_series_have_no_change_points()
    {
        Assert.That(_detector.DetectIndices(Flat(5, 200, 100, 2)), Is.Empty);
        Assert.That(_detector.DetectIndices([1, 2, 3]), Is.Empty);
        Assert.That(_detector.DetectIndices(Enumerable.Repeat(7.0, 50).ToArray()), Is.Empty);
    }

    [Test]
    public void Series_report_names_builds_direction_and_configuration()
    {
        var g = new SyntheticHistoryGenerator(6);
        var points = Enumerable.Range(0, 40).Select(i => new BuildPoint("b" + i, DateTimeOffset.UnixEpoch.AddDays(i),
            g.Build(i < 25 ? 100 : 90, 0.5, 5), ["r" + i])).ToArray();
        var series = new MetricSeries(new SeriesIdentity("d", "s", "c", "fps", "k"), "fps", Better.Higher, points);
        var report = _detector.Detect(series);
        Assert.That(report.ChangePoints, Has.Count.EqualTo(1));
        var cp = report.ChangePoints[0];
        Assert.That(cp.Index, Is.EqualTo(25));
        Assert.That(cp.BuildBefore, Is.EqualTo("b24"));
        Assert.That(cp.BuildAfter, Is.EqualTo("b25"));
        Assert.That(cp.ChangePercent, Is.EqualTo(-10).Within(1));
        Assert.That(cp.Direction, Is.EqualTo(ChangeDirection.Regression));
        Assert.That(report.Detector.Name, Is.EqualTo(RobustPeltChangePointDetector.Name));
        Assert.That(report.Detector.Parameters["penalty_per_log_n"], Is.EqualTo("8"));

        var lower = _detector.Detect(series with { Better = Better.Lower });
        Assert.That(lower.ChangePoints[0].Direction, Is.EqualTo(ChangeDirection.Improvement));
    }

    [Test]
    public void Pelt_segments_respect_the_minimum_length()
    {
        double[] v = [0, 0, 0, 0, 10, 10, 0, 0, 0, 0];
        Assert.That(PeltMeanShiftSegmenter.Segment(v, 1, 1), Is.EqualTo(new[] { 4, 6 }));
        Assert.That(PeltMeanShiftSegmenter.Segment(v, 1, 3).All(c => c >= 3 && c <= 7), Is.True);
    }

    private static MetricSeries History(int seed, int builds, int samples, double noisePercent, Func<int, double> level)
    {
        var g = new SyntheticHistoryGenerator(seed);
        var points = Enumerable.Range(0, builds).Select(i => new BuildPoint("n" + i, DateTimeOffset.UnixEpoch.AddDays(i),
            g.Build(level(i), noisePercent, samples), ["r" + i])).ToArray();
        return new MetricSeries(new SeriesIdentity("rpi5-hailo8", "yolo", "yolov8s", "fps", "k"), "fps", Better.Higher, points);
    }

    [TestCase(1), TestCase(2), TestCase(3), TestCase(4), TestCase(5), TestCase(6), TestCase(7), TestCase(8)]
    public void Nightly_history_of_14_builds_finds_a_5_percent_drop_from_build_8(int seed)
    {
        var report = _detector.Detect(History(seed, 14, 5, 0.6, i => i < 7 ? 800 : 760));
        Assert.That(report.ChangePoints.Select(c => c.Index), Is.EqualTo(new[] { 7 }));
        var cp = report.ChangePoints[0];
        Assert.That((cp.BuildBefore, cp.BuildAfter), Is.EqualTo(("n6", "n7")));
        Assert.That(cp.ChangePercent, Is.EqualTo(-5).Within(1));
        Assert.That(cp.Direction, Is.EqualTo(ChangeDirection.Regression));
    }

    [TestCase(11), TestCase(12), TestCase(13), TestCase(14), TestCase(15)]
    public void Ten_build_history_finds_a_step_in_the_middle(int seed)
    {
        var report = _detector.Detect(History(seed, 10, 5, 0.6, i => i < 5 ? 100 : 105));
        Assert.That(report.ChangePoints.Select(c => c.Index), Is.EqualTo(new[] { 5 }));
        Assert.That(report.ChangePoints[0].Direction, Is.EqualTo(ChangeDirection.Improvement));
    }

    [Test]
    public void Ten_build_history_finds_most_steps_of_5_to_6_noise_sigmas()
    {
        // 3 samples at 1 % noise: a build median wanders by about 0.72 %, so a 4 % step is about 5.5 σ
        var found = Enumerable.Range(100, 40).Count(seed =>
            _detector.Detect(History(seed, 10, 3, 1, i => i < 5 ? 100 : 96)).ChangePoints.Select(c => c.Index).SequenceEqual([5]));
        Assert.That(found, Is.GreaterThanOrEqualTo(30), "found in " + found + " of 40");
    }

    [Test]
    public void Short_clean_histories_have_no_change_points()
    {
        foreach (var n in new[] { 6, 8, 10, 12, 14, 20, 25 })
            for (var seed = 0; seed < 20; seed++)
                Assert.That(_detector.Detect(History(1000 * n + seed, n, 5, 2, _ => 100)).ChangePoints, Is.Empty, $"n={n} seed={seed}");
    }

    [Test]
    public void Lone_spike_in_a_short_history_is_not_a_change_point()
    {
        for (var seed = 0; seed < 20; seed++)
        {
            Assert.That(_detector.Detect(History(seed, 14, 5, 0.6, i => i == 6 ? 110 : 100)).ChangePoints, Is.Empty, "up, seed " + seed);
            Assert.That(_detector.Detect(History(seed, 14, 5, 0.6, i => i == 9 ? 85 : 100)).ChangePoints, Is.Empty, "down, seed " + seed);
        }
    }

    [Test]
    public void Within_build_standard_error_sets_the_noise_floor()
    {
        // medians that happen to sit still: a 1-unit step is 20 σ of their own scatter, but only 1 σ of what the samples say a median can do
        var v = Flat(9, 30, 100, 0.05);
        for (var i = 15; i < v.Length; i++) v[i] += 1;
        Assert.That(_detector.DetectIndices(v, 0), Is.EqualTo(new[] { 15 }));
        Assert.That(_detector.DetectIndices(v, 1.0), Is.Empty);
        Assert.That(() => _detector.DetectIndices(v, double.NaN), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Median_standard_error_follows_the_within_build_spread()
    {
        var g = new SyntheticHistoryGenerator(21);
        var builds = Enumerable.Range(0, 200).Select(_ => (IReadOnlyList<double>)Enumerable.Range(0, 5).Select(_ => 100 + 2 * g.Gaussian()).ToArray()).ToArray();
        // median of 5 normal samples: σ·1.2533/√5 ≈ 0.56 σ → 1.12 for σ = 2
        Assert.That(RobustScale.MedianStandardError(builds), Is.EqualTo(1.12).Within(0.15));
        Assert.That(RobustScale.MedianStandardError([[1.0], [2.0]]), Is.EqualTo(0));
    }

    [Test]
    public void Split_residual_ignores_one_step_but_not_a_trend()
    {
        var step = Enumerable.Range(0, 40).Select(i => i < 20 ? 0.0 : 10.0).ToArray();
        Assert.That(RobustScale.SplitResidualSigma(step, 3), Is.EqualTo(0).Within(1e-9));
        var trend = Enumerable.Range(0, 40).Select(i => (double)i).ToArray();
        Assert.That(RobustScale.SplitResidualSigma(trend, 3), Is.GreaterThan(5));
        Assert.That(RobustScale.LagSigma(trend, 4), Is.EqualTo(4 * RobustScale.MadToSigma / Math.Sqrt(2)).Within(1e-9));
    }

    private static double[] Growth(int seed, int n, double rise)
    {
        // a smooth, slowing growth with little noise (like a population count): a staircase to a mean-shift cost
        var g = new SyntheticHistoryGenerator(seed);
        return Enumerable.Range(0, n).Select(i => 100 * (1 + rise * i / n - 0.375 * rise * i * i / ((double)n * n)) + 0.05 * g.Gaussian()).ToArray();
    }

    [Test]
    public void Smooth_trend_is_not_cut_into_steps()
    {
        var v = Growth(21, 300, 0.8);
        Assert.That(new RobustPeltChangePointDetector(ChangePointOptions.Default with { TrendRatio = 0 }).DetectIndices(v), Is.Not.Empty,
            "without the trend filter the trend becomes a staircase");
        Assert.That(_detector.DetectIndices(v), Is.Empty);
    }

    [Test]
    public void Step_on_a_slow_drift_is_still_found()
    {
        var v = Growth(22, 300, 0.04);
        for (var i = 180; i < v.Length; i++) v[i] -= 5;
        Assert.That(_detector.DetectIndices(v), Is.EqualTo(new[] { 180 }));
    }
}
