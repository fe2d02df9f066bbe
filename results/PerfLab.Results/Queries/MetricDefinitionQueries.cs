using Microsoft.Data.Sqlite;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Gating;
using PerfLab.Harness.Storage;
using static PerfLab.Results.Queries.QuerySql;

namespace PerfLab.Results.Queries;

/// <summary>The metric definitions (unit, direction, gate) suites declared for their runs.</summary>
internal sealed class MetricDefinitionQueries(SqliteConnection connection, StoredRowProblems? problems)
{
    private readonly SqliteConnection _connection = connection;
    private readonly StoredRowProblems? _problems = problems;

    /// <summary>The metric definitions (unit, direction, gate) the suite declared for a run.</summary>
    public IReadOnlyList<MetricSpec> RunMetrics(string runId)
    {
        using var cmd = Command("""
            SELECT metric, unit, better, budget_percent, gate_min, gate_max, description
            FROM run_metrics WHERE run_id = $run ORDER BY metric
            """);
        cmd.Parameters.AddWithValue("$run", runId);
        using var r = cmd.ExecuteReader();
        var specs = new List<MetricSpec>();
        var row = new StoredRowDecoder(_problems);
        while (r.Read())
        {
            row.Begin("run_metrics", runId);
            var spec = new MetricSpec(r.GetString(0), r.GetString(1), row.Code<Better>("better", r.GetInt64(2), 1, 2),
                new MetricGate(row.NullableFigure("budget_percent", NullableDouble(r, 3), StoredValueRules.Figure),
                    row.NullableFigure("gate_min", NullableDouble(r, 4), StoredValueRules.Figure),
                    row.NullableFigure("gate_max", NullableDouble(r, 5), StoredValueRules.Figure)), NullableString(r, 6));
            if (row.End()) specs.Add(spec);
        }
        return specs;
    }

    /// <summary>The metric definitions of many runs at once, by run id (see <see cref="ResultQueries.RunMetrics"/>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<MetricSpec>> RunMetricsOf(IReadOnlyCollection<string> runIds)
    {
        // A farm's report window declares about a hundred thousand of these rows, nearly all alike: read raw, with one string
        // per distinct text.
        using var rows = new RawStatement(_connection, """
            SELECT run_id, metric, unit, better, budget_percent, gate_min, gate_max, description
            FROM run_metrics WHERE run_id IN (SELECT value FROM json_each($runs)) ORDER BY run_id, metric
            """);
        rows.Bind("$runs", StoredText.List(runIds));
        var specs = runIds.ToDictionary(id => id, _ => new List<MetricSpec>(), StringComparer.Ordinal);
        // Runs of one suite declare the same metrics: equal definitions share one (immutable) instance.
        var distinct = new Dictionary<MetricSpec, MetricSpec>();
        List<MetricSpec>? list = null;
        string? run = null;
        var row = new StoredRowDecoder(_problems);
        while (rows.Step())
        {
            var id = rows.RepeatedText(0);
            if (!ReferenceEquals(id, run)) list = specs[run = id];
            row.Begin("run_metrics", id);
            var spec = new MetricSpec(rows.RepeatedText(1), rows.RepeatedText(2), row.Code<Better>("better", rows.Int64(3), 1, 2),
                new MetricGate(row.NullableFigure("budget_percent", rows.NullableDouble(4), StoredValueRules.Figure),
                    row.NullableFigure("gate_min", rows.NullableDouble(5), StoredValueRules.Figure),
                    row.NullableFigure("gate_max", rows.NullableDouble(6), StoredValueRules.Figure)), rows.NullableRepeatedText(7));
            if (!row.End()) continue;
            if (!distinct.TryGetValue(spec, out var shared)) distinct[spec] = shared = spec;
            list!.Add(shared);
        }
        return specs.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<MetricSpec>)kv.Value, StringComparer.Ordinal);
    }

    private SqliteCommand Command(string sql) => QuerySql.Command(_connection, sql);
}
