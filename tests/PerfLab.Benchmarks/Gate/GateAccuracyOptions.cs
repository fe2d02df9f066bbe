using PerfLab.Harness.Analysis;

namespace PerfLab.Benchmarks.Gate;

/// <summary>What <see cref="GateAccuracyBenchmark"/> simulates: the grid (repetitions × noise × drops × farm sizes), how many
/// nights (draws) each cell judges, and the seed everything is drawn from.</summary>
/// <param name="Draws">Nights per cell for every cell and check; null: <see cref="DrawsFor"/>'s defaults.</param>
/// <param name="HistoryBuilds">Nights of history before the candidate (the gate's default history is 20).</param>
public sealed record GateAccuracyOptions(
    int Seed,
    int? Draws,
    IReadOnlyList<int> Repetitions,
    IReadOnlyList<double> NoisePercents,
    IReadOnlyList<double> DropPercents,
    IReadOnlyList<int> FarmSeries,
    int HistoryBuilds = 20,
    bool Quick = false)
{
    /// <summary>Seed of the figures published in docs/gating.md.</summary>
    public const int DefaultSeed = 20261205;

    /// <summary>The full grid of issue 19 item 7: repetitions 1/3/5/10 × noise 0.5/1/2 % × drops 3/5/10 % × 1/100/1,000 series.</summary>
    public static GateAccuracyOptions Full(int seed = DefaultSeed, int? draws = null) =>
        new(seed, draws, [1, 3, 5, 10], [0.5, 1, 2], [3, 5, 10], [1, 100, 1000]);

    /// <summary>A tiny grid (5 repetitions, σ 1 %, drops 5/10 %, 1 and 100 series, few nights) to try the command quickly.</summary>
    public static GateAccuracyOptions QuickGrid(int seed = DefaultSeed, int? draws = null) =>
        new(seed, draws, [5], [1], [5, 10], [1, 100], Quick: true);

    /// <summary>Nights per cell: <see cref="Draws"/> when given; else 200 up to 400 series and 20 for bigger farms (a 1,000-series
    /// gate costs about a tenth of a second here, and each night is judged once unchanged and once per drop); --quick: 20.</summary>
    public int DrawsFor(int series) => Draws ?? (Quick ? 20 : series > 400 ? 20 : 200);

    /// <summary>Nights for the small acceptance checks (3 devices, 3 vs 3 samples), which cost little: <see cref="Draws"/>, else 1,000
    /// (--quick: 50).</summary>
    public int SmallCheckDraws => Draws ?? (Quick ? 50 : 1000);
}
