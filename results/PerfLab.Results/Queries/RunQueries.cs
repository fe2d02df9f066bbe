using Microsoft.Data.Sqlite;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Gating;
using PerfLab.Harness.Storage;
using static PerfLab.Results.Queries.QuerySql;

namespace PerfLab.Results.Queries;

/// <summary>Which runs are stored: listed by filter, by build, by id, and the newest finished of each suite × host × device.</summary>
internal sealed class RunQueries(SqliteConnection connection, StoredRowProblems? problems)
{
    private readonly SqliteConnection _connection = connection;
    private readonly StoredRowProblems? _problems = problems;

    private const string RunColumns = """
        r.id, r.suite, r.suite_version, r.scope, r.build, r.branch, r.tags, r.host, d.device_id, d.model, d.emulated,
        r.status, r.started_at, r.ended_at,
        (SELECT count(*) FROM cases c WHERE c.run_id = r.id AND c.status = 1),
        (SELECT count(*) FROM cases c WHERE c.run_id = r.id AND c.status IN (2, 4, 5))
        """;

    /// <summary>Runs newest first (by started_at) with their passed and failed case counts.</summary>
    /// <remarks>Failed counts cases that failed, were aborted for heat or failed their dependency check; skipped and not-run cases count in neither.</remarks>
    public IReadOnlyList<StoredRun> ListRuns(RunFilter? filter = null)
    {
        filter ??= RunFilter.All;
        using var cmd = Command($"""
            SELECT {RunColumns}
            FROM runs r JOIN devices d ON d.id = r.device
            WHERE ($suite IS NULL OR r.suite = $suite) AND ($build IS NULL OR r.build = $build)
              AND ($branch IS NULL OR r.branch = $branch) AND ($host IS NULL OR r.host = $host)
            ORDER BY r.started_at DESC, r.id DESC
            LIMIT $limit
            """);
        Add(cmd, "$suite", filter.Suite);
        Add(cmd, "$build", filter.Build);
        Add(cmd, "$branch", filter.Branch);
        Add(cmd, "$host", filter.Host);
        cmd.Parameters.AddWithValue("$limit", (long)(filter.Limit ?? -1));
        return ReadRuns(cmd);
    }

    /// <summary>The newest <paramref name="count"/> builds that have a finished run, newest first (by their first run's start).</summary>
    public IReadOnlyList<string> RecentBuilds(int count)
    {
        using var cmd = Command("""
            SELECT build FROM runs WHERE status IN (2, 3)
            GROUP BY build ORDER BY min(started_at) DESC, build DESC LIMIT $count
            """);
        cmd.Parameters.AddWithValue("$count", (long)count);
        using var r = cmd.ExecuteReader();
        var builds = new List<string>();
        while (r.Read()) builds.Add(r.GetString(0));
        return builds;
    }

    /// <summary>Every run of the given builds, newest first; one query however many builds.</summary>
    public IReadOnlyList<StoredRun> ListRunsOfBuilds(IReadOnlyCollection<string> builds)
    {
        using var cmd = Command($"""
            SELECT {RunColumns}
            FROM runs r JOIN devices d ON d.id = r.device
            WHERE r.build IN (SELECT value FROM json_each($builds))
            ORDER BY r.started_at DESC, r.id DESC
            """);
        cmd.Parameters.AddWithValue("$builds", StoredText.List(builds));
        return ReadRuns(cmd);
    }

    /// <summary>One run by id, or null.</summary>
    public StoredRun? FindRun(string runId)
    {
        using var cmd = Command($"SELECT {RunColumns} FROM runs r JOIN devices d ON d.id = r.device WHERE r.id = $id");
        cmd.Parameters.AddWithValue("$id", runId);
        return ReadRuns(cmd).SingleOrDefault();
    }

    /// <summary>The newest finished run (passed or failed, never running or aborted) of every suite × host × device.</summary>
    public IReadOnlyList<StoredRun> LatestRuns(string? suite = null)
    {
        using var cmd = Command($"""
            SELECT {RunColumns}
            FROM runs r JOIN devices d ON d.id = r.device
            WHERE r.id IN (
                SELECT id FROM (
                    -- SQLite gives a bare column from the row that holds the max(). Start times are fixed-width text
                    -- (StoredText), so 'start id' orders by start, then by id: the newest run, ties to the greater id.
                    -- One pass over the runs; a window function sorting all of them took twice as long on a farm year.
                    SELECT r2.id AS id, max(r2.started_at || ' ' || r2.id)
                    FROM runs r2 JOIN devices d2 ON d2.id = r2.device
                    WHERE r2.status IN (2, 3) AND ($suite IS NULL OR r2.suite = $suite)
                    GROUP BY r2.suite, r2.host, d2.device_id))
            ORDER BY r.suite, r.host, d.device_id
            """);
        Add(cmd, "$suite", suite);
        return ReadRuns(cmd);
    }

    private List<StoredRun> ReadRuns(SqliteCommand cmd)
    {
        using var r = cmd.ExecuteReader();
        var runs = new List<StoredRun>();
        var row = new StoredRowDecoder(_problems);
        // A night's runs share a few tag sets: each text decoded once (maps are never changed after reading).
        var tagsByText = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        while (r.Read())
        {
            row.Begin("runs", r.GetString(0));
            var scope = row.Code<EvidenceScope>("scope", r.GetInt64(3), 1, 6);
            var text = r.GetString(6);
            if (!tagsByText.TryGetValue(text, out var tags)) tags = row.Map("tags", text);
            var status = row.Code<RunStatus>("status", r.GetInt64(11), 1, 4);
            var started = row.Time("started_at", r.GetString(12));
            var ended = row.NullableTime("ended_at", NullableString(r, 13));
            if (!row.End()) continue;
            tagsByText.TryAdd(text, tags);
            runs.Add(new StoredRun(r.GetString(0), r.GetString(1), r.GetString(2), scope, r.GetString(4),
                r.GetString(5), tags, r.GetString(7), r.GetString(8), r.GetString(9),
                r.GetInt64(10) == 1, status, started, ended, r.GetInt32(14), r.GetInt32(15)));
        }
        return runs;
    }

    private SqliteCommand Command(string sql) => QuerySql.Command(_connection, sql);
}
