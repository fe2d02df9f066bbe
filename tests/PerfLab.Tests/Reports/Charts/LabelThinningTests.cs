using NUnit.Framework;
using PerfLab.Reports.Charts;

namespace PerfLab.Tests.Reports.Charts;

public class LabelThinningTests
{
    [TestCase(10, 50.0, 30.0, 1)]
    [TestCase(100, 6.0, 40.0, 8)]
    [TestCase(100, 6.0, 39.9, 8)]
    [TestCase(1, 1.0, 500.0, 1)]
    [TestCase(5, 1.0, 500.0, 5)]
    [TestCase(20, 30.0, 30.0, 2)]
    public void Stride_is_the_fewest_slots_a_label_and_gap_fit_into(int count, double slot, double widest, int expected) =>
        Assert.That(LabelThinning.Stride(count, slot, widest), Is.EqualTo(expected));

    [TestCase(10, 1, "0 1 2 3 4 5 6 7 8 9")]
    [TestCase(10, 3, "0 3 6 9")]
    [TestCase(10, 4, "1 5 9")]
    [TestCase(1, 1, "0")]
    [TestCase(3, 3, "2")]
    public void Shown_labels_count_back_from_the_newest(int count, int stride, string expected) =>
        Assert.That(string.Join(' ', LabelThinning.Shown(count, stride)), Is.EqualTo(expected));
}
