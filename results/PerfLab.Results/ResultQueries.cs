using System.Text.Json;
using Microsoft.Data.Sqlite;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Gating;
using PerfLab.Harness.Storage;

namespace PerfLab.Results;

/// <summary>The read side of the store: run lists, cases with samples, and metric history series.</summary>
/// <remarks>Uses the store's connection; do not write through the store while enumerating <see cref="LoadSeries"/>.</remarks>
public sealed class ResultQueries
{
    private const string RunColumns = """
        r.id, r.suite, r.suite_version, r.scope, r.build, r.branch, r.tags, r.host, d.device_id, d.model, d.emulated,
        r.status, r.started_at, r.ended_at,
        (SELECT count(*) FROM cases c WHERE c.run_id = r.id AND c.status = 1),
        (SELECT count(*) FROM cases c WHERE c.run_id = r.id AND c.status IN (2, 4, 5))
        """;

    private readonly SqliteConnection _connection;
    private readonly StoredRowProblems? _problems;

    internal ResultQueries(SqliteConnection connection, StoredRowProblems? problems = null)
    {
        _connection = connection;
        _problems = problems;
    }

    /// <summary>Rows the queries met that could not be used and left out (null when nobody collects them).</summary>
    public StoredRowProblems? Problems => _problems;

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

    /// <summary>Where every run sits in history (build, branch, tags, start), without the device join and case counts of
    /// <see cref="ListRuns"/>: what a gate needs of all runs to pick its window (rows that <see cref="ListRuns"/> would leave out
    /// are left out here too).</summary>
    /// <remarks>A farm's history holds one run per device per night, and the window only needs each build's branch, tags and first
    /// start: SQLite groups them, so 9,100 runs come back as 91 places. Only where a row fails the stored-value rules does every
    /// run come back one by one, so each bad row is reported as before.</remarks>
    public IReadOnlyList<RunPlace> ListRunPlaces() => GroupedRunPlaces() ?? RunPlacesOneByOne();

    // What StoredText.TryParseTime accepts, in SQL. The stored format is fixed width (yyyy-MM-ddTHH:mm:ss.fffffffZ), so text
    // order is time order and min() gives the first start. strftime() writes the date and time back only when they are a real
    // one (02-30 and hour 24 move on, a month 13 gives NULL, and IS never yields NULL); year 0 it would let through.
    private const string ValidRunPlace = """
        scope BETWEEN 1 AND 6 AND status BETWEEN 1 AND 4
          AND length(started_at) = 28 AND substr(started_at, 20, 1) = '.' AND substr(started_at, 28, 1) = 'Z'
          AND substr(started_at, 21, 7) GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9]' AND substr(started_at, 1, 4) <> '0000'
          AND strftime('%Y-%m-%dT%H:%M:%S', substr(started_at, 1, 19)) IS substr(started_at, 1, 19)
        """;

