using System.Globalization;
using Microsoft.Data.Sqlite;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Text;
using PerfLab.Results.Schema;
using PerfLab.Results.Untrusted;

namespace PerfLab.Results.Merge;

/// <summary>A source database after <see cref="SourceChecker"/>: refused (and why), or ready to merge with the host it speaks for
/// and the runs to refuse. Owns the private copy, if one was made.</summary>
internal sealed class CheckedSource : IDisposable
{
    public required string Source { get; init; }

    public SourceSnapshot? Snapshot { get; init; }

    /// <summary>The source, still ATTACHed as <c>src</c> on the merge connection; null when refused.</summary>
    public FarmMerger.Attachment? Attachment { get; init; }

    /// <summary>Bytes of the file (and log) checked: sizes the merge's statement budget.</summary>
    public long Bytes { get; init; }

    /// <summary>The schema version of what is attached (the latest, after a migration).</summary>
    public int Version { get; init; }

    public int? MigratedFrom { get; init; }

    /// <summary>Why the whole source is refused; null when it may be merged.</summary>
    public string? Refusal { get; init; }

    public DatabaseOrigin? Origin { get; init; }

    public string? OriginHost { get; init; }

    /// <summary>How messages say whom the source speaks for.</summary>
    public string OriginWords { get; init; } = "";

    /// <summary>What is wrong with the source's row for its own host (refuses the source when it has runs to add).</summary>
    public string? HostProblem { get; init; }

    /// <summary>Runs to refuse, by id; checked against every run the farm lacked when the source was checked.</summary>
    public IReadOnlyDictionary<string, RefusedRun> RefusedRuns { get; init; } = new Dictionary<string, RefusedRun>();

    public static CheckedSource Refused(string source, int version, string refusal, SourceSnapshot? snapshot = null) =>
        new() { Source = source, Version = version, Refusal = refusal, Snapshot = snapshot };

    public void Dispose()
    {
        Attachment?.Dispose();
        Snapshot?.Dispose();
    }
}

/// <summary>Everything a merge checks in a source before writing any of it: the file's first bytes, its schema (exactly
/// PerfLab's), <c>PRAGMA integrity_check</c>, the host it speaks for, that host's row, and every row of every run the farm lacks
/// (<see cref="SourceRunValidator"/>). It reads only the source (ATTACHed immutable) or a private copy of it.</summary>
/// <remarks>Checking ran on a second connection one source ahead of the writing for a while; on the 2-core machine it cost
/// more (a reader pinning the farm's write-ahead log kept its checkpoints from finishing) than it hid. It runs on the merge's
/// own connection, before the merge's write transaction.</remarks>
internal static class SourceChecker
{
    public static CheckedSource Check(SqliteConnection connection, StatementBudget budget, string source, long? statementSteps)
    {
        if (DatabaseFileHeader.Problem(source) is { } problem) return CheckedSource.Refused(source, -1, problem);
        SourceSnapshot? snapshot = null;
        try
        {
            // A leftover log must be replayed, which an immutable read would not do: such a source is copied with its log.
            if (File.Exists(source + "-wal") || File.Exists(source + "-journal")) snapshot = SourceSnapshot.Take(source);
            var bytes = snapshot?.Bytes ?? new FileInfo(source).Length;
            budget.SetLimit(statementSteps ?? FarmMerger.StepsFor(bytes));
            var result = CheckFile(connection, source, bytes, ref snapshot);
            snapshot = null; // owned by the result now
            return result;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return CheckedSource.Refused(source, -1, $"cannot be copied for checking: {e.Message}");
        }
        catch (SqliteException e) when (!budget.Cancelled)
        {
            var why = budget.Reason is { } reason ? $"{e.Message}: {reason}" : e.Message;
            return CheckedSource.Refused(source, -1, $"cannot be read: {why}");
        }
        finally
        {
            snapshot?.Dispose();
        }
    }

