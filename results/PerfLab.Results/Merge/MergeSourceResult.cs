namespace PerfLab.Results.Merge;

/// <summary>What merging one source database did. When <see cref="Error"/> is set the whole source was refused and nothing of
/// it was kept; otherwise its good runs were merged and <see cref="RefusedRuns"/> lists the runs left out, each with why.</summary>
/// <param name="RunsAdded">Runs new to the target, stored with all their cases.</param>
/// <param name="RunsAlreadyPresent">Runs the target had with identical content (a repeated merge): skipped.</param>
/// <param name="RunsInProgress">Runs still <c>running</c> in the source: not merged until they end (or are recovered as aborted).</param>
/// <param name="Conflicts">Runs whose id the target has with different content: not overwritten.</param>
/// <param name="MigratedFrom">The source's schema version when it was older and a migrated copy was merged; else null.</param>
/// <param name="RefusedRuns">Runs refused for a bad row or for speaking for another host; the other runs were merged.</param>
/// <param name="OriginHost">The host the source speaks for (its recorded origin, or the one host its runs name).</param>
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
    string? Error,
    IReadOnlyList<RefusedRun> RefusedRuns,
    string? OriginHost)
{
    public bool Succeeded => Error is null;

    internal static MergeSourceResult Failed(string source, int version, string error) =>
        new(source, version, 0, 0, 0, [], 0, 0, null, error, [], null);
}

/// <summary>A run id present in both databases with different content, and what differs.</summary>
/// <param name="FarmCopyFrom">Where the farm's copy came from ("a.db, merged 2025-06-02T03:10:00Z"), or null when the farm
/// wrote it itself or merged it before it recorded sources.</param>
public sealed record MergeConflict(string RunId, string Difference, string? FarmCopyFrom);

/// <summary>The outcome of a whole merge, per source in the order given.</summary>
public sealed record MergeReport(string Target, IReadOnlyList<MergeSourceResult> Sources)
{
    public int RunsAdded => Sources.Sum(s => s.RunsAdded);

    public int ConflictCount => Sources.Sum(s => s.Conflicts.Count);

    public int RefusedRunCount => Sources.Sum(s => s.RefusedRuns.Count);

    /// <summary>Every source merged, without conflicts or refused runs.</summary>
    public bool Clean => Sources.All(s => s.Succeeded && s.Conflicts.Count == 0 && s.RefusedRuns.Count == 0);
}
