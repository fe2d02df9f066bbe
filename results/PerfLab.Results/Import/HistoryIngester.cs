using PerfLab.Harness.Domain;

namespace PerfLab.Results.Import;

/// <summary>What an ingest did: runs stored, runs already present (skipped), or the problems that stopped it.</summary>
public sealed record IngestOutcome(IReadOnlyList<ImportedRun> Stored, IReadOnlyList<ImportedRun> Skipped, int CasesStored, IReadOnlyList<ImportProblem> Problems);

/// <summary>Stores the runs of one imported file: runs already present are skipped, a run imported before with different
/// content is a problem, and the rest go in together in one transaction (all or nothing).</summary>
public static class HistoryIngester
{
    public static IngestOutcome Ingest(SqliteResultStore store, ImportResult imported, string file)
    {
        if (!imported.Ok) return new IngestOutcome([], [], 0, imported.Problems);
        var fresh = new List<ImportedRun>();
        var skipped = new List<ImportedRun>();
        var problems = new List<ImportProblem>();
        foreach (var r in imported.Runs)
        {
            if (store.RunExists(r.Run.Id)) { skipped.Add(r); continue; }
            if (r.IdentityPrefix is { } prefix)
            {
                var other = store.Queries.ListRuns(new RunFilter(Suite: r.Run.Suite, Build: r.Run.Build, Branch: r.Run.Branch))
                    .FirstOrDefault(s => s.Id.StartsWith(prefix, StringComparison.Ordinal));
                if (other is not null)
                {
                    problems.Add(new ImportProblem(file, r.Line,
                        $"build '{r.Run.Build}' of suite '{r.Run.Suite}' on device '{r.Run.Device.Id}' (branch '{r.Run.Branch}') was ingested " +
                        $"before with different content as run '{other.Id}'; remove that run or correct the file"));
                    continue;
                }
            }
            fresh.Add(r);
        }
        if (problems.Count > 0) return new IngestOutcome([], [], 0, problems);
        var cases = fresh.Count == 0 ? 0 : store.IngestRuns(fresh.Select(r => (r.Run, RunStatus.Passed, r.EndedAt, (IEnumerable<CaseResult>)r.Cases)));
        return new IngestOutcome(fresh, skipped, cases, []);
    }
}
