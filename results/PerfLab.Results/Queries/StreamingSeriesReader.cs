using System.Text.Json;
using Microsoft.Data.Sqlite;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Gating;
using PerfLab.Harness.Storage;
using static PerfLab.Results.Queries.QuerySql;
using static PerfLab.Results.Queries.SeriesFilterSql;

namespace PerfLab.Results.Queries;

/// <summary>The whole metric history, streamed in comparability-key order with one key held at a time.</summary>
internal sealed class StreamingSeriesReader(SqliteConnection connection, StoredRowProblems? problems)
{
    private readonly SqliteConnection _connection = connection;
    private readonly StoredRowProblems? _problems = problems;
    private readonly SeriesLookups _lookups = new(connection, problems);

    public IEnumerable<MetricSeries> StreamSeries(SeriesFilter filter)
    {
        var timeline = new BuildTimeline(_lookups.BuildStarts());
        var directions = _lookups.MetricDirections(filter);

        // Two cursors walk the same cases in the same (key, id) order: one yields each case's names once, the other
        // only (case id, metric, unit, value) per sample. Narrow sample rows halve the scan compared with repeating
        // six text columns on every sample. CROSS JOIN fixes the join order, so cases are walked through
        // ix_cases_key and neither result needs a sort: both stream.
        const string from = """
            FROM cases c INDEXED BY ix_cases_key
            CROSS JOIN runs r CROSS JOIN devices d
            """;
        const string where = "WHERE r.id = c.run_id AND d.id = c.device AND c.status = 1 AND r.status <> 4";
        const string order = "ORDER BY c.comparability_key, c.id";
        using var casesCmd = Command($"""
            SELECT c.id, c.comparability_key, c.name, r.id, r.build, r.suite, d.model
            {from} {where} {FilterSql(filter with { Metric = null })} {order}
            """);
        using var samplesCmd = Command($"""
            SELECT c.id, s.metric, s.unit, s.value
            {from} CROSS JOIN samples s {where} AND s.case_id = c.id {FilterSql(filter)} {order}
            """);
        AddFilter(casesCmd, filter);
        AddFilter(samplesCmd, filter);
        using var caseRows = casesCmd.ExecuteReader();
        using var sampleRows = samplesCmd.ExecuteReader();

        var group = new SeriesGroup(timeline, directions);
        long caseId = -1;
        string key = "", caseName = "", runId = "", build = "", suite = "", model = "";
        while (sampleRows.Read())
        {
            var id = sampleRows.GetInt64(0);
            if (id != caseId)
            {
                // The sample cursor's cases are a subsequence of the case cursor's: skip cases without (matching) samples.
                do
                {
                    if (!caseRows.Read()) throw new InvalidOperationException($"history cursors out of step at case {id}");
                } while (caseRows.GetInt64(0) != id);
                caseId = id;
                var nextKey = caseRows.GetString(1);
                if (nextKey != key)
                {
                    foreach (var series in group.Drain()) yield return series;
                    key = nextKey;
                }
                caseName = caseRows.GetString(2);
                runId = caseRows.GetString(3);
                build = caseRows.GetString(4);
                suite = caseRows.GetString(5);
                model = caseRows.GetString(6);
            }
            var value = sampleRows.GetDouble(3);
            if (!(Math.Abs(value) <= StoredValueRules.MaxMagnitude))
            {
                _problems?.Report("samples", $"run {runId}, case {id}", "value " + StoredValueRules.Sample(value));
                continue;
            }
            group.Add(key, sampleRows.GetString(1), sampleRows.GetString(2), build, runId, suite, caseName, model, value);
        }
        foreach (var series in group.Drain()) yield return series;
    }

    private SqliteCommand Command(string sql) => QuerySql.Command(_connection, sql);
}
