using PerfLab.Harness.Domain;
using PerfLab.Harness.Gating;
using PerfLab.Harness.Storage;

namespace PerfLab.Results;

/// <summary>Reads from a store what a gate request needs (<see cref="GateHistory"/>): the runs and history of the builds
/// <see cref="GateWindow"/> names (picked from every run's place), the candidate's cases and metric definitions, so a long history
/// costs only its window.</summary>
public static class StoreGateHistory
{
    /// <summary>The gate's inputs for <paramref name="request"/>.</summary>
    public static GateHistory Load(SqliteResultStore store, GateRequest request)
    {
        var q = store.Queries;
        // The window is picked from every run's place alone; only the window's runs are read in full (a farm's 90 nights would
        // otherwise be decoded, with their case counts, for the 21 a default gate reads).
        var window = GateWindow.Of(q.ListRunPlaces(), request).All.ToList();
        var runs = q.ListRunsOfBuilds(window);
        var candidateRuns = runs.Where(r => r.Build == request.Candidate && (request.Suite is null || r.Suite == request.Suite)).ToList();
        var cases = candidateRuns.SelectMany(r => q.LoadCases(r.Id)).Select(Of).ToList();
        var metrics = q.RunMetricsOf(candidateRuns.Select(r => r.Id).ToList());
        var series = candidateRuns.Select(r => r.Suite).Distinct(StringComparer.Ordinal)
            .SelectMany(suite => q.LoadSeries(new SeriesFilter(Suite: suite, Builds: window))).ToList();
        return new GateHistory(store.Path, runs, cases, series, metrics);
    }

    /// <summary>The gate's view of a stored case: its outcome and the metrics it has samples of.</summary>
    public static GateCase Of(StoredCase c) => new(c.RunId, c.Name, c.DeviceId, c.DeviceModel, c.ComparabilityKey, c.Status, c.Failure,
        c.FailureMessage, MetricsOf(c.ComparabilityKey, c.Samples));

    /// <summary>The samples by metric and unit, in the order each pair first appears.</summary>
    /// <remarks>Keyed by <see cref="SeriesKey"/>, not grouped on a tuple: see its remarks on start-up compilation.</remarks>
    private static List<GateCaseMetric> MetricsOf(string comparabilityKey, IReadOnlyList<RecordedSample> samples)
    {
        var metrics = new List<GateCaseMetric>();
        var values = new Dictionary<SeriesKey, List<double>>();
        foreach (var s in samples)
        {
            var key = new SeriesKey(comparabilityKey, s.Metric, s.Unit);
            if (!values.TryGetValue(key, out var list))
            {
                values[key] = list = [];
                metrics.Add(new GateCaseMetric(s.Metric, s.Unit, list));
            }
            list.Add(s.Value);
        }
        return metrics;
    }
}
