using Microsoft.Data.Sqlite;

namespace PerfLab.Results.Schema;

/// <summary>The numbered migrations of the results schema and the code that applies them.</summary>
public static class SchemaMigrations
{
    /// <summary>PRAGMA application_id of a PerfLab results database ("PLRS"), so a foreign SQLite file is refused.</summary>
    public const int ApplicationId = 0x504C5253;

    /// <summary>Migration i takes version i to i + 1; never edit a shipped step, append a new one.</summary>
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "initial schema: hosts, devices, runs, run_metrics, cases, samples, repetitions, telemetry, checks, artifacts", SchemaV1.Sql),
        new(2, "samples: covering index (case_id, metric, unit, value) for history reads, replacing (case_id, metric)", SchemaV2.Sql),
        new(3, "origin (the host a database speaks for) and run_sources (which file brought each merged run)", SchemaV3.Sql),
    ];

    /// <summary>The schema version this build writes.</summary>
    public static int LatestVersion => All.Count;

    /// <summary>Brings the database up to <see cref="LatestVersion"/>, one transaction per step; refuses newer or foreign databases.</summary>
    /// <returns>The versions applied (empty when the database was current).</returns>
    public static IReadOnlyList<int> Apply(SqliteConnection connection, string path)
    {
        var applied = new List<int>();
        while (true)
        {
            var version = ReadVersion(connection, null);
            Refuse(connection, null, version, path);
            if (version == LatestVersion) return applied;

            // IMMEDIATE takes the write lock first, so two processes opening a fresh file cannot both migrate.
            using var tx = connection.BeginTransaction(deferred: false);
            var locked = ReadVersion(connection, tx);
            Refuse(connection, tx, locked, path);
            if (locked != version) { tx.Rollback(); continue; }

            var step = All[version];
            Execute(connection, tx, step.Sql);
            Execute(connection, tx, $"PRAGMA user_version = {step.ToVersion}; PRAGMA application_id = {ApplicationId};");
            tx.Commit();
            applied.Add(step.ToVersion);
        }
    }

    /// <summary>The schema version of a file about to be read (or written), after refusing one that is newer than this build,
    /// not a PerfLab database, or (unless <paramref name="allowEmpty"/>) an SQLite file without any schema.</summary>
    /// <exception cref="ResultStoreException">The file cannot be read as a PerfLab database; the message says why.</exception>
    public static int CheckReadable(SqliteConnection connection, string path, bool allowEmpty = false)
    {
        var version = ReadVersion(connection, null);
        Refuse(connection, null, version, path);
        if (version == 0 && !allowEmpty)
            throw new ResultStoreException($"{path}: not a PerfLab results database (an SQLite file with no PerfLab schema).");
        return version;
    }

    private static void Refuse(SqliteConnection connection, SqliteTransaction? tx, int version, string path)
    {
        if (version > LatestVersion)
        {
            throw new ResultStoreException(
                $"{path}: results schema version {version} is newer than this PerfLab build knows (up to {LatestVersion}); " +
                "open it with a newer PerfLab, this one will not write to it.");
        }
        if (version < 0) throw new ResultStoreException($"{path}: invalid results schema version {version}.");

        var appId = Scalar(connection, tx, "PRAGMA application_id");
        if (version == 0)
        {
            var tables = Scalar(connection, tx, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'");
            if (tables > 0 && appId != ApplicationId)
                throw new ResultStoreException($"{path}: not a PerfLab results database (it has {tables} tables and no PerfLab schema version).");
        }
        else if (appId != ApplicationId)
        {
            throw new ResultStoreException($"{path}: not a PerfLab results database (application_id {appId}, expected {ApplicationId}).");
        }
    }

    private static int ReadVersion(SqliteConnection connection, SqliteTransaction? tx) =>
        (int)Math.Clamp(Scalar(connection, tx, "PRAGMA user_version"), int.MinValue, int.MaxValue);

    private static long Scalar(SqliteConnection connection, SqliteTransaction? tx, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction tx, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
