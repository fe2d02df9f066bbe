using PerfLab.Harness.Analysis;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Storage;
using PerfLab.Reports.Gate;
using PerfLab.Results;

namespace PerfLab.Cli.Gating;

/// <summary>What a gate is asked: the candidate build, its baseline, and the policy.</summary>
/// <param name="BaselineBuilds">How many builds a branch or tag baseline pools (the newest ones before the candidate).</param>
/// <param name="Suite">Only this suite (null: every suite the candidate ran).</param>
public sealed record GateRequest(
    string Candidate,
    BaselineSpec Baseline,
    int BaselineBuilds = 5,
    string? Suite = null,
    double? DefaultBudgetPercent = null,
    bool AllowMissingBaseline = false,
    bool AllowInconclusive = false);

/// <summary>Compares every series (comparability key × metric) the candidate build has with its baseline from the store.</summary>
public static class GateEvaluator
{
    /// <summary>The report; a candidate or named baseline that is not stored is a usage error.</summary>
    public static GateReport Evaluate(SqliteResultStore store, GateRequest request)
    {
        if (request.BaselineBuilds < 1) throw new UsageException("--baseline-builds must be at least 1");
        var candidateRuns = store.Queries.ListRuns(new RunFilter(Suite: request.Suite, Build: request.Candidate));
        if (candidateRuns.Count == 0)
            throw new UsageException($"build '{request.Candidate}' is not in {store.Path}{(request.Suite is null ? "" : $" for suite '{request.Suite}'")}: no run of it is stored (see 'perflab runs')");

        var (baselineBuilds, description) = ResolveBaseline(store, request);
        var options = ComparisonOptions.Default with
        {
            BaselineBuilds = request.BaselineBuilds,
            DefaultBudgetPercent = request.DefaultBudgetPercent ?? ComparisonOptions.Default.DefaultBudgetPercent,
        };
        var comparer = new MannWhitneyComparer(options);
        var items = new List<GateItem>();

        foreach (var suiteRuns in candidateRuns.GroupBy(r => r.Suite))
        {
            var series = store.Queries.LoadSeries(new SeriesFilter(Suite: suiteRuns.Key))
                .ToDictionary(s => (s.Identity.ComparabilityKey, s.Identity.Metric, s.Unit));
            var specs = new Dictionary<string, MetricSpec>(StringComparer.Ordinal);
            var wanted = new SortedSet<(string Key, string Metric, string Unit)>();
            foreach (var run in suiteRuns.OrderBy(r => r.StartedAt))
            {
                foreach (var m in store.Queries.RunMetrics(run.Id)) specs[m.Name] = m;
                if (run.Status == RunStatus.Aborted)
                {
                    items.Add(GateItem.Error(run.DeviceModel, run.Suite, "(run)", "-", "", Better.Higher, "", request.Candidate, [run.Id],
                        $"run {run.Id} on {run.DeviceId} was aborted; its cases are not compared"));
                    continue;
                }
                foreach (var c in store.Queries.LoadCases(run.Id))
                {
                    if (c.Status == CaseStatus.Skipped) continue;
                    if (c.Status != CaseStatus.Passed)
                    {
                        items.Add(GateItem.Error(c.DeviceModel, run.Suite, c.Name, "-", "", Better.Higher, c.ComparabilityKey, request.Candidate, [run.Id],
                            $"case {c.Status.ToString().ToLowerInvariant()} on {c.DeviceId}: {c.Failure ?? "no failure class"}{(c.FailureMessage is null ? "" : ": " + c.FailureMessage)}"));
                        continue;
                    }
                    foreach (var s in c.Samples) wanted.Add((c.ComparabilityKey, s.Metric, s.Unit));
                }
            }

            foreach (var (key, metric, unit) in wanted)
            {
                if (!series.TryGetValue((key, metric, unit), out var history))
                {
                    items.Add(GateItem.Error("?", suiteRuns.Key, key, metric, unit, Better.Higher, key, request.Candidate, [],
                        $"metric '{metric}' is not declared by the suite, so its good direction is unknown"));
                    continue;
                }
                items.Add(Compare(comparer, request, history, specs, baselineBuilds));
            }
        }
        var ordered = items.OrderBy(i => i.Suite, StringComparer.Ordinal).ThenBy(i => i.Device, StringComparer.Ordinal)
            .ThenBy(i => i.Case, StringComparer.Ordinal).ThenBy(i => i.Metric, StringComparer.Ordinal).ToList();
        return new GateReport(request.Candidate, request.Baseline.ToString(), description, ordered, request.AllowMissingBaseline, request.AllowInconclusive);
    }

    private static GateItem Compare(MannWhitneyComparer comparer, GateRequest request, MetricSeries history,
        IReadOnlyDictionary<string, MetricSpec> specs, IReadOnlySet<string> baselineBuilds)
    {
        var id = history.Identity;
        var spec = specs.TryGetValue(id.Metric, out var declared)
            ? declared with { Unit = history.Unit, Better = history.Better }
            : new MetricSpec(id.Metric, history.Unit, history.Better, MetricGate.None);
        var at = -1;
        for (var i = 0; i < history.Points.Count; i++)
            if (history.Points[i].Build == request.Candidate) { at = i; break; }
        var candidate = at < 0 ? null : history.Points[at];

        var eligible = history.Points
            .Select((p, i) => (Point: p, Index: i))
            .Where(x => x.Point.Build != request.Candidate && x.Point.Samples.Count > 0 && baselineBuilds.Contains(x.Point.Build))
            // a branch baseline is history: only builds before the candidate; a named build or tag may sit anywhere
            .Where(x => request.Baseline.Kind != BaselineKind.Branch || x.Index < at)
            .Select(x => x.Point);
        var pool = BaselineSelector.Pool(request.Baseline.Kind == BaselineKind.Build ? eligible : eligible.TakeLast(request.BaselineBuilds));
        var result = comparer.Compare(spec, pool, candidate?.Samples ?? []);
        return new GateItem(id.Device, id.Suite, id.Case, id.Metric, history.Unit, history.Better, id.ComparabilityKey, request.Candidate,
            candidate?.RunIds ?? [], pool.Builds, result);
    }

    private static (IReadOnlySet<string> Builds, string Description) ResolveBaseline(SqliteResultStore store, GateRequest request)
    {
        var b = request.Baseline;
        switch (b.Kind)
        {
            case BaselineKind.Build:
                if (store.Queries.ListRuns(new RunFilter(Build: b.Value, Limit: 1)).Count == 0)
                    throw new UsageException($"--baseline build:{b.Value}: build '{b.Value}' is not in {store.Path}");
                return (new HashSet<string>(StringComparer.Ordinal) { b.Value }, $"build {b.Value}");
            case BaselineKind.Tag:
                var tagged = store.Queries.ListRuns().Where(r => b.MatchesTags(r.Tags)).Select(r => r.Build).ToHashSet(StringComparer.Ordinal);
                if (tagged.Count == 0) throw new UsageException($"--baseline tag:{b.Value}: no stored run carries that tag");
                return (tagged, $"the newest {request.BaselineBuilds} build(s) tagged {b.Value}");
            default:
                var onBranch = store.Queries.ListRuns(new RunFilter(Branch: b.Value)).Select(r => r.Build).ToHashSet(StringComparer.Ordinal);
                return (onBranch, $"the last {request.BaselineBuilds} build(s) on branch {b.Value} before the candidate");
        }
    }
}
