using PerfLab.Harness.Analysis;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Storage;

namespace PerfLab.Harness.Gating;

/// <summary>The one place verdicts and a gate's outcome are decided: every series (comparability key × metric) the candidate build
/// has, against its baseline, then false-discovery control over all of them. <c>perflab gate</c>, <c>perflab compare</c>, the gate
/// and nightly pages, JUnit and the CI summary all print what this returns.</summary>
public static class GateEvaluator
{
    /// <summary>The report; a candidate or named baseline that the history does not hold is a <see cref="GateInputException"/>.</summary>
    public static GateReport Evaluate(GateHistory history, GateRequest request, ComparisonOptions? defaults = null)
    {
        if (request.BaselineBuilds < 1) throw new GateInputException("--baseline-builds must be at least 1");
        if (request.HistoryBuilds < 2) throw new GateInputException("--history-builds must be at least 2");
        var candidateRuns = history.Runs.Where(r => r.Build == request.Candidate && (request.Suite is null || r.Suite == request.Suite)).ToList();
        if (candidateRuns.Count == 0)
            throw new GateInputException($"build '{request.Candidate}' is not in {history.Source}{(request.Suite is null ? "" : $" for suite '{request.Suite}'")}: no run of it is stored (see 'perflab runs')");

        var hostOfRun = candidateRuns.ToDictionary(r => r.Id, r => r.Host, StringComparer.Ordinal);
        var description = DescribeBaseline(history, request);
        var window = GateWindow.Of(history.Runs, request);
        var options = (defaults ?? ComparisonOptions.Default) with
        {
            BaselineBuilds = request.BaselineBuilds,
            HistoryBuilds = request.HistoryBuilds,
            DefaultBudgetPercent = request.DefaultBudgetPercent ?? (defaults ?? ComparisonOptions.Default).DefaultBudgetPercent,
        };
        var comparer = new SeriesComparer(options);
        var casesByRun = history.CandidateCases.ToLookup(c => c.RunId, StringComparer.Ordinal);
        var split = CandidateSamples.Of(candidateRuns, casesByRun);
        var items = new List<GateItem>();
        var comparisons = new List<(MetricSeries Series, IReadOnlyDictionary<string, MetricSpec> Specs)>();

        foreach (var suiteRuns in candidateRuns.GroupBy(r => r.Suite))
        {
            var series = new Dictionary<SeriesKey, MetricSeries>();
            foreach (var s in history.Series)
                if (s.Identity.Suite == suiteRuns.Key) series.TryAdd(new SeriesKey(s.Identity.ComparabilityKey, s.Identity.Metric, s.Unit), s);
            var specs = new Dictionary<string, MetricSpec>(StringComparer.Ordinal);
            var wanted = new SortedSet<SeriesKey>(SeriesKey.Ordinal);
            foreach (var run in InStartOrder(suiteRuns))
            {
                if (history.RunMetrics.TryGetValue(run.Id, out var declared))
                    foreach (var m in declared) specs[m.Name] = m;
                if (run.Status == RunStatus.Aborted)
                {
                    items.Add(GateItem.Error(run.DeviceModel, run.Suite, "(run)", "-", "", Better.Higher, "", request.Candidate, [run.Id],
                        $"run {run.Id} on {run.DeviceId} was aborted; its cases are not compared"));
                    continue;
                }
                foreach (var c in casesByRun[run.Id])
                {
                    if (c.Status == CaseStatus.Skipped) continue;
                    if (c.Status != CaseStatus.Passed)
                    {
                        items.Add(GateItem.Error(c.DeviceModel, run.Suite, c.Name, "-", "", Better.Higher, c.ComparabilityKey, request.Candidate, [run.Id],
                            $"case {c.Status.ToString().ToLowerInvariant()} on {c.DeviceId}: {c.Failure ?? "no failure class"}{(c.FailureMessage is null ? "" : ": " + c.FailureMessage)}"));
                        continue;
                    }
                    foreach (var m in c.Metrics) wanted.Add(new SeriesKey(c.ComparabilityKey, m.Metric, m.Unit));
                }
            }

            foreach (var wantedKey in wanted)
            {
                var (key, metric, unit) = wantedKey;
                if (!series.TryGetValue(wantedKey, out var s))
                {
                    items.Add(GateItem.Error("?", suiteRuns.Key, key, metric, unit, Better.Higher, key, request.Candidate, [],
                        $"metric '{metric}' is not declared by the suite, so its good direction is unknown"));
                    continue;
                }
                comparisons.Add((s, specs));
            }
        }
        // Series are judged independently (false-discovery control comes after), so a farm's are shared out over the cores.
        // Parallel.For over an array rather than PLINQ: a gate is a short process, and PLINQ's machinery costs more to compile at
        // start-up than the comparisons of a 400-series farm take.
        var compared = new GateItem[comparisons.Count];
        Parallel.For(0, compared.Length, k => compared[k] = Compare(comparer, request, comparisons[k].Series, comparisons[k].Specs, window, split));
        items.AddRange(compared);
        var judged = ControlFalseDiscoveries(comparer, items);
        var ordered = judged.OrderBy(i => i.Suite, StringComparer.Ordinal).ThenBy(i => i.Device, StringComparer.Ordinal)
            .ThenBy(i => i.Case, StringComparer.Ordinal).ThenBy(i => i.Metric, StringComparer.Ordinal)
            .ThenBy(i => i.ComparabilityKey, StringComparer.Ordinal).Select(i => WithHosts(i, hostOfRun)).ToList();
        return new GateReport(request.Candidate, request.Baseline.ToString(), description, ordered, request.AllowMissingBaseline,
            request.AllowInconclusive, request.Command(history.Source));
    }