    private static CheckedSource CheckFile(SqliteConnection connection, string source, long bytes, ref SourceSnapshot? snapshot)
    {
        // Immutable: SQLite neither locks the file nor creates a -wal or -shm beside it.
        var attachment = FarmMerger.Attach(connection, SqliteUri.File(snapshot?.Path ?? source, "mode=ro&immutable=1"));
        int version;
        try
        {
            var (checkedVersion, refusal) = Inspect(connection);
            if (refusal is not null)
            {
                var refused = CheckedSource.Refused(source, checkedVersion, refusal, snapshot);
                snapshot = null;
                return refused;
            }
            version = checkedVersion;
            if (version == SchemaMigrations.LatestVersion)
            {
                var examined = Examine(connection, source, attachment, bytes, version, null, ref snapshot);
                attachment = null;
                return examined;
            }
        }
        finally
        {
            attachment?.Dispose();
        }

        // An older source is migrated in a private copy (the source file is never written) and checked again.
        snapshot ??= SourceSnapshot.Take(source);
        using (var migrate = StoreConnection.Connect(snapshot.Path, SqliteOpenMode.ReadWrite))
        {
            SqliteDefences.ApplyToWriter(migrate);
            SchemaMigrations.Apply(migrate, snapshot.Path);
        }
        attachment = FarmMerger.Attach(connection, SqliteUri.File(snapshot.Path, "mode=ro&immutable=1"));
        try
        {
            if (ExpectedSchema.Difference(connection, "src", SchemaMigrations.LatestVersion) is { } difference)
            {
                var refused = CheckedSource.Refused(source, version,
                    $"migrating a copy from schema version {version} left a schema PerfLab does not know: {difference}", snapshot);
                snapshot = null;
                return refused;
            }
            var examined = Examine(connection, source, attachment, bytes, SchemaMigrations.LatestVersion, version, ref snapshot);
            attachment = null;
            return examined;
        }
        finally
        {
            attachment?.Dispose();
        }
    }

    /// <summary>The source's schema version, or why it is refused: not PerfLab's, newer, a schema that is not exactly PerfLab's,
    /// or a file that fails <c>PRAGMA integrity_check</c>.</summary>
    private static (int Version, string? Refusal) Inspect(SqliteConnection c)
    {
        var version = (int)Math.Clamp(Scalar(c, null, "PRAGMA src.user_version"), int.MinValue, int.MaxValue);
        var appId = Scalar(c, null, "PRAGMA src.application_id");
        if (version > SchemaMigrations.LatestVersion)
        {
            return (version, $"schema version {version} is newer than this PerfLab build knows (up to {SchemaMigrations.LatestVersion}); merge with a newer perflab");
        }
        if (version <= 0 || appId != SchemaMigrations.ApplicationId)
        {
            var objects = Scalar(c, null, "SELECT count(*) FROM src.sqlite_schema");
            return (version, $"not a PerfLab results database (application_id {appId}, schema version {version}, {objects} schema objects)");
        }
        if (ExpectedSchema.Difference(c, "src", version) is { } difference) return (version, $"its schema is not PerfLab's: {difference}");
        // integrity_check, not quick_check: only the full check compares every index with its table (a flipped bit in an
        // index entry passes quick_check and would otherwise be merged as a wrong value).
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "PRAGMA src.integrity_check(1)";
            var first = Convert.ToString(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
            if (first != "ok") return (version, $"the file fails PRAGMA integrity_check: {PrintableText.Escape(first)}");
        }
        return (version, null);
    }

