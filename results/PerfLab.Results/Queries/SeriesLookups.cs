using System.Text.Json;
using Microsoft.Data.Sqlite;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Gating;
using PerfLab.Harness.Storage;
using static PerfLab.Results.Queries.QuerySql;
using static PerfLab.Results.Queries.SeriesFilterSql;

namespace PerfLab.Results.Queries;

/// <summary>What every history read needs besides the samples: each build's place in time and each metric's good direction.</summary>
internal sealed class SeriesLookups(SqliteConnection connection, StoredRowProblems? problems)
{
    private readonly SqliteConnection _connection = connection;
    private readonly StoredRowProblems? _problems = problems;

    /// <summary>Every build with the start of its earliest run, whatever branch or status: a build's place in history is global.</summary>
    public List<BuildTimeline.BuildStart> BuildStarts()
    {
        using var cmd = Command("SELECT build, min(started_at) FROM runs GROUP BY build");
        using var r = cmd.ExecuteReader();
        var starts = new List<BuildTimeline.BuildStart>();
        var row = new StoredRowDecoder(_problems);
        while (r.Read())
        {
            row.Begin("runs", "build " + r.GetString(0));
            var start = row.Time("started_at", r.GetString(1));
            if (row.End()) starts.Add(new BuildTimeline.BuildStart(r.GetString(0), start));
        }
        return starts;
    }

    public Dictionary<(string Run, string Metric), Better> MetricDirections(SeriesFilter filter)
    {
        // Only the run filters apply here (cases and samples are not joined); FilterSql writes out only those in use,
        // since an "$x IS NULL OR ..." term would keep the planner off ix_runs_build.
        var runFilters = FilterSql(filter with { Metric = null, ComparabilityKey = null, DeviceModel = null });
        // A window's runs declare tens of thousands of these rows: read raw, one string per distinct text.
        using var rows = new RawStatement(_connection, $"""
            SELECT m.run_id, m.metric, m.better FROM run_metrics m JOIN runs r ON r.id = m.run_id
            WHERE r.status <> 4 {runFilters} {(filter.Metric is null ? "" : "AND m.metric = $metric")}
            """);
        AddFilter(rows, filter);
        var map = new Dictionary<(string, string), Better>();
        while (rows.Step())
        {
            var better = rows.Int64(2);
            if (better is (long)Better.Higher or (long)Better.Lower) map[(rows.RepeatedText(0), rows.RepeatedText(1))] = (Better)better;
            else _problems?.Report("run_metrics", rows.RepeatedText(0), $"better {better} is not a known code (1–2)");
        }
        return map;
    }

    private SqliteCommand Command(string sql) => QuerySql.Command(_connection, sql);
}