    /// <summary>The runs by start, then id.</summary>
    private static List<StoredRun> InStartOrder(IEnumerable<StoredRun> runs)
    {
        var list = runs.ToList();
        list.Sort(static (a, b) => a.StartedAt != b.StartedAt ? a.StartedAt.CompareTo(b.StartedAt) : string.CompareOrdinal(a.Id, b.Id));
        return list;
    }

    private static GateItem WithHosts(GateItem item, IReadOnlyDictionary<string, string> hostOfRun) => item with
    {
        Hosts = item.CandidateRunIds.Select(id => hostOfRun.GetValueOrDefault(id)).OfType<string>().Where(h => h.Length > 0)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
    };

    /// <summary>Benjamini–Hochberg over the series that can become a regression — those a test judged whose estimated shift lies
    /// beyond the threshold in the worse direction — and likewise for improvements; each such verdict is then decided again on its
    /// q-value (docs/gating.md §4.3 says why the family is screened by the estimate, and what that costs).</summary>
    private static List<GateItem> ControlFalseDiscoveries(SeriesComparer comparer, List<GateItem> items)
    {
        var judged = items.ToList();
        foreach (var worse in new[] { true, false })
        {
            var family = new List<int>(); // indexes into items
            for (var i = 0; i < items.Count; i++)
                if (BeyondThreshold(items[i], worse)) family.Add(i);
            if (family.Count <= 1) continue;
            var p = new double[family.Count];
            for (var k = 0; k < p.Length; k++) p[k] = worse ? items[family[k]].Result.PWorse : items[family[k]].Result.PBetter;
            var q = FalseDiscoveryControl.Adjust(p);
            for (var k = 0; k < family.Count; k++)
            {
                var index = family[k];
                var item = items[index];
                var r = judged[index].Result;
                judged[index] = item with
                {
                    Result = comparer.Rejudge(r, item.Better, worse ? q[k] : r.QWorse, worse ? r.QBetter : q[k], family.Count),
                };
            }
        }
        return judged;
    }

