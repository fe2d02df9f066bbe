using PerfLab.Harness.Storage;

namespace PerfLab.Harness.Gating;

/// <summary>The builds a gate may read, decided from the runs alone so that every caller that loads at least these builds gets the
/// same verdicts: the candidate; the baseline builds (for a branch the last <see cref="GateRequest.BaselineBuilds"/> on it before the
/// candidate, for a tag the newest tagged builds, for a named build that build); and the history, the last
/// <see cref="GateRequest.HistoryBuilds"/> builds before the candidate on the baseline's branch (for a tag or named build: on the
/// candidate's branch).</summary>
/// <param name="Baseline">Builds the baseline may pool.</param>
/// <param name="History">Builds the noise estimate and the one-value-per-build test may read.</param>
public sealed record GateWindow(string Candidate, IReadOnlySet<string> Baseline, IReadOnlySet<string> History)
{
    /// <summary>Every build the gate reads, the candidate included.</summary>
    public IReadOnlySet<string> All => new HashSet<string>(Baseline.Concat(History).Append(Candidate), StringComparer.Ordinal);

    /// <summary>The window of <paramref name="request"/> over <paramref name="runs"/>.</summary>
    public static GateWindow Of(IReadOnlyList<StoredRun> runs, GateRequest request) => Of(runs.Select(RunPlace.Of).ToList(), request);

    /// <summary>The window of <paramref name="request"/> over the places of every stored run. Only the window's builds need to be
    /// loaded in full afterwards: over the runs of <see cref="All"/> alone the same request gives the same window.</summary>
    public static GateWindow Of(IReadOnlyList<RunPlace> runs, GateRequest request)
    {
        var b = request.Baseline;
        var order = InOrder(runs);
        var at = order.IndexOf(request.Candidate);
        var candidateBranch = runs.FirstOrDefault(r => r.Build == request.Candidate)?.Branch;
        IReadOnlySet<string> Before(string? branch, int count)
        {
            var onBranch = runs.Where(r => r.Branch == branch).Select(r => r.Build).ToHashSet(StringComparer.Ordinal);
            return (at < 0 ? order : order.Take(at)).Where(x => onBranch.Contains(x) && x != request.Candidate)
                .TakeLast(count).ToHashSet(StringComparer.Ordinal);
        }
        switch (b.Kind)
        {
            case BaselineKind.Build:
                return new GateWindow(request.Candidate, new HashSet<string>(StringComparer.Ordinal) { b.Value }, Before(candidateBranch, request.HistoryBuilds));
            case BaselineKind.Tag:
                var tagged = InOrder(runs.Where(r => b.MatchesTags(r.Tags) && r.Build != request.Candidate)).TakeLast(request.BaselineBuilds)
                    .ToHashSet(StringComparer.Ordinal);
                return new GateWindow(request.Candidate, tagged, Before(candidateBranch, request.HistoryBuilds));
            default:
                var before = Before(b.Value, Math.Max(request.HistoryBuilds, request.BaselineBuilds));
                return new GateWindow(request.Candidate, before, before);
        }
    }

    /// <summary>Builds in the order they were first run (ties by name), as the store orders a series' points.</summary>
    public static List<string> InOrder(IEnumerable<StoredRun> runs) => InOrder(runs.Select(RunPlace.Of));

    /// <summary>Builds in the order they were first run (ties by name).</summary>
    public static List<string> InOrder(IEnumerable<RunPlace> runs)
    {
        // Each build's earliest place, sorted as a list of places (not of (build, time) tuples: see SeriesKey's remarks).
        var first = new Dictionary<string, RunPlace>(StringComparer.Ordinal);
        foreach (var r in runs)
            if (!first.TryGetValue(r.Build, out var f) || r.StartedAt < f.StartedAt) first[r.Build] = r;
        var places = first.Values.ToList();
        places.Sort(static (a, b) => a.StartedAt != b.StartedAt ? a.StartedAt.CompareTo(b.StartedAt) : string.CompareOrdinal(a.Build, b.Build));
        return places.ConvertAll(p => p.Build);
    }
}
