namespace PerfLab.Harness.Gating;

/// <summary>One series of a build: comparability key × metric × unit (a changed unit starts a new series).</summary>
/// <remarks>A class rather than a value tuple: collections keyed by a reference type run the framework's precompiled shared code,
/// where a tuple key makes a short process such as <c>perflab gate</c> JIT-compile each collection method it touches.</remarks>
public sealed record SeriesKey(string ComparabilityKey, string Metric, string Unit)
{
    /// <summary>Key, then metric, then unit, each in ordinal order.</summary>
    public static IComparer<SeriesKey> Ordinal { get; } = Comparer<SeriesKey>.Create(static (a, b) =>
    {
        var c = string.CompareOrdinal(a.ComparabilityKey, b.ComparabilityKey);
        if (c == 0) c = string.CompareOrdinal(a.Metric, b.Metric);
        return c != 0 ? c : string.CompareOrdinal(a.Unit, b.Unit);
    });
}
