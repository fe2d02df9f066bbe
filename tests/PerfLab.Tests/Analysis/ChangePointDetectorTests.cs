using NUnit.Framework;
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
        Assert.That(report.Detector.Parameters["penalty_per_log_n"], Is.EqualTo("16"));

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
}
