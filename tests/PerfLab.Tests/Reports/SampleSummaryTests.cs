using NUnit.Framework;
using PerfLab.Harness.Statistics;

namespace PerfLab.Tests.Reports;

public class SampleSummaryTests
{
    [Test]
    public void Quartiles_follow_type_7_interpolation()
    {
        var s = SampleSummary.Of([4, 1, 3, 2, 5])!;
        Assert.That((s.Count, s.Median, s.Q1, s.Q3, s.Min, s.Max), Is.EqualTo((5, 3.0, 2.0, 4.0, 1.0, 5.0)));

        var even = SampleSummary.Of([1, 2, 3, 4])!;
        Assert.That(even.Median, Is.EqualTo(2.5));
        Assert.That(even.Q1, Is.EqualTo(1.75));
        Assert.That(even.Q3, Is.EqualTo(3.25));
    }

    [Test]
    public void Non_finite_values_are_ignored_and_nothing_gives_null()
    {
        Assert.That(SampleSummary.Of([double.NaN, 2, double.PositiveInfinity])!.Count, Is.EqualTo(1));
        Assert.That(SampleSummary.Of([]), Is.Null);
    }
}
