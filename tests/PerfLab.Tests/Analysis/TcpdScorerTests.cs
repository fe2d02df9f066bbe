using NUnit.Framework;
using PerfLab.Benchmarks.Detection;
using PerfLab.Harness.Analysis;

namespace PerfLab.Tests.Analysis;

// Expected values are worked by hand from the TCPDBench definitions (see docs/detection.md).
public class TcpdScorerTests
{
    private static IReadOnlyDictionary<string, IReadOnlyList<int>> A(params int[][] annotators) =>
        annotators.Select((a, i) => (Key: i.ToString(), Value: (IReadOnlyList<int>)a)).ToDictionary(p => p.Key, p => p.Value);

    [Test]
    public void Perfect_match_scores_one()
    {
        // every annotator's points (plus 0) are a subset of {0,10,20} → P = 3/3, R = 1
        var s = TcpdScorer.F1(A([10, 20], [11, 20], [10], [0, 5]), [10, 20]);
        Assert.That(s.F1, Is.EqualTo(1.0).Within(1e-12));
    }

    [Test]
    public void Missed_and_found_points_are_averaged_per_annotator()
    {
        // X = {0,10}; union {0,10,50}: 2 found → P = 2/2 = 1; recall = mean(1/1, 2/2, 1/2) = 5/6; F1 = 2·(5/6)/(1+5/6) = 10/11
        var s = TcpdScorer.F1(A([], [10], [50]), [10]);
        Assert.That(s.Precision, Is.EqualTo(1.0));
        Assert.That(s.Recall, Is.EqualTo(5.0 / 6).Within(1e-12));
        Assert.That(s.F1, Is.EqualTo(10.0 / 11).Within(1e-12));
        // no predictions: X = {0}: P = 1, R = mean(1, 1/2, 1/2) = 2/3, F1 = 0.8
        Assert.That(TcpdScorer.F1(A([], [10], [50]), []).F1, Is.EqualTo(0.8).Within(1e-12));
    }

    [Test]
    public void A_prediction_matches_at_most_one_true_point_within_the_margin()
    {
        Assert.That(TcpdScorer.TruePositives([1, 10, 20, 23], [3, 8, 20]), Is.EquivalentTo(new[] { 1, 10, 20 }));
        Assert.That(TcpdScorer.TruePositives([10], [16]), Is.Empty);
        Assert.That(TcpdScorer.TruePositives([10, 12], [11]), Has.Count.EqualTo(1));
    }

    [Test]
    public void Predictions_are_cleaned_to_unique_inner_indices()
    {
        Assert.That(TcpdScorer.CleanPredictions([0, 5, 5, 3, 9, 10], 10), Is.EqualTo(new[] { 3, 5 }));
    }

    [Test]
    public void Cover_of_hand_computed_segmentations()
    {
        // truth {0..9},{10..19},{20..44}; prediction identical → 1
        Assert.That(TcpdScorer.Cover(A([10, 20]), [10, 20], 45), Is.EqualTo(1.0).Within(1e-12));
        // truth one segment of 45, prediction cut at 10: best IoU 35/45 → cover = 45·(35/45)/45 = 7/9
        Assert.That(TcpdScorer.Cover(A(Array.Empty<int>()), [10], 45), Is.EqualTo(7.0 / 9).Within(1e-12));
        // truth cut at 10 (10 + 35), prediction none: 10·(10/45) + 35·(35/45) over 45 = 1325/2025
        Assert.That(TcpdScorer.Cover(A([10]), [], 45), Is.EqualTo(1325.0 / 2025).Within(1e-12));
        // averaged over annotators: (7/9 + 1)/2
        Assert.That(TcpdScorer.Cover(A([], [10]), [10], 45), Is.EqualTo((7.0 / 9 + 1) / 2).Within(1e-12));
    }

    [Test]
    public void Missing_values_are_interpolated()
    {
        var (v, filled) = TcpdDatasetReader.FillMissing([null, 1, null, 3, null]);
        Assert.That(v, Is.EqualTo(new[] { 1.0, 1, 2, 3, 3 }));
        Assert.That(filled, Is.EqualTo(3));
    }

    [Test]
    public void Benchmark_set_is_read_from_the_shared_data()
    {
        var shared = PerfLab.Tests.Infrastructure.RepoPaths.Shared;
        if (shared is null || !Directory.Exists(Path.Combine(shared, "data", "tcpd"))) Assert.Ignore("shared TCPD data not present");
        var set = TcpdDatasetReader.ReadBenchmarkSet(Path.Combine(shared!, "data", "tcpd"));
        Assert.That(set, Has.Count.EqualTo(25));
        Assert.That(set.All(s => s.Annotations.Count == 5), Is.True);
    }
}