    /// <summary>Whom the source speaks for, and its rows: what the merge needs to know before it writes.</summary>
    private static CheckedSource Examine(SqliteConnection connection, string source, FarmMerger.Attachment attachment, long bytes, int version,
        int? migratedFrom, ref SourceSnapshot? snapshot)
    {
        var file = Path.GetFileName(source);
        var recorded = DatabaseOrigin.Read(connection, "src", atLatestSchema: true);
        string? originHost;
        string originWords;
        if (recorded is not null)
        {
            if (StoredValueRules.Name(recorded.Host) is { } badHost)
            {
                var refused = CheckedSource.Refused(source, version, $"its origin host {badHost}", snapshot);
                snapshot = null;
                return refused;
            }
            originHost = recorded.Host;
            originWords = $"{PrintableText.Escape(file)} was made on host '{PrintableText.Escape(recorded.Host)}' and may only add that host's runs";
        }
        else
        {
            // A database from before schema 3 records no origin: it may speak for the one host its runs name, no more.
            var hosts = new List<string>();
            using (var cmd = connection.CreateCommand())
            {
                cmd.CommandText = $"""
                    SELECT host FROM src.runs WHERE status <> {(long)RunStatus.Running}
                    UNION SELECT agent_host FROM src.runs WHERE status <> {(long)RunStatus.Running} AND agent_host IS NOT NULL
                    ORDER BY 1 LIMIT 6
                    """;
                using var r = cmd.ExecuteReader();
                while (r.Read()) hosts.Add(r.GetString(0));
            }
            if (hosts.Count > 1)
            {
                var refused = CheckedSource.Refused(source, version,
                    $"it records no origin host (made before schema 3) and holds runs of several hosts ({string.Join(", ", hosts.Take(5).Select(h => "'" + PrintableText.Escape(h) + "'"))}" +
                    $"{(hosts.Count > 5 ? ", ..." : "")}); an agent database holds its own host's runs only", snapshot);
                snapshot = null;
                return refused;
            }
            originHost = hosts.SingleOrDefault();
            originWords = $"{PrintableText.Escape(file)} records no origin and its runs name host '{PrintableText.Escape(originHost ?? "")}'";
        }

        // The runs the farm lacks now: the merge will add at most these (the farm only grows meanwhile).
        using var tx = connection.BeginTransaction(deferred: true);
        Execute(connection, tx, $"""
            DELETE FROM temp.merge_candidates;
            INSERT INTO temp.merge_candidates (id)
            SELECT id FROM src.runs WHERE status <> {(long)RunStatus.Running} AND id NOT IN (SELECT id FROM main.runs);
            """);
        string? hostProblem = null;
        IReadOnlyDictionary<string, RefusedRun> refusedRuns = new Dictionary<string, RefusedRun>();
        if (Scalar(connection, tx, "SELECT count(*) FROM temp.merge_candidates") > 0)
        {
            hostProblem = HostProblem(connection, tx, originHost);
            if (hostProblem is null) refusedRuns = new SourceRunValidator(connection, tx, originHost, originWords, DateTimeOffset.UtcNow).Validate();
        }
        tx.Commit();
        var result = new CheckedSource
        {
            Source = source, Attachment = attachment, Snapshot = snapshot, Bytes = bytes, Version = version, MigratedFrom = migratedFrom,
            Origin = recorded, OriginHost = originHost, OriginWords = originWords, HostProblem = hostProblem, RefusedRuns = refusedRuns,
        };
        snapshot = null;
        return result;
    }

    /// <summary>Why the source's row for its own host cannot be merged, or null. The row is the host's facts in the farm (newest
    /// wins), so a time in the future would pin them for good.</summary>
    private static string? HostProblem(SqliteConnection c, SqliteTransaction tx, string? originHost)
    {
        if (originHost is null) return "the file names no host";
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT os, architecture, processor_count, cpu_model, first_seen, last_seen FROM src.hosts WHERE name = $origin";
        cmd.Parameters.AddWithValue("$origin", originHost);
        using var r = cmd.ExecuteReader();
        if (!r.Read()) return "the file has no row for the host it speaks for";
        var now = DateTimeOffset.UtcNow;
        static string? Field(string column, string? problem) => problem is null ? null : $"{column} {problem}";
        return Field("os", StoredValueRules.Name(r.GetString(0), required: false))
            ?? Field("architecture", StoredValueRules.Name(r.GetString(1), required: false))
            ?? Field("processor_count", StoredValueRules.Integer(r.GetInt64(2), 0, 1_000_000))
            ?? Field("cpu_model", StoredValueRules.Name(r.GetString(3), required: false))
            ?? Field("first_seen", StoredValueRules.StoredTime(r.GetString(4), now))
            ?? Field("last_seen", StoredValueRules.StoredTime(r.GetString(5), now))
            ?? (string.CompareOrdinal(r.GetString(4), r.GetString(5)) > 0 ? "first_seen is after last_seen" : null);
    }

    private static void Execute(SqliteConnection c, SqliteTransaction? tx, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection c, SqliteTransaction? tx, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
