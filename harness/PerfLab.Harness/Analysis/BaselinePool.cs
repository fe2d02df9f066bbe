namespace PerfLab.Harness.Analysis;

/// <summary>The baseline of a comparison: the builds it pools, all their samples, and each build's median
/// (kept apart so between-build noise is not mistaken for sample noise).</summary>
/// <param name="History">The longer run of builds before the candidate that noise and the one-value-per-build test read;
/// null: the pooled builds themselves.</param>
public sealed record BaselinePool(IReadOnlyList<string> Builds, IReadOnlyList<double> Samples, IReadOnlyList<double> BuildMedians, BuildHistory? History = null)
{
    /// <summary>A pool with nothing in it.</summary>
    public static BaselinePool Empty { get; } = new([], [], []);

    /// <summary>True when there is no sample to compare against.</summary>
    public bool IsEmpty => Samples.Count == 0;

    /// <summary>The history the comparison reads: <see cref="History"/>, or the pooled builds when none was given.</summary>
    public BuildHistory HistoryOrPool => History ?? new BuildHistory(Builds, BuildMedians);
}
