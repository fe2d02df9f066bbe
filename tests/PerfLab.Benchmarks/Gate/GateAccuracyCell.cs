using PerfLab.Harness.Analysis;

namespace PerfLab.Benchmarks.Gate;

/// <summary>One cell of the accuracy grid: a farm shape, repetitions and noise, judged on <see cref="Draws"/> simulated nights,
/// each once unchanged and once per drop size.</summary>
/// <param name="UnchangedExits">Exit codes of the unchanged nights (0 pass, 1 regression, 3 action required) with their counts.</param>
/// <param name="UnchangedVerdicts">Verdicts of every series on the unchanged nights, summed over the nights.</param>
/// <param name="Seconds">Wall time the cell took.</param>
public sealed record GateAccuracyCell(
    GateFarmShape Farm,
    int Repetitions,
    double NoisePercent,
    int Draws,
    IReadOnlyDictionary<int, int> UnchangedExits,
    IReadOnlyDictionary<Verdict, int> UnchangedVerdicts,
    IReadOnlyList<GateDropResult> Drops,
    double Seconds)
{
    /// <summary>Unchanged nights that did not pass (exit ≠ 0: a false failure or a needless call for action).</summary>
    public int FalseActions => UnchangedExits.Where(e => e.Key != 0).Sum(e => e.Value);

    /// <summary>FalseActions / draws.</summary>
    public double FalseActionRate => Draws == 0 ? double.NaN : (double)FalseActions / Draws;

    /// <summary>Unchanged nights that ended with <paramref name="exit"/>.</summary>
    public int Exits(int exit) => UnchangedExits.GetValueOrDefault(exit);

    /// <summary>Series given <paramref name="verdict"/> on the unchanged nights, summed over the nights.</summary>
    public int Unchanged(Verdict verdict) => UnchangedVerdicts.GetValueOrDefault(verdict);

    /// <summary>The result for drop size <paramref name="percent"/>; null when the cell has none.</summary>
    public GateDropResult? Drop(double percent) => Drops.FirstOrDefault(d => d.DropPercent == percent);
}