    /// <summary>One place per (build, branch, tags), in the order of their first run; null when any run needs a closer look.</summary>
    private List<RunPlace>? GroupedRunPlaces()
    {
        using (var bad = Command($"SELECT EXISTS (SELECT 1 FROM runs WHERE NOT ({ValidRunPlace}))"))
            if (Convert.ToInt64(bad.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0) return null;
        // Ordered by each group's first row, so the first place of a build is the one its first run gives (GateWindow reads the
        // candidate's branch from it).
        using var cmd = Command($"""
            SELECT build, branch, tags, min(started_at), min(rowid) AS first FROM runs
            GROUP BY build, branch, tags ORDER BY first
            """);
        using var r = cmd.ExecuteReader();
        var places = new List<RunPlace>();
        var tagsByText = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        while (r.Read())
        {
            // The glob lets through a day the calendar lacks (02-30), and tags may not be JSON: those go the slow way.
            if (!StoredText.TryParseTime(r.GetString(3), out var started)) return null;
            var text = r.GetString(2);
            if (!tagsByText.TryGetValue(text, out var tags))
            {
                try { tags = StoredText.ParseMap(text); }
                catch (JsonException) { return null; }
                tagsByText[text] = tags;
            }
            places.Add(new RunPlace(r.GetString(0), r.GetString(1), tags, started));
        }
        return places;
    }

    private List<RunPlace> RunPlacesOneByOne()
    {
        using var cmd = Command("SELECT id, build, branch, tags, started_at, scope, status FROM runs");
        using var r = cmd.ExecuteReader();
        var places = new List<RunPlace>();
        var row = new StoredRowDecoder(_problems);
        var tagsByText = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        while (r.Read())
        {
            row.Begin("runs", r.GetString(0));
            row.Code<EvidenceScope>("scope", r.GetInt64(5), 1, 6);
            row.Code<RunStatus>("status", r.GetInt64(6), 1, 4);
            // nightly runs carry the same few tag sets: each text decoded once
            var text = r.GetString(3);
            if (!tagsByText.TryGetValue(text, out var tags)) tags = row.Map("tags", text);
            var started = row.Time("started_at", r.GetString(4));
            if (!row.End()) continue;
            tagsByText.TryAdd(text, tags);
            places.Add(new RunPlace(r.GetString(1), r.GetString(2), tags, started));
        }
        return places;
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
        cmd.Parameters.AddWithValue("$builds", JsonSerializer.Serialize(builds));
        return ReadRuns(cmd);
    }

    /// <summary>The metric definitions of many runs at once, by run id (see <see cref="RunMetrics"/>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<MetricSpec>> RunMetricsOf(IReadOnlyCollection<string> runIds)
    {
        // A farm's report window declares about a hundred thousand of these rows, nearly all alike: read raw, with one string
        // per distinct text.
        using var rows = new RawStatement(_connection, """
            SELECT run_id, metric, unit, better, budget_percent, gate_min, gate_max, description
            FROM run_metrics WHERE run_id IN (SELECT value FROM json_each($runs)) ORDER BY run_id, metric
            """);
        rows.Bind("$runs", JsonSerializer.Serialize(runIds));
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

    /// <summary>The cases of the latest finished run of every suite × device (see <see cref="LatestRuns"/>), with samples.</summary>
    public IReadOnlyList<StoredCase> LoadLatestCases(string? suite = null) =>
        LatestRuns(suite).SelectMany(r => LoadCases(r.Id)).ToList();

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

    /// <summary>Everything stored for one case, rebuilt as the <see cref="CaseResult"/> that was recorded; null when absent.</summary>
    /// <remarks><see cref="Device.Environment"/> is not stored (it is how to reach a device, not what it is) and comes back empty.</remarks>
    public CaseResult? LoadCaseResult(long caseId) =>
        CaseResults("c.id = $id", cmd => cmd.Parameters.AddWithValue("$id", caseId)).SingleOrDefault().Result;

    /// <summary>Every case of the given runs as its recorded <see cref="CaseResult"/> (see <see cref="LoadCaseResult"/>),
    /// in run order then recording order; six queries however many runs.</summary>
    public IReadOnlyList<(string RunId, long CaseId, CaseResult Result)> LoadCaseResultsOfRuns(IReadOnlyList<string> runIds)
    {
        var order = runIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
        return CaseResults("c.run_id IN (SELECT value FROM json_each($runs))",
                cmd => cmd.Parameters.AddWithValue("$runs", JsonSerializer.Serialize(runIds)))
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

    /// <summary>Metric history, one series per comparability key × metric (× unit: a changed unit starts a new series).</summary>
    /// <remarks>
    /// Only passed cases of runs that were not aborted contribute. Builds are ordered by the earliest start of any of
    /// their runs (that time is the point's timestamp); samples of several runs of one build are pooled into one point.
    /// Without a build window, series come lazily in comparability-key order from one streaming query and only one key's rows
    /// are held at a time; with one (<see cref="SeriesFilter.Builds"/>), the window is read from its runs and returned whole.
    /// A series whose metric no contributing run declared is left out, since its good direction is unknown.
    /// </remarks>
    public IEnumerable<MetricSeries> LoadSeries(SeriesFilter? filter = null)
    {
        filter ??= SeriesFilter.All;
        return filter.Builds is null ? StreamSeries(filter) : LoadWindowSeries(filter);
    }

    /// <summary>A build window's series, read from the window's runs outward (runs → cases → samples) so the cost follows
    /// the window, not the whole history; every series of the window is held in memory at once.</summary>
    private List<MetricSeries> LoadWindowSeries(SeriesFilter filter)
    {
        var timeline = new BuildTimeline(BuildStarts());
        var directions = MetricDirections(filter);
        var builds = filter.Builds!;
        var groups = new Dictionary<string, SeriesGroup>(StringComparer.Ordinal);
        // SQLite steps one statement on one core, and the window's sample rows are most of a report's reading: half of the
        // builds are read on a second connection meanwhile. Each build lies wholly in one half, so no point is split.
        var sibling = builds.Count >= 2 ? OpenSibling() : null;
        if (sibling is null)
        {
            ReadWindowSamples(filter, timeline, directions, groups);
        }
        else
        {
            var half = builds.Count / 2;
            var otherGroups = new Dictionary<string, SeriesGroup>(StringComparer.Ordinal);
            var other = Task.Run(() =>
            {
                using (sibling) new ResultQueries(sibling, _problems).ReadWindowSamples(filter with { Builds = builds.Take(half).ToList() }, timeline, directions, otherGroups);
            });
            ReadWindowSamples(filter with { Builds = builds.Skip(half).ToList() }, timeline, directions, groups);
            other.GetAwaiter().GetResult();
            foreach (var (key, group) in otherGroups)
            {
                if (groups.TryGetValue(key, out var mine)) mine.Absorb(group);
                else groups[key] = group;
            }
        }
        // Each key's series are finished on their own (points sorted, arrays built): over all cores, in key order.
        // (Parallel.For over an array, not PLINQ: PLINQ's start-up compilation cost more than a gate's drain.)
        var ordered = groups.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Value).ToArray();
        var drained = new IEnumerable<MetricSeries>[ordered.Length];
        Parallel.For(0, ordered.Length, k => drained[k] = ordered[k].Drain());
        return drained.SelectMany(d => d).ToList();
    }

    /// <summary>A read-only connection of its own to this database file, or null for an in-memory database, one that will not
    /// open, or while this connection is inside a transaction (another connection would not see what it has not committed).</summary>
    private SqliteConnection? OpenSibling()
    {
        var path = _connection.DataSource;
        if (string.IsNullOrEmpty(path) || path == ":memory:") return null;
        if (_connection.Handle is not { } db || SQLitePCL.raw.sqlite3_get_autocommit(db) == 0) return null;
        try
        {
            return SqliteResultStore.Connect(path, SqliteOpenMode.ReadOnly);
        }
        catch (SqliteException)
        {
            return null;
        }
    }

    /// <summary>Adds the sample rows of the filter's builds to <paramref name="groups"/> (one group per comparability key).</summary>
    // Not AggressiveOptimization: that keeps a method out of the ReadyToRun image, and a short gate then paid for compiling it
    // at start-up; the precompiled code is optimised, and on-stack replacement lifts a long loop when tiering starts at tier 0.
    private void ReadWindowSamples(
        SeriesFilter filter, BuildTimeline timeline, IReadOnlyDictionary<(string Run, string Metric), Better> directions, Dictionary<string, SeriesGroup> groups)
    {
        const string from = """
            FROM runs r INDEXED BY ix_runs_build
            CROSS JOIN cases c INDEXED BY ix_cases_run CROSS JOIN devices d
            """;
        const string where = """
            WHERE r.build IN (SELECT value FROM json_each($builds)) AND r.status <> 4
              AND c.run_id = r.id AND c.status = 1 AND d.id = c.device
            """;
        // The names repeat across the window's cases (a key once per build, a build once per case): one string each, shared
        // by every point that keeps it.
        var cases = new Dictionary<long, CaseNames>();
        using (var rows = new RawStatement(_connection,
                   $"SELECT c.id, c.comparability_key, c.name, r.id, r.build, r.suite, d.model {from} {where} {FilterSql(filter with { Metric = null, Builds = null })}"))
        {
            AddFilter(rows, filter);
            while (rows.Step())
            {
                cases[rows.Int64(0)] = new CaseNames(rows.RepeatedText(1), rows.RepeatedText(2), rows.RepeatedText(3), rows.RepeatedText(4),
                    rows.RepeatedText(5), rows.RepeatedText(6));
            }
        }

        // Narrow sample rows (case id, metric, unit, value); the case's names come from the dictionary once per case.
        using var samples = new RawStatement(_connection,
            $"SELECT c.id, s.metric, s.unit, s.value {from} CROSS JOIN samples s {where} AND s.case_id = c.id {FilterSql(filter with { Builds = null })}");
        AddFilter(samples, filter);
        long caseId = -1;
        SeriesGroup? group = null;
        var info = new CaseNames("", "", "", "", "", "");
        while (samples.Step())
        {
            var id = samples.Int64(0);
            if (id != caseId)
            {
                caseId = id;
                info = cases[id];
                if (!groups.TryGetValue(info.Key, out group)) groups[info.Key] = group = new SeriesGroup(timeline, directions, filter.Builds?.Count ?? 0);
            }
            var value = samples.Double(3);
            // A figure that is not one (1e308, infinity) would only break the statistics and charts downstream.
            if (!(Math.Abs(value) <= StoredValueRules.MaxMagnitude))
            {
                _problems?.Report("samples", $"run {info.Run}, case {id}", "value " + StoredValueRules.Sample(value));
                continue;
            }
            group!.Add(info.Key, samples.RepeatedText(1), samples.RepeatedText(2), info.Build, info.Run, info.Suite, info.Name, info.Model, value);
        }
    }

    /// <summary>What a sample row of the history needs to know about its case.</summary>
    private readonly record struct CaseNames(string Key, string Name, string Run, string Build, string Suite, string Model);

    private IEnumerable<MetricSeries> StreamSeries(SeriesFilter filter)
    {
        var timeline = new BuildTimeline(BuildStarts());
        var directions = MetricDirections(filter);

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

    /// <summary>Every build with the start of its earliest run, whatever branch or status: a build's place in history is global.</summary>
    private Dictionary<string, DateTimeOffset> BuildStarts()
    {
        using var cmd = Command("SELECT build, min(started_at) FROM runs GROUP BY build");
        using var r = cmd.ExecuteReader();
        var starts = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var row = new StoredRowDecoder(_problems);
        while (r.Read())
        {
            row.Begin("runs", "build " + r.GetString(0));
            var start = row.Time("started_at", r.GetString(1));
            if (row.End()) starts[r.GetString(0)] = start;
        }
        return starts;
    }

    private Dictionary<(string Run, string Metric), Better> MetricDirections(SeriesFilter filter)
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

    private static string FilterSql(SeriesFilter f)
    {
        // Only the filters in use are written out, so the planner sees plain equality terms.
        var parts = new List<string>();
        if (f.Suite is not null) parts.Add("AND r.suite = $suite");
        if (f.Branch is not null) parts.Add("AND r.branch = $branch");
        if (f.Builds is not null) parts.Add("AND r.build IN (SELECT value FROM json_each($builds))");
        if (f.Metric is not null) parts.Add("AND s.metric = $metric");
        if (f.ComparabilityKey is not null) parts.Add("AND c.comparability_key = $key");
        if (f.DeviceModel is not null) parts.Add("AND d.model = $model");
        return string.Join("\n", parts);
    }

    private static void AddFilter(SqliteCommand cmd, SeriesFilter f)
    {
        foreach (var (name, value) in FilterParameters(f)) Add(cmd, name, value);
    }

    private static void AddFilter(RawStatement statement, SeriesFilter f)
    {
        foreach (var (name, value) in FilterParameters(f)) statement.Bind(name, value);
    }

    private static IEnumerable<(string Name, string? Value)> FilterParameters(SeriesFilter f) =>
    [
        ("$suite", f.Suite), ("$branch", f.Branch), ("$builds", f.Builds is null ? null : JsonSerializer.Serialize(f.Builds)),
        ("$metric", f.Metric), ("$key", f.ComparabilityKey), ("$model", f.DeviceModel),
    ];

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

    private SqliteCommand Command(string sql)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd;
    }

    private static void Add(SqliteCommand cmd, string name, string? value) =>
        cmd.Parameters.AddWithValue(name, (object?)value ?? DBNull.Value);

    private static string? NullableString(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    /// <summary>An INTEGER column as an int, clamped: a hostile 64-bit value must not throw.</summary>
    private static int Int(SqliteDataReader r, int i) => (int)Math.Clamp(r.GetInt64(i), int.MinValue, int.MaxValue);

    private static double? NullableDouble(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
}
