using PerfLab.Harness.Analysis;

namespace PerfLab.Benchmarks.Gate;

/// <summary>One acceptance point of issue 19, measured: how many of <see cref="Draws"/> nights did what the target asks.</summary>
/// <param name="Name">What was simulated, in words.</param>
/// <param name="Target">What must hold, in words ("exit 1 naming the device in ≥ 95 %").</param>
/// <param name="MinimumRate">The fraction of nights that must succeed (1 for "every time").</param>
/// <param name="Detail">Further figures (verdict counts, wrongly called series).</param>
/// <param name="ExtraCondition">A condition beyond the rate that must also hold (e.g. no unchanged series called a regression).</param>
public sealed record GateAccuracyCheck(string Name, string Target, int Successes, int Draws, double MinimumRate, string Detail, bool ExtraCondition = true)
{
    /// <summary>Successes / draws.</summary>
    public double Rate => Draws == 0 ? double.NaN : (double)Successes / Draws;

    /// <summary>True when the measured rate reaches the target and the extra condition holds.</summary>
    public bool Met => Draws > 0 && Rate >= MinimumRate && ExtraCondition;
}
