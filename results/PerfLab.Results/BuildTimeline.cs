namespace PerfLab.Results;

/// <summary>Where each build stands in history: the start of its earliest run, and its place in the order of those starts
/// (ties by name), so series can sort their points by one integer.</summary>
// Records, not tuples, in the collections here: see SeriesKey's remarks on start-up compilation.
internal sealed class BuildTimeline
{
    private readonly Dictionary<string, Entry> _builds;

    /// <param name="starts">Every build with the start of its earliest run.</param>
    public BuildTimeline(IReadOnlyList<BuildStart> starts)
    {
        var ordered = starts.ToArray();
        Array.Sort(ordered, static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : string.CompareOrdinal(a.Build, b.Build));
        _builds = new Dictionary<string, Entry>(ordered.Length, StringComparer.Ordinal);
        for (var rank = 0; rank < ordered.Length; rank++) _builds[ordered[rank].Build] = new Entry(ordered[rank].Start, rank);
    }

    /// <summary>The build's start and rank; <see cref="DateTimeOffset.MaxValue"/> and <see cref="int.MaxValue"/> for a build no run names.</summary>
    public (DateTimeOffset Start, int Rank) Place(string build) =>
        _builds.TryGetValue(build, out var b) ? (b.Start, b.Rank) : (DateTimeOffset.MaxValue, int.MaxValue);

    /// <summary>Orders builds by start, then by name (builds no run names last), given the ranks of their <see cref="Place"/>s.</summary>
    public static int Compare(int rankA, string buildA, int rankB, string buildB) =>
        rankA != rankB ? rankA.CompareTo(rankB) : string.CompareOrdinal(buildA, buildB);

    /// <summary>A build and the start of its earliest run.</summary>
    public sealed record BuildStart(string Build, DateTimeOffset Start);

    private sealed record Entry(DateTimeOffset Start, int Rank);
}
