using NUnit.Framework;
using PerfLab.Harness.Domain;
using PerfLab.Reports.Presentation;

namespace PerfLab.Tests.Reports.Presentation;

public sealed class ValueAxisTests
{
    [TestCase("FPS", Better.Higher, true)]
    [TestCase("tokens/s", Better.Higher, true)]
    [TestCase("MiB/s", Better.Higher, true)]
    [TestCase("FPS", Better.Lower, false)]
    [TestCase("ms", Better.Lower, false)]
    [TestCase("x", Better.Higher, false)]
    [TestCase("", Better.Higher, false)]
    public void Throughput_like_means_a_higher_is_better_rate(string unit, Better better, bool expected) =>
        Assert.That(ValueAxis.IsThroughputLike(unit, better), Is.EqualTo(expected));

    [Test]
    public void A_throughput_axis_with_a_visible_spread_starts_at_zero()
    {
        // The demo's Hydra FPS: 858 before the drop, 765 after (a 10.9 % spread).
        var plan = ValueAxis.Plan([858.7, 855, 765, 770], throughputLike: true);
        Assert.That(plan, Is.EqualTo(new ValueAxisPlan(0, 858.7, AxisStart.Zero)));
    }

    [Test]
    public void A_throughput_axis_whose_spread_zero_would_flatten_is_broken_and_starts_at_the_data()
    {
        var plan = ValueAxis.Plan([760, 785, 770], throughputLike: true);
        Assert.That(plan, Is.EqualTo(new ValueAxisPlan(760, 785, AxisStart.Broken)));
        Assert.That(ValueAxis.Plan([760, 785, 770], throughputLike: true, allowBreak: false).Start, Is.EqualTo(AxisStart.Zero),
            "a chart without room for the break and its percentage scale starts at zero");
    }

    [Test]
    public void Other_metrics_fit_the_data_and_non_finite_values_are_ignored()
    {
        Assert.That(ValueAxis.Plan([0.90, 0.91, double.NaN], throughputLike: false), Is.EqualTo(new ValueAxisPlan(0.90, 0.91, AxisStart.Data)));
        Assert.That(() => ValueAxis.Plan([double.NaN], throughputLike: true), Throws.ArgumentException);
    }

    [Test]
    public void Percent_ticks_lie_inside_the_axis_and_name_their_change_against_the_reference()
    {
        var ticks = ValueAxis.PercentTicks(760, 800, 800);
        Assert.That(ticks.Select(t => t.Label), Does.Contain("0 %").And.Contain("\u22122 %"));
        Assert.That(ticks.Select(t => t.Value), Has.All.InRange(760.0, 800.0));
        Assert.That(ticks.Single(t => t.Label == "\u22122 %").Value, Is.EqualTo(784).Within(1e-9));
        Assert.That(() => ValueAxis.PercentTicks(1, 2, 0), Throws.ArgumentException);
    }
}
