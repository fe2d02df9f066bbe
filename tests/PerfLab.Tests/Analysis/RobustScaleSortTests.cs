using NUnit.Framework;
using PerfLab.Harness.Analysis;

namespace PerfLab.Tests.Analysis;

/// <summary><see cref="RobustScale.Sort"/> (insertion for short spans) orders exactly as the framework's sort does, so medians
/// are unchanged by it.</summary>
public sealed class RobustScaleSortTests
{
    [Test]
    public void Sorts_as_the_framework_does_for_every_length_and_awkward_values()
    {
        var random = new Random(20261206);
        double[] awkward = [double.NaN, double.NegativeInfinity, double.PositiveInfinity, -0.0, 0.0, 1e308, -1e-308, 3.5, 3.5];
        for (var length = 0; length <= 100; length++)
        {
            for (var trial = 0; trial < 20; trial++)
            {
                var values = new double[length];
                for (var i = 0; i < length; i++)
                    values[i] = random.Next(4) == 0 ? awkward[random.Next(awkward.Length)] : Math.Round(random.NextDouble() * 10, 1);
                var expected = (double[])values.Clone();
                Array.Sort(expected);
                var actual = (double[])values.Clone();
                RobustScale.Sort(actual);
                // Compared by value; -0.0 and 0.0 are equal to both sorts, so their relative order is free.
                Assert.That(actual, Is.EqualTo(expected), $"length {length}, trial {trial}: [{string.Join(", ", values)}]");
            }
        }
    }

    [TestCase(new[] { 3.0 }, 3.0)]
    [TestCase(new[] { 5.0, 1.0, 3.0 }, 3.0)]
    [TestCase(new[] { 4.0, 1.0, 3.0, 2.0 }, 2.5)]
    [TestCase(new[] { 100.2, 99.8, 100.0, 100.1, 99.9 }, 100.0)]
    public void Median_of_a_few_samples(double[] values, double expected) =>
        Assert.That(RobustScale.Median(values), Is.EqualTo(expected).Within(1e-12));
}
