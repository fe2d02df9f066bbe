using NUnit.Framework;
using PerfLab.Benchmarks.Overhead;
using PerfLab.Runners.Command;

namespace PerfLab.Tests.Runners.Command;

/// <summary>The overhead benchmark: its arithmetic, a short real run, and the full run on demand.</summary>
[TestFixture]
public sealed class CommandOverheadBenchmarkTests
{
    [TestCase(new double[] { 3, 1, 2 }, 0.5, 2)]
    [TestCase(new double[] { 4, 1, 3, 2 }, 0.5, 2.5)]
    [TestCase(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 0.9, 9.1)]
    [TestCase(new double[] { 7 }, 0.9, 7)]
    public void Quantiles_interpolate_between_order_statistics(double[] values, double p, double expected)
    {
        Assert.That(CommandOverheadBenchmark.Quantile(values, p), Is.EqualTo(expected).Within(1e-9));
    }

    [Test]
    public void No_values_give_no_quantile()
    {
        Assert.That(CommandOverheadBenchmark.Quantile([], 0.5), Is.Null);
    }

    [Test]
    public void A_short_run_measures_every_repetition_and_logs_the_figures()
    {
        var log = new StringWriter();

        var report = CommandOverheadBenchmark.Run(3, log);

        Assert.That(report.Failures, Is.Zero, report.FirstFailure);
        Assert.That(report.MedianOverheadMs, Is.Not.Null.And.GreaterThanOrEqualTo(0));
        Assert.That(report.P90OverheadMs, Is.GreaterThanOrEqualTo(report.MedianOverheadMs!.Value));
        Assert.That(report.MedianProcessWallMs, Is.GreaterThan(0));
        Assert.That(log.ToString(), Does.Contain("overhead median").And.Contain("`true` wall median"));
    }

    [Test, Explicit("benchmark: prints figures, asserts nothing about speed")]
    public void Overhead_of_200_runs()
    {
        var report = CommandOverheadBenchmark.Run(200, TestContext.Out);

        Assert.That(report.Failures, Is.Zero, report.FirstFailure);
    }
}
