namespace PerfLab.Results;

/// <summary>Which runs <see cref="ResultQueries.ListRuns"/> returns; null fields do not filter.</summary>
/// <param name="Limit">At most this many runs, newest first; null for all.</param>
public sealed record RunFilter(string? Suite = null, string? Build = null, string? Branch = null, string? Host = null, int? Limit = null)
{
    public static RunFilter All { get; } = new();
}
