using System.Text.Json;
using Microsoft.Data.Sqlite;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Gating;
using PerfLab.Harness.Storage;
using static PerfLab.Results.Queries.QuerySql;
using static PerfLab.Results.Queries.SeriesFilterSql;

namespace PerfLab.Results.Queries;

/// <summary>A build window's metric history, read from the window's runs outward and returned whole.</summary>
internal sealed class WindowSeriesReader(SqliteConnection connection, StoredRowProblems? problems)
{
    private readonly SqliteConnection _connection = connection;
    private readonly StoredRowProblems? _problems = problems;
    private readonly SeriesLookups _lookups = new(connection, problems);

    /// <summary>A build window's series, read from the window's runs outward (runs → cases → samples) so the cost follows
    /// the window, not the whole history; every series of the window is held in memory at once.</summary>
    public List<MetricSeries> LoadWindowSeries(SeriesFilter filter)
    {
        var timeline = new BuildTimeline(_lookups.BuildStarts());
        var directions = _lookups.MetricDirections(filter);
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
                using (sibling) new WindowSeriesReader(sibling, _problems).ReadWindowSamples(filter with { Builds = builds.Take(half).ToList() }, timeline, directions, otherGroups);
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
        var keys = groups.Keys.ToArray();
        Array.Sort(keys, StringComparer.Ordinal);
        var ordered = Array.ConvertAll(keys, k => groups[k]);
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
            return StoreConnection.Connect(path, SqliteOpenMode.ReadOnly);
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

    private SqliteCommand Command(string sql) => QuerySql.Command(_connection, sql);
}
