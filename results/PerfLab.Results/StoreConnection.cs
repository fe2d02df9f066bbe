using Microsoft.Data.Sqlite;
using PerfLab.Results.Schema;
using PerfLab.Results.Untrusted;

namespace PerfLab.Results;

/// <summary>Opening a results database: the checks a file must pass before anything runs on it, schema migration for the
/// store's own file, and the connection settings every PerfLab connection shares.</summary>
internal static class StoreConnection
{
    /// <summary>Largest number of SQLite instructions one read statement may take (a farm year's whole history is about
    /// two billion); past it the statement is interrupted instead of running on over a damaged file.</summary>
    public const long ReaderStatementSteps = 50_000_000_000;

    /// <summary>A read-only connection to a file PerfLab does not trust, once it is found to be a PerfLab database of a known
    /// schema version whose tables and indexes are exactly PerfLab's (see <see cref="SqliteResultStore.OpenReadOnly"/>).</summary>
    public static (SqliteConnection Connection, string FullPath) OpenUntrusted(string path, CancellationToken cancellation)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (DatabaseFileHeader.Problem(full) is { } problem) throw new ResultStoreException($"{full}: {problem}");
        SqliteConnection? connection = null;
        try
        {
            connection = Connect(full, SqliteOpenMode.ReadOnly, cancellation);
            var version = SchemaMigrations.CheckReadable(connection, full);
            if (ExpectedSchema.Difference(connection, "main", version) is { } difference)
                throw new ResultStoreException($"{full}: refused: {difference}");
            return (connection, full);
        }
        catch (SqliteException e)
        {
            connection?.Dispose();
            throw new ResultStoreException($"{full}: cannot read results database: {e.Message}", e);
        }
        catch
        {
            connection?.Dispose();
            throw;
        }
    }

    /// <summary>A writable connection to the store's own file, created and migrated when needed (see
    /// <see cref="SqliteResultStore.Open(string, AgentProcess)"/>).</summary>
    public static (SqliteConnection Connection, string FullPath, IReadOnlyList<int> Applied) OpenOwned(string path, AgentProcess agent)
    {
        var full = System.IO.Path.GetFullPath(path);
        var dir = System.IO.Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        // A read-only remount must stop the agent here, before anything is measured: SQLite would open an existing file
        // read-only without a word and fail only at the first write.
        if (!string.IsNullOrEmpty(dir) && StorageProblem.NotWritable(dir) is { } notWritable)
            throw new ResultStoreException($"{full}: cannot store results: {notWritable}") { IsStorageFault = true };

        if (File.Exists(full) && new FileInfo(full).Length > 0 && DatabaseFileHeader.Problem(full) is { } problem)
            throw new ResultStoreException($"{full}: {problem}");
        SqliteConnection? connection = null;
        try
        {
            connection = Connect(full, SqliteOpenMode.ReadWriteCreate);
            SqliteDefences.ApplyToWriter(connection);
            // Before anything runs on the file: a planted trigger or view would otherwise fire in the recovery update below.
            var version = SchemaMigrations.CheckReadable(connection, full, allowEmpty: true);
            if (version > 0 && ExpectedSchema.Difference(connection, "main", version) is { } difference)
                throw new ResultStoreException($"{full}: refused: {difference}");
            Pragma(connection, "PRAGMA journal_mode = WAL");
            Pragma(connection, "PRAGMA synchronous = NORMAL");
            Pragma(connection, "PRAGMA foreign_keys = ON");
            var applied = SchemaMigrations.Apply(connection, full);
            if (applied.Count > 0) DatabaseOrigin.Record(connection, agent.HostName, created: applied.Contains(1));
            return (connection, full, applied);
        }
        catch (SqliteException e)
        {
            connection?.Dispose();
            var disk = StorageProblem.Explain(e, full);
            throw new ResultStoreException($"{full}: cannot open results database: {(disk is null ? "" : disk + ": ")}{e.Message}", e)
                { IsStorageFault = disk is not null };
        }
        catch
        {
            connection?.Dispose();
            throw;
        }
    }

    /// <summary>An open connection to <paramref name="path"/> with the settings every PerfLab connection shares (the store's
    /// and <see cref="ResultReader"/>'s): no pooling, a busy timeout, and a history-sized page cache. A read-only connection
    /// also gets SQLite's defences for untrusted files (<see cref="SqliteDefences"/>).</summary>
    public static SqliteConnection Connect(string path, SqliteOpenMode mode, CancellationToken cancellation = default)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        try
        {
            connection.Open();
            // busy_timeout first: switching to WAL itself needs a lock another process may hold.
            Pragma(connection, "PRAGMA busy_timeout = 10000");
            // History reads walk cases in key order and jump around the samples index; a 64 MiB page cache instead
            // of the default 2 MiB saves most of the re-reads (measured: 11.3 s → 3.6 s for 11 M samples).
            Pragma(connection, "PRAGMA cache_size = -65536");
            if (mode == SqliteOpenMode.ReadOnly) SqliteDefences.Apply(connection, ReaderStatementSteps, attachments: 0, cancellation);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public static void Pragma(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
