using PerfLab.Harness.Domain;
using PerfLab.Harness.Storage;

namespace PerfLab.Harness.Gating;

/// <summary>Everything a gate reads, from wherever it was loaded (the store for <c>perflab gate</c>, the report's inputs for the
/// pages): the runs baselines are picked from, the candidate's cases, the metric history and the metric definitions.</summary>
/// <param name="Source">The database it came from, as a user would name it in <c>--db</c>.</param>
/// <param name="Runs">At least every run of the candidate and of the builds its baseline and history may use.</param>
/// <param name="CandidateCases">Every case of the candidate's runs.</param>
/// <param name="Series">Every series of the suites the candidate ran, holding at least the builds the gate reads.</param>
/// <param name="RunMetrics">The metric definitions per run id.</param>
public sealed record GateHistory(
    string Source,
    IReadOnlyList<StoredRun> Runs,
    IReadOnlyList<GateCase> CandidateCases,
    IReadOnlyList<MetricSeries> Series,
    IReadOnlyDictionary<string, IReadOnlyList<MetricSpec>> RunMetrics);
