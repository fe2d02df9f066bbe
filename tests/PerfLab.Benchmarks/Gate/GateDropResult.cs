using PerfLab.Harness.Analysis;

namespace PerfLab.Benchmarks.Gate;

/// <summary>One drop size of a <see cref="GateAccuracyCell"/>: how often the gate failed naming the dropped series, what the dropped
/// series was called, and how many other (unchanged) series were called a regression on those nights.</summary>
/// <param name="Detected">Nights with exit 1 and the dropped series' verdict <c>regression</c>.</param>
/// <param name="DroppedVerdicts">The dropped series' verdicts over all nights.</param>
/// <param name="OtherRegressions">Unchanged series called <c>regression</c>, summed over the nights.</param>
public sealed record GateDropResult(double DropPercent, int Draws, int Detected, IReadOnlyDictionary<Verdict, int> DroppedVerdicts, int OtherRegressions)
{
    /// <summary>Detected / draws.</summary>
    public double DetectionRate => Draws == 0 ? double.NaN : (double)Detected / Draws;
}
