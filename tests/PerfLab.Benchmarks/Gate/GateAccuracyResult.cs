using PerfLab.Harness.Analysis;

namespace PerfLab.Benchmarks.Gate;

/// <summary>Everything <see cref="GateAccuracyBenchmark"/> measured: the grid, the acceptance points of issue 19 and the unchanged-night
/// false-action rate by farm size.</summary>
/// <param name="FarmRows">Unchanged nights at σ 1 % and 5 repetitions, one cell per farm size, smallest first.</param>
/// <param name="Seconds">Wall time of the whole benchmark.</param>
public sealed record GateAccuracyResult(
    GateAccuracyOptions Options,
    IReadOnlyList<GateAccuracyCell> Cells,
    IReadOnlyList<GateAccuracyCheck> Checks,
    IReadOnlyList<GateAccuracyCell> FarmRows,
    double Seconds);
