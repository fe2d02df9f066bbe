using PerfLab.Harness.Domain;
using PerfLab.Harness.Statistics;
using PerfLab.Harness.Storage;

namespace PerfLab.Reports.Tables;

/// <summary>The figures of one suite: a row per case × device × metric, and the results that may not stand as figures.</summary>
public sealed record SuiteTable(
    string Suite,
    IReadOnlyList<SuiteTableRow> Rows,
    IReadOnlyList<ExcludedResult> Excluded,
    IReadOnlyList<string> RunIds);

/// <summary>One metric of one case on one device, summarised over its repetitions.</summary>
public sealed record SuiteTableRow(
    string Case,
    string Device,
    string Metric,
    SampleSummary Summary,
    string Unit,
    EvidenceScope Scope,
    string ComparabilityKey,
    string RunId);

/// <summary>A stored case left out of the table, with the reason a reader needs.</summary>
public sealed record ExcludedResult(string Case, string Device, string Reason, string RunId);

/// <summary>Builds <see cref="SuiteTable"/>s from stored runs: the newest run per suite and device.</summary>
public static class SuiteTableBuilder
{
    public static IReadOnlyList<SuiteTable> Build(IEnumerable<(StoredRun Run, IReadOnlyList<StoredCase> Cases)> runs)
    {
        return runs
            .GroupBy(r => r.Run.Suite, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => BuildOne(g.Key, LatestPerDevice(g)))
            .ToList();
    }

    private static IReadOnlyList<(StoredRun Run, IReadOnlyList<StoredCase> Cases)> LatestPerDevice(
        IEnumerable<(StoredRun Run, IReadOnlyList<StoredCase> Cases)> runs) =>
        // A device id is unique only on its host (every Pi's Hailo module sits at the same PCI address), so a
        // merged farm database keeps one latest run per host and device.
        runs.GroupBy(r => (r.Run.Host, r.Run.DeviceId))
            .Select(g => g.OrderByDescending(r => r.Run.StartedAt).ThenByDescending(r => r.Run.Id, StringComparer.Ordinal).First())
            .OrderBy(r => r.Run.DeviceModel, StringComparer.Ordinal).ThenBy(r => r.Run.Host, StringComparer.Ordinal)
            .ThenBy(r => r.Run.DeviceId, StringComparer.Ordinal)
            .ToList();

    private static SuiteTable BuildOne(string suite, IReadOnlyList<(StoredRun Run, IReadOnlyList<StoredCase> Cases)> runs)
    {
        var rows = new List<SuiteTableRow>();
        var excluded = new List<ExcludedResult>();
        var severalHosts = runs.Select(r => r.Run.Host).Distinct(StringComparer.Ordinal).Count() > 1;
        string DeviceName(StoredRun run) => DeviceLabel(run, severalHosts);
        foreach (var (run, cases) in runs)
        {
            if (run.Status == RunStatus.Aborted)
                excluded.Add(new ExcludedResult("(whole run)", DeviceName(run), "incomplete: the run was aborted before it ended", run.Id));
            // Cases in the order they ran (the matrix's order), metrics in the order the steps produced them.
            foreach (var c in cases.OrderBy(c => c.Id))
            {
                if (c.Status != CaseStatus.Passed)
                {
                    excluded.Add(new ExcludedResult(c.Name, DeviceName(run), ExclusionReason(c), run.Id));
                    continue;
                }
                foreach (var metric in c.Samples.GroupBy(s => s.Metric, StringComparer.Ordinal))
                {
                    if (SampleSummary.Of(metric.Select(s => s.Value)) is not { } summary) continue;
                    rows.Add(new SuiteTableRow(c.Name, DeviceName(run), metric.Key, summary, metric.First().Unit,
                        run.Scope, c.ComparabilityKey, run.Id));
                }
            }
        }
        return new SuiteTable(suite, rows, excluded, runs.Select(r => r.Run.Id).ToList());
    }

    private static string DeviceLabel(StoredRun run, bool withHost)
    {
        var name = run.DeviceModel == run.DeviceId ? run.DeviceId : $"{run.DeviceModel} ({run.DeviceId})";
        return withHost ? $"{name} on {run.Host}" : name;
    }

    private static string ExclusionReason(StoredCase c)
    {
        var word = c.Status switch
        {
            CaseStatus.DependencyCheckFailed => "dependency-check-failed",
            CaseStatus.AbortedThermal => "throttled",
            CaseStatus.NotRun => "incomplete",
            _ => "failed",
        };
        var detail = c.Failure is null ? "" : $" ({c.Failure}: {c.FailureMessage})";
        return word + detail;
    }
}
