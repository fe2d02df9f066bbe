namespace PerfLab.Harness.Analysis;

/// <summary>The recent builds before a candidate, one value each (the median of the build's samples), oldest first: what the
/// threshold's noise and the one-value-per-build test are estimated from.</summary>
public sealed record BuildHistory(IReadOnlyList<string> Builds, IReadOnlyList<double> Medians)
{
    /// <summary>No history.</summary>
    public static BuildHistory Empty { get; } = new([], []);

    /// <summary>How many builds it holds.</summary>
    public int Count => Medians.Count;
}
