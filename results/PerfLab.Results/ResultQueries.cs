using Microsoft.Data.Sqlite;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Gating;
using PerfLab.Harness.Storage;
using PerfLab.Results.Queries;

namespace PerfLab.Results;

/// <summary>The read side of the store: run lists, cases with samples, and metric history series.</summary>
/// <remarks>Uses the store's connection; do not write through the store while enumerating <see cref="LoadSeries"/>.</remarks>
// Each kind of question is answered by a type of its own under Queries/; this class only hands the question on.
public sealed class ResultQueries
{
    private readonly RunQueries _runs;
    private readonly RunPlaceQueries _places;
    private readonly CaseQueries _cases;
    private readonly CaseResultQueries _caseResults;
    private readonly MetricDefinitionQueries _metrics;
    private readonly SqliteConnection _connection;

    internal ResultQueries(SqliteConnection connection, StoredRowProblems? problems = null)
    {
        _connection = connection;
        Problems = problems;
        _runs = new RunQueries(connection, problems);
        _places = new RunPlaceQueries(connection, problems);
        _cases = new CaseQueries(connection, problems);
        _caseResults = new CaseResultQueries(connection, problems);
        _metrics = new MetricDefinitionQueries(connection, problems);
    }

    /// <summary>Rows the queries met that could not be used and left out (null when nobody collects them).</summary>
    public StoredRowProblems? Problems { get; }

    /// <summary>Runs newest first (by started_at) with their passed and failed case counts.</summary>
    /// <remarks>Failed counts cases that failed, were aborted for heat or failed their dependency check; skipped and not-run cases count in neither.</remarks>
    public IReadOnlyList<StoredRun> ListRuns(RunFilter? filter = null) => _runs.ListRuns(filter);

    /// <summary>Where every run sits in history (build, branch, tags, start), without the device join and case counts of
    /// <see cref="ListRuns"/>: what a gate needs of all runs to pick its window (rows that <see cref="ListRuns"/> would leave out
    /// are left out here too).</summary>
    /// <remarks>A farm's history holds one run per device per night, and the window only needs each build's branch, tags and first
    /// start: SQLite groups them, so 9,100 runs come back as 91 places. Only where a row fails the stored-value rules does every
    /// run come back one by one, so each bad row is reported as before.</remarks>
    public IReadOnlyList<RunPlace> ListRunPlaces() => _places.ListRunPlaces();

    /// <summary>The newest <paramref name="count"/> builds that have a finished run, newest first (by their first run's start).</summary>
    public IReadOnlyList<string> RecentBuilds(int count) => _runs.RecentBuilds(count);

    /// <summary>Every run of the given builds, newest first; one query however many builds.</summary>
    public IReadOnlyList<StoredRun> ListRunsOfBuilds(IReadOnlyCollection<string> builds) => _runs.ListRunsOfBuilds(builds);

    /// <summary>The metric definitions of many runs at once, by run id (see <see cref="RunMetrics"/>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<MetricSpec>> RunMetricsOf(IReadOnlyCollection<string> runIds) => _metrics.RunMetricsOf(runIds);

    /// <summary>One run by id, or null.</summary>
    public StoredRun? FindRun(string runId) => _runs.FindRun(runId);

    /// <summary>The newest finished run (passed or failed, never running or aborted) of every suite × host × device.</summary>
    public IReadOnlyList<StoredRun> LatestRuns(string? suite = null) => _runs.LatestRuns(suite);

    /// <summary>The cases of the latest finished run of every suite × device (see <see cref="LatestRuns"/>), with samples.</summary>
    public IReadOnlyList<StoredCase> LoadLatestCases(string? suite = null) =>
        LatestRuns(suite).SelectMany(r => LoadCases(r.Id)).ToList();

    /// <summary>The cases of one run in the order they were recorded, each with its raw samples.</summary>
    public IReadOnlyList<StoredCase> LoadCases(string runId) => _cases.LoadCases(runId);

    /// <summary>Everything stored for one case, rebuilt as the <see cref="CaseResult"/> that was recorded; null when absent.</summary>
    /// <remarks><see cref="Device.Environment"/> is not stored (it is how to reach a device, not what it is) and comes back empty.</remarks>
    public CaseResult? LoadCaseResult(long caseId) => _caseResults.LoadCaseResult(caseId);

    /// <summary>Every case of the given runs as its recorded <see cref="CaseResult"/> (see <see cref="LoadCaseResult"/>),
    /// in run order then recording order; six queries however many runs.</summary>
    public IReadOnlyList<(string RunId, long CaseId, CaseResult Result)> LoadCaseResultsOfRuns(IReadOnlyList<string> runIds) =>
        _caseResults.LoadCaseResultsOfRuns(runIds);

    /// <summary>The metric definitions (unit, direction, gate) the suite declared for a run.</summary>
    public IReadOnlyList<MetricSpec> RunMetrics(string runId) => _metrics.RunMetrics(runId);

    /// <summary>Metric history, one series per comparability key × metric (× unit: a changed unit starts a new series).</summary>
    /// <remarks>
    /// Only passed cases of runs that were not aborted contribute. Builds are ordered by the earliest start of any of
    /// their runs (that time is the point's timestamp); samples of several runs of one build are pooled into one point.
    /// Without a build window, series come lazily in comparability-key order from one streaming query and only one key's rows
    /// are held at a time; with one (<see cref="SeriesFilter.Builds"/>), the window is read from its runs and returned whole.
    /// A series whose metric no contributing run declared is left out, since its good direction is unknown.
    /// </remarks>
    public IEnumerable<MetricSeries> LoadSeries(SeriesFilter? filter = null)
    {
        filter ??= SeriesFilter.All;
        return filter.Builds is null
            ? new StreamingSeriesReader(_connection, Problems).StreamSeries(filter)
            : new WindowSeriesReader(_connection, Problems).LoadWindowSeries(filter);
    }
}
