namespace PerfLab.Harness.Analysis;

/// <summary>The baseline of a comparison: the builds it pools, all their samples, and each build's median
/// (kept apart so between-build noise is not mistaken for sample noise).</summary>
public sealed record BaselinePool(IReadOnlyList<string> Builds, IReadOnlyList<double> Samples, IReadOnlyList<double> BuildMedians)
{
    /// <summary>A pool with nothing in it.</summary>
    public static BaselinePool Empty { get; } = new([], [], []);

    /// <summary>True when there is no sample to compare against.</summary>
    public bool IsEmpty => Samples.Count == 0;
}
