using Microsoft.Data.Sqlite;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Gating;
using PerfLab.Harness.Storage;
using static PerfLab.Results.Queries.QuerySql;

namespace PerfLab.Results.Queries;

/// <summary>Stored cases rebuilt whole as the <see cref="CaseResult"/>s that were recorded.</summary>
internal sealed class CaseResultQueries(SqliteConnection connection, StoredRowProblems? problems)
{
    private readonly SqliteConnection _connection = connection;
    private readonly StoredRowProblems? _problems = problems;

    /// <summary>Everything stored for one case, rebuilt as the <see cref="CaseResult"/> that was recorded; null when absent.</summary>
    /// <remarks><see cref="Device.Environment"/> is not stored (it is how to reach a device, not what it is) and comes back empty.</remarks>
    public CaseResult? LoadCaseResult(long caseId) =>
        CaseResults("c.id = $id", cmd => cmd.Parameters.AddWithValue("$id", caseId)).SingleOrDefault().Result;

    /// <summary>Every case of the given runs as its recorded <see cref="CaseResult"/> (see <see cref="ResultQueries.LoadCaseResult"/>),
    /// in run order then recording order; six queries however many runs.</summary>
    public IReadOnlyList<(string RunId, long CaseId, CaseResult Result)> LoadCaseResultsOfRuns(IReadOnlyList<string> runIds)
    {
        var order = runIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
        return CaseResults("c.run_id IN (SELECT value FROM json_each($runs))",
                cmd => cmd.Parameters.AddWithValue("$runs", StoredText.List(runIds)))
            .OrderBy(c => order[c.RunId]).ThenBy(c => c.CaseId).ToList();
    }

    private List<(string RunId, long CaseId, CaseResult Result)> CaseResults(string caseWhere, Action<SqliteCommand> bind)
    {
        var decoder = new StoredRowDecoder(_problems);
        Dictionary<long, List<T>> PerCase<T>(string table, string columns, Func<SqliteDataReader, StoredRowDecoder, T> map)
        {
            using var cmd = Command($"SELECT x.case_id, c.run_id, {columns} FROM cases c JOIN {table} x ON x.case_id = c.id WHERE {caseWhere} ORDER BY x.case_id, x.rowid");
            bind(cmd);
            using var r = cmd.ExecuteReader();
            var rows = new Dictionary<long, List<T>>();
            while (r.Read())
            {
                var id = r.GetInt64(0);
                decoder.Begin(table, $"run {r.GetString(1)}, case {id}");
                var item = map(r, decoder);
                if (!decoder.End()) continue;
                if (!rows.TryGetValue(id, out var list)) rows[id] = list = [];
                list.Add(item);
            }
            return rows;
        }

        // Columns from 2 on are the table's own.
        var samples = PerCase("samples", "x.step, x.repetition, x.metric, x.value, x.unit",
            (x, d) => new RecordedSample(x.GetString(2), Int(x, 3), x.GetString(4), d.Figure("value", x.GetDouble(5), StoredValueRules.Sample), x.GetString(6)));
        var repetitions = PerCase("repetitions", "x.step, x.repetition, x.warmup, x.wall_seconds, x.exit_code, x.failure",
            (x, d) => new RepetitionRecord(x.GetString(2), Int(x, 3), x.GetInt64(4) == 1, d.Figure("wall_seconds", x.GetDouble(5), StoredValueRules.Seconds),
                x.IsDBNull(6) ? null : Int(x, 6), NullableString(x, 7)));
        var checks = PerCase("checks", "x.name, x.passed, x.detail", (x, _) => new Check(x.GetString(2), x.GetInt64(3) == 1, x.GetString(4)));
        var artifacts = PerCase("artifacts", "x.name, x.media_type, x.content, x.sha256, x.original_length",
            (x, _) => new Artifact(x.GetString(2), x.GetString(3), (byte[])x.GetValue(4), x.GetString(5), x.GetInt64(6)));
        var telemetry = PerCase("telemetry", "x.at, x.channel, x.value, x.unit, x.flag",
            (x, d) => new TelemetryPoint(d.Time("at", x.GetString(2)), x.GetString(3), d.Figure("value", x.GetDouble(4), StoredValueRules.Figure), x.GetString(5), NullableString(x, 6)));
        IReadOnlyList<T> Of<T>(Dictionary<long, List<T>> rows, long id) => rows.TryGetValue(id, out var list) ? list : [];

        using var cmd = Command($"""
            SELECT c.id, c.run_id, c.name, c.parameters, c.comparability_key, c.key_parts, c.status, c.failure, c.failure_message,
                   c.started_at, c.ended_at, c.facts,
                   d.device_id, d.family, d.model, d.labels, d.properties, d.key_properties, d.emulated
            FROM cases c JOIN devices d ON d.id = c.device WHERE {caseWhere}
            """);
        bind(cmd);
        using var r = cmd.ExecuteReader();
        var results = new List<(string, long, CaseResult)>();
        var row = new StoredRowDecoder(_problems);
        while (r.Read())
        {
            var id = r.GetInt64(0);
            row.Begin("cases", $"run {r.GetString(1)}, case {id}");
            var device = new Device(r.GetString(12), r.GetString(13), r.GetString(14), row.Map("device labels", r.GetString(15)),
                row.Map("device properties", r.GetString(16)), row.List("device key_properties", r.GetString(17)), r.GetInt64(18) == 1);
            var parameters = row.Map("parameters", r.GetString(3));
            var keyParts = row.Map("key_parts", r.GetString(5));
            var status = row.Code<CaseStatus>("status", r.GetInt64(6), 1, 6);
            var facts = row.Map("facts", r.GetString(11));
            var started = row.Time("started_at", r.GetString(9));
            var ended = row.Time("ended_at", r.GetString(10));
            if (!row.End()) continue;
            results.Add((r.GetString(1), id, new CaseResult(
                r.GetString(2), parameters, device, r.GetString(4), keyParts,
                status, NullableString(r, 7) is { } f ? new FailureClass(f) : null, NullableString(r, 8),
                Of(samples, id), Of(repetitions, id), Of(checks, id), Of(artifacts, id), Of(telemetry, id),
                facts, started, ended)));
        }
        return results;
    }

    private SqliteCommand Command(string sql) => QuerySql.Command(_connection, sql);
}
