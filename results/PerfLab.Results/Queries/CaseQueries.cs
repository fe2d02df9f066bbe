using System.Text.Json;
using Microsoft.Data.Sqlite;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Gating;
using PerfLab.Harness.Storage;
using static PerfLab.Results.Queries.QuerySql;

namespace PerfLab.Results.Queries;

/// <summary>The cases of one run with their raw samples.</summary>
internal sealed class CaseQueries(SqliteConnection connection, StoredRowProblems? problems)
{
    private readonly SqliteConnection _connection = connection;
    private readonly StoredRowProblems? _problems = problems;

    /// <summary>The cases of one run in the order they were recorded, each with its raw samples.</summary>
    public IReadOnlyList<StoredCase> LoadCases(string runId)
    {
        var samples = new Dictionary<long, List<RecordedSample>>();
        using (var s = Command("""
            SELECT s.case_id, s.step, s.repetition, s.metric, s.value, s.unit
            FROM cases c JOIN samples s ON s.case_id = c.id
            WHERE c.run_id = $run ORDER BY s.case_id, s.rowid
            """))
        {
            s.Parameters.AddWithValue("$run", runId);
            using var r = s.ExecuteReader();
            var sample = new StoredRowDecoder(_problems);
            while (r.Read())
            {
                var id = r.GetInt64(0);
                sample.Begin("samples", $"run {runId}, case {id}");
                var value = sample.Figure("value", r.GetDouble(4), StoredValueRules.Sample);
                if (!sample.End()) continue;
                if (!samples.TryGetValue(id, out var list)) samples[id] = list = [];
                list.Add(new RecordedSample(r.GetString(1), Int(r, 2), r.GetString(3), value, r.GetString(5)));
            }
        }

        using var cmd = Command("""
            SELECT c.id, c.run_id, c.name, c.parameters, d.device_id, d.model, c.comparability_key, c.key_parts, c.status,
                   c.failure, c.failure_message
            FROM cases c JOIN devices d ON d.id = c.device
            WHERE c.run_id = $run ORDER BY c.id
            """);
        cmd.Parameters.AddWithValue("$run", runId);
        using var reader = cmd.ExecuteReader();
        var cases = new List<StoredCase>();
        var row = new StoredRowDecoder(_problems);
        while (reader.Read())
        {
            var id = reader.GetInt64(0);
            row.Begin("cases", $"run {runId}, case {id}");
            var parameters = row.Map("parameters", reader.GetString(3));
            var keyParts = row.Map("key_parts", reader.GetString(7));
            var status = row.Code<CaseStatus>("status", reader.GetInt64(8), 1, 6);
            if (!row.End()) continue;
            cases.Add(new StoredCase(id, reader.GetString(1), reader.GetString(2), parameters,
                reader.GetString(4), reader.GetString(5), reader.GetString(6), keyParts,
                status, NullableString(reader, 9), NullableString(reader, 10),
                samples.TryGetValue(id, out var list) ? list : []));
        }
        return cases;
    }

    private SqliteCommand Command(string sql) => QuerySql.Command(_connection, sql);
}
