using NUnit.Framework;
using PerfLab.Reports.Charts;

namespace PerfLab.Tests.Reports.Charts;

public class AxisTicksTests
{
    [TestCase(0.0, 10.0, 6, "0 2 4 6 8 10", 0)]
    [TestCase(0.12, 0.97, 6, "0 0.2 0.4 0.6 0.8 1", 1)]
    [TestCase(-3.2, 7.9, 6, "-5 0 5 10", 0)]
    [TestCase(95.3, 104.1, 6, "95 100 105", 0)]
    [TestCase(95.3, 104.1, 8, "94 96 98 100 102 104 106", 0)]
    [TestCase(5.0, 5.0, 6, "4.5 5 5.5", 1)]
    [TestCase(0.0, 0.0, 5, "-1 -0.5 0 0.5 1", 1)]
    [TestCase(-50.0, -10.0, 5, "-50 -40 -30 -20 -10", 0)]
    [TestCase(0.0001, 0.00042, 5, "0.0001 0.0002 0.0003 0.0004 0.0005", 4)]
    [TestCase(1e6, 5e6, 5, "1000000 2000000 3000000 4000000 5000000", 0)]
    [TestCase(0.0, 100.0, 5, "0 50 100", 0)]
    [TestCase(0.3, 0.7, 5, "0.3 0.4 0.5 0.6 0.7", 1)]
    public void Nice_ticks_cover_the_range_on_1_2_5_steps(double min, double max, int maxTicks, string expected, int decimals)
    {
        var ticks = AxisTicks.Nice(min, max, maxTicks);
        var want = expected.Split(' ').Select(s => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.That(ticks.Values, Is.EqualTo(want).Within(1e-12));
        Assert.That(ticks.Decimals, Is.EqualTo(decimals));
        Assert.That(ticks.Min, Is.EqualTo(want[0]));
        Assert.That(ticks.Max, Is.EqualTo(want[^1]));
    }

    [TestCase(0.0, 1.0, 0.4, "0.4")]
    [TestCase(0.0, 5e6, 1e6, "1,000,000")]
    [TestCase(-0.5, 1.0, -0.5, "-0.5")]
    [TestCase(0.1, 0.1, 0.1, "0.100")]
    public void Labels_use_the_invariant_culture_and_the_step_precision(double min, double max, double value, string expected) =>
        Assert.That(AxisTicks.Nice(min, max, 6).Label(value), Is.EqualTo(expected));

    [Test]
    public void Ticks_stay_within_the_limit_and_cover_any_range()
    {
        var random = new Random(20240611);
        for (var i = 0; i < 2000; i++)
        {
            var scale = Math.Pow(10, random.Next(-6, 8));
            var a = (random.NextDouble() - 0.3) * scale;
            var b = a + random.NextDouble() * scale * random.Next(0, 3);
            var maxTicks = random.Next(3, 12);
            var ticks = AxisTicks.Nice(a, b, maxTicks);
            var mantissa = ticks.Step / Math.Pow(10, Math.Floor(Math.Log10(ticks.Step) + 1e-9));
            Assert.Multiple(() =>
            {
                Assert.That(ticks.Values, Has.Count.InRange(2, maxTicks), $"[{a}, {b}] / {maxTicks}");
                Assert.That(ticks.Min, Is.LessThanOrEqualTo(a + 1e-9 * scale));
                Assert.That(ticks.Max, Is.GreaterThanOrEqualTo(b - 1e-9 * scale));
                Assert.That(ticks.Max, Is.GreaterThan(ticks.Min));
                Assert.That(new[] { 1.0, 2.0, 5.0 }, Has.Some.EqualTo(mantissa).Within(1e-9), $"step {ticks.Step}");
                Assert.That(ticks.Values.Select(ticks.Label).Distinct().Count(), Is.EqualTo(ticks.Values.Count), "labels must differ");
            });
        }
    }

    [TestCase(double.NaN, 1.0, 5)]
    [TestCase(0.0, double.PositiveInfinity, 5)]
    [TestCase(2.0, 1.0, 5)]
    [TestCase(0.0, 1.0, 2)]
    public void Bad_ranges_are_refused(double min, double max, int maxTicks) =>
        Assert.That(() => AxisTicks.Nice(min, max, maxTicks), Throws.InstanceOf<ArgumentException>());
}
