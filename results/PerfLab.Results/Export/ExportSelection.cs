using PerfLab.Harness.Domain;

namespace PerfLab.Results.Export;

/// <summary>Which stored samples an export writes; null fields do not filter. Only passed cases of passed or failed runs are
/// exported (what history is made of).</summary>
/// <param name="Device">A device id or model (an ingested history's device name is both).</param>
public sealed record ExportSelection(string? Build = null, string? Device = null, string? Suite = null, string? Branch = null)
{
    /// <summary>The rows, in run start order, then case and sample order as stored.</summary>
    public IReadOnlyList<ExportRow> Load(SqliteResultStore store)
    {
        var runs = store.Queries.ListRuns(new RunFilter(Suite: Suite, Build: Build, Branch: Branch))
            .Where(r => r.Status is RunStatus.Passed or RunStatus.Failed)
            .Where(r => Device is null || r.DeviceId == Device || r.DeviceModel == Device)
            .OrderBy(r => r.StartedAt).ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
        if (runs.Count == 0) return [];
        var byId = runs.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var metrics = store.Queries.RunMetricsOf(runs.Select(r => r.Id).ToList());
        var rows = new List<ExportRow>();
        foreach (var (runId, _, c) in store.Queries.LoadCaseResultsOfRuns(runs.Select(r => r.Id).ToList()))
        {
            if (c.Status != CaseStatus.Passed) continue;
            var run = byId[runId];
            var specs = metrics[runId].ToDictionary(m => m.Name, StringComparer.Ordinal);
            foreach (var s in c.Samples)
            {
                // a sample of an undeclared metric has no known direction: history leaves it out, and so does an export
                if (!specs.TryGetValue(s.Metric, out var spec)) continue;
                rows.Add(new ExportRow(runId, c.StartedAt, run.Build, run.Branch, run.Host, run.DeviceId, run.DeviceModel, run.Suite, c.Name,
                    c.Parameters, c.ComparabilityKey, s.Metric, s.Unit, spec.Better, s.Repetition, s.Value, c.Facts));
            }
        }
        return rows;
    }
}
