namespace PerfLab.Results.Merge;

/// <summary>What merging one source database did. A source is merged whole or not at all: when <see cref="Error"/> is set, nothing of it was kept.</summary>
/// <param name="RunsAdded">Runs new to the target, stored with all their cases.</param>
/// <param name="RunsAlreadyPresent">Runs the target had with identical content (a repeated merge): skipped.</param>
/// <param name="RunsInProgress">Runs still <c>running</c> in the source: not merged until they end (or are recovered as aborted).</param>
/// <param name="Conflicts">Runs whose id the target has with different content: not overwritten.</param>
/// <param name="MigratedFrom">The source's schema version when it was older and a migrated copy was merged; else null.</param>
public sealed record MergeSourceResult(
    string Source,
    int SchemaVersion,
    int RunsAdded,
    int RunsAlreadyPresent,
    int RunsInProgress,
    IReadOnlyList<MergeConflict> Conflicts,
    long CasesAdded,
    long SamplesAdded,
    int? MigratedFrom,
    string? Error)
{
    public bool Succeeded => Error is null;

    internal static MergeSourceResult Failed(string source, int version, string error) =>
        new(source, version, 0, 0, 0, [], 0, 0, null, error);
}

/// <summary>A run id present in both databases with different content, and what differs.</summary>
public sealed record MergeConflict(string RunId, string Difference);

/// <summary>The outcome of a whole merge, per source in the order given.</summary>
public sealed record MergeReport(string Target, IReadOnlyList<MergeSourceResult> Sources)
{
    public int RunsAdded => Sources.Sum(s => s.RunsAdded);

    public int ConflictCount => Sources.Sum(s => s.Conflicts.Count);

    public bool Clean => Sources.All(s => s.Succeeded && s.Conflicts.Count == 0);
}
