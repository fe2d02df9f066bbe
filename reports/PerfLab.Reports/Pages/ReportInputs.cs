using PerfLab.Harness.Domain;
using PerfLab.Harness.Gating;
using PerfLab.Harness.Storage;
using PerfLab.Reports.Evidence;
using PerfLab.Results;

namespace PerfLab.Reports.Pages;

/// <summary>Everything the reports are built from, read once from the store: the newest finished run of every suite ×
/// device with its cases, the runs, metric history and metric definitions of the most recent builds, and the cases of the build
/// the nightly and gate pages judge.</summary>
/// <param name="Source">The database path, as the pages' <c>perflab gate</c> commands name it.</param>
/// <param name="Candidate">The build the nightly and gate pages judge ("" when the store is empty).</param>
/// <param name="CandidateCases">Every case of the candidate's runs, as the gate reads them.</param>
public sealed record ReportInputs(
    IReadOnlyList<EvidenceCase> LatestCases,
    IReadOnlyList<StoredRun> Runs,
    IReadOnlyList<MetricSeries> Series,
    IReadOnlyDictionary<string, IReadOnlyList<MetricSpec>> RunMetrics,
    IReadOnlyDictionary<string, ModelCard> ModelCards,
    string Source = "",
    string Candidate = "",
    IReadOnlyList<GateCase>? CandidateCases = null)
{
    /// <summary>How many recent builds of history the nightly trends and the gate read by default.</summary>
    public const int DefaultHistoryBuilds = 30;

    /// <summary>Reads the inputs; <paramref name="modelCards"/> are the declared model descriptions (may be empty).</summary>
    /// <param name="historyBuilds">History window: trends, change points and the gate see only the newest this many builds
    /// (plus <paramref name="extraBuilds"/>), so a farm's year of history reports as fast as a week.</param>
    /// <param name="candidate">The build the nightly and gate pages judge; null: the newest build.</param>
    public static ReportInputs Load(
        SqliteResultStore store, IReadOnlyDictionary<string, ModelCard> modelCards,
        int historyBuilds = DefaultHistoryBuilds, IReadOnlyCollection<string>? extraBuilds = null, string? candidate = null)
    {
        var q = store.Queries;
        var builds = q.RecentBuilds(historyBuilds).Concat(extraBuilds ?? []).Distinct(StringComparer.Ordinal).ToList();
        // The history is most of the reading: it goes on a connection of its own while this one reads the latest results.
        var history = Task.Run(() =>
        {
            using var reader = ResultReader.Open(store);
            return reader.Queries.LoadSeries(new SeriesFilter(Builds: builds)).ToList();
        });
        var latest = q.LatestRuns();
        var runsById = latest.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var cases = q.LoadCaseResultsOfRuns(latest.Select(r => r.Id).ToList())
            .Select(c => new EvidenceCase(runsById[c.RunId], c.CaseId, c.Result)).ToList();
        var runs = q.ListRunsOfBuilds(builds).OrderBy(r => r.StartedAt).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        var metrics = q.RunMetricsOf(runs.Select(r => r.Id).ToList());
        var series = history.GetAwaiter().GetResult();
        var inputs = new ReportInputs(cases, runs, series, metrics, modelCards, store.Path);
        var judged = candidate ?? (inputs.Builds() is { Count: > 0 } all ? all[^1] : "");
        var candidateCases = runs.Where(r => r.Build == judged).SelectMany(r => q.LoadCases(r.Id)).Select(StoreGateHistory.Of).ToList();
        return inputs with { Candidate = judged, CandidateCases = candidateCases };
    }

    /// <summary>What the gate reads, from these inputs: the same verdicts as <c>perflab gate</c> on the store they came from, as long
    /// as the history window holds the builds the request reads (<see cref="GateWindow"/>).</summary>
    public GateHistory GateHistory() => new(Source, Runs, CandidateCases ?? [], Series, RunMetrics);

    /// <summary>Builds in the order they were first run.</summary>
    public IReadOnlyList<string> Builds() => Runs.GroupBy(r => r.Build, StringComparer.Ordinal)
        .OrderBy(g => g.Min(r => r.StartedAt)).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToList();

    /// <summary>The metric definition a series' newest run declared, or null.</summary>
    public MetricSpec? SpecFor(MetricSeries series)
    {
        for (var i = series.Points.Count - 1; i >= 0; i--)
        {
            foreach (var runId in series.Points[i].RunIds)
            {
                if (!RunMetrics.TryGetValue(runId, out var specs)) continue;
                foreach (var spec in specs)
                {
                    if (spec.Name == series.Identity.Metric) return spec;
                }
            }
        }
        return null;
    }

    /// <summary>True when any stored run is emulated: every page then carries the banner.</summary>
    public bool AnyEmulated => Runs.Any(r => r.Emulated || r.Scope == EvidenceScope.Emulated);
}

/// <summary>Narrowing of <see cref="ReportInputs"/>.</summary>
public static class ReportInputsFilter
{
    /// <summary>Only the named suites' cases, runs and series (null: all).</summary>
    public static ReportInputs OnlySuites(this ReportInputs inputs, IReadOnlySet<string>? suites) => suites is null
        ? inputs
        : inputs with
        {
            LatestCases = inputs.LatestCases.Where(c => suites.Contains(c.Run.Suite)).ToList(),
            Runs = inputs.Runs.Where(r => suites.Contains(r.Suite)).ToList(),
            Series = inputs.Series.Where(s => suites.Contains(s.Identity.Suite)).ToList(),
        };
}