    /// <summary>True for a series a test decided whose estimated shift lies beyond its threshold in the given direction.</summary>
    private static bool BeyondThreshold(GateItem item, bool worse)
    {
        var r = item.Result;
        if (r.Test is not (SeriesTest.Rank or SeriesTest.BuildDistribution) || r.Undecidable is not null) return false;
        var signed = item.Better == Better.Higher ? -r.ShiftPercent : r.ShiftPercent; // > 0: worse
        if (double.IsNaN(signed)) return worse ? (item.Better == Better.Higher ? r.Shift < 0 : r.Shift > 0) : (item.Better == Better.Higher ? r.Shift > 0 : r.Shift < 0);
        return worse ? signed > r.Threshold.EffectivePercent : -signed > r.Threshold.EffectivePercent;
    }

    private static GateItem Compare(SeriesComparer comparer, GateRequest request, MetricSeries series,
        IReadOnlyDictionary<string, MetricSpec> specs, GateWindow window, CandidateSamples split)
    {
        var id = series.Identity;
        var spec = specs.TryGetValue(id.Metric, out var declared)
            ? declared with { Unit = series.Unit, Better = series.Better }
            : new MetricSpec(id.Metric, series.Unit, series.Better, MetricGate.None);
        var at = -1;
        for (var i = 0; i < series.Points.Count; i++)
            if (series.Points[i].Build == request.Candidate) { at = i; break; }
        var candidate = at < 0 ? null : series.Points[at];

        var baseline = new List<BuildPoint>();
        var before = new List<BuildPoint>();
        for (var i = 0; i < series.Points.Count; i++)
        {
            var p = series.Points[i];
            if (p.Build == request.Candidate || p.Samples.Count == 0) continue;
            // a branch baseline is history: only builds before the candidate; a named build or tag may sit anywhere
            if (window.Baseline.Contains(p.Build) && (request.Baseline.Kind != BaselineKind.Branch || i < at)) baseline.Add(p);
            if (window.History.Contains(p.Build) && i < at) before.Add(p);
        }
        var pooled = request.Baseline.Kind == BaselineKind.Build ? baseline : baseline.TakeLast(request.BaselineBuilds).ToList();
        var history = BaselineSelector.HistoryOf(before.TakeLast(request.HistoryBuilds).ToList());
        var pool = BaselineSelector.Pool(pooled, history);
        // A confirmed series is judged on its confirming samples alone (docs/gating.md, "Confirming a verdict").
        var confirmed = split.For(id.ComparabilityKey, id.Metric, series.Unit);
        var result = comparer.Compare(spec, pool, confirmed?.Confirming ?? candidate?.Samples ?? []);
        var usedBuilds = pool.Builds;
        return new GateItem(id.Device, id.Suite, id.Case, id.Metric, series.Unit, series.Better, id.ComparabilityKey, request.Candidate,
            candidate?.RunIds ?? [], usedBuilds, result, confirmed?.Summary);
    }

    /// <summary>The baseline in words; a named build or tag that no run carries is a <see cref="GateInputException"/>.</summary>
    private static string DescribeBaseline(GateHistory history, GateRequest request)
    {
        var b = request.Baseline;
        switch (b.Kind)
        {
            case BaselineKind.Build:
                if (!history.Runs.Any(r => r.Build == b.Value))
                    throw new GateInputException($"--baseline build:{b.Value}: build '{b.Value}' is not in {history.Source}");
                return $"build {b.Value}";
            case BaselineKind.Tag:
                if (!history.Runs.Any(r => b.MatchesTags(r.Tags))) throw new GateInputException($"--baseline tag:{b.Value}: no stored run carries that tag");
                return $"the newest {request.BaselineBuilds} build(s) tagged {b.Value}";
            default:
                return $"the last {request.BaselineBuilds} build(s) on branch {b.Value} before the candidate (history: up to {request.HistoryBuilds} builds)";
        }
    }
}
