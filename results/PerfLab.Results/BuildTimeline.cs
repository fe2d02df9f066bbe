namespace PerfLab.Results;

/// <summary>Where each build stands in history: the start of its earliest run, and its place in the order of those starts
/// (ties by name), so series can sort their points by one integer.</summary>
internal sealed class BuildTimeline
{
    private readonly Dictionary<string, (DateTimeOffset Start, int Rank)> _builds;

    public BuildTimeline(IReadOnlyDictionary<string, DateTimeOffset> starts)
    {
        _builds = new Dictionary<string, (DateTimeOffset, int)>(starts.Count, StringComparer.Ordinal);
        var rank = 0;
        foreach (var (build, start) in starts.OrderBy(b => b.Value).ThenBy(b => b.Key, StringComparer.Ordinal))
            _builds[build] = (start, rank++);
    }

    /// <summary>The build's start and rank; <see cref="DateTimeOffset.MaxValue"/> and <see cref="int.MaxValue"/> for a build no run names.</summary>
    public (DateTimeOffset Start, int Rank) Place(string build) =>
        _builds.TryGetValue(build, out var b) ? b : (DateTimeOffset.MaxValue, int.MaxValue);

    /// <summary>Orders builds by start, then by name (builds no run names last), given the ranks of their <see cref="Place"/>s.</summary>
    public static int Compare(int rankA, string buildA, int rankB, string buildB) =>
        rankA != rankB ? rankA.CompareTo(rankB) : string.CompareOrdinal(buildA, buildB);
}
