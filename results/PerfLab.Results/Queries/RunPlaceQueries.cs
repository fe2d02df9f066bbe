using System.Text.Json;
using Microsoft.Data.Sqlite;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Gating;
using PerfLab.Harness.Storage;
using static PerfLab.Results.Queries.QuerySql;

namespace PerfLab.Results.Queries;

/// <summary>Where every run sits in history (build, branch, tags, first start): what a gate needs to pick its window.</summary>
internal sealed class RunPlaceQueries(SqliteConnection connection, StoredRowProblems? problems)
{
    private readonly SqliteConnection _connection = connection;
    private readonly StoredRowProblems? _problems = problems;

    /// <summary>Where every run sits in history (build, branch, tags, start), without the device join and case counts of
    /// <see cref="ResultQueries.ListRuns"/>: what a gate needs of all runs to pick its window (rows that <see cref="ResultQueries.ListRuns"/> would leave out
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

    private SqliteCommand Command(string sql) => QuerySql.Command(_connection, sql);
}
