using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace PerfLab.Results.Untrusted;

/// <summary>SQLite's defences for a database file PerfLab did not create in this process (https://sqlite.org/security.html):
/// defensive mode, no trusted schema, no triggers or views at all, small limits, and a <see cref="StatementBudget"/>.</summary>
/// <remarks>Applied to every read-only connection (read verbs, report readers) and to the merge connection that ATTACHes
/// sources. Triggers and views are switched off as well as refused by <see cref="ExpectedSchema"/>: PerfLab's schema has
/// neither, so nothing that runs with them off can differ from what PerfLab wrote.</remarks>
internal static class SqliteDefences
{
    /// <summary>Longest string or blob a defended connection reads or writes: above the largest artifact a store keeps
    /// (<see cref="StoredValueRules.MaxArtifactBytes"/>), far below SQLite's default of a gigabyte.</summary>
    public const int MaxLength = StoredValueRules.MaxArtifactBytes + 1024 * 1024;

    /// <summary>Turns the defences on for <paramref name="connection"/> (open) and returns the statement budget installed.</summary>
    /// <param name="attachments">How many databases the connection may ATTACH (the merge needs one; readers none).</param>
    public static StatementBudget Apply(SqliteConnection connection, long maxStatementSteps, int attachments, CancellationToken cancellation)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        Config(db, raw.SQLITE_DBCONFIG_DEFENSIVE, 1);
        Config(db, raw.SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0);
        Config(db, raw.SQLITE_DBCONFIG_ENABLE_TRIGGER, 0);
        Config(db, raw.SQLITE_DBCONFIG_ENABLE_VIEW, 0);
        Config(db, raw.SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0);
        raw.sqlite3_limit(db, raw.SQLITE_LIMIT_LENGTH, MaxLength);
        raw.sqlite3_limit(db, raw.SQLITE_LIMIT_SQL_LENGTH, 1_000_000);
        raw.sqlite3_limit(db, raw.SQLITE_LIMIT_COLUMN, 100);
        raw.sqlite3_limit(db, raw.SQLITE_LIMIT_EXPR_DEPTH, 100);
        raw.sqlite3_limit(db, raw.SQLITE_LIMIT_COMPOUND_SELECT, 10);
        raw.sqlite3_limit(db, raw.SQLITE_LIMIT_VDBE_OP, 25_000);
        raw.sqlite3_limit(db, raw.SQLITE_LIMIT_FUNCTION_ARG, 8);
        raw.sqlite3_limit(db, raw.SQLITE_LIMIT_ATTACHED, attachments);
        raw.sqlite3_limit(db, raw.SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 50);
        raw.sqlite3_limit(db, raw.SQLITE_LIMIT_TRIGGER_DEPTH, 1);
        var budget = new StatementBudget(maxStatementSteps, cancellation);
        budget.Install(db);
        return budget;
    }

    /// <summary>The defences a store's own read-write connection gets: defensive mode, no trusted schema, no triggers or
    /// views. No limits: an agent's writes (its artifacts) must not fail on them.</summary>
    public static void ApplyToWriter(SqliteConnection connection)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        Config(db, raw.SQLITE_DBCONFIG_DEFENSIVE, 1);
        Config(db, raw.SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0);
        Config(db, raw.SQLITE_DBCONFIG_ENABLE_TRIGGER, 0);
        Config(db, raw.SQLITE_DBCONFIG_ENABLE_VIEW, 0);
    }

    private static void Config(sqlite3 db, int option, int value)
    {
        var rc = raw.sqlite3_db_config(db, option, value, out var now);
        if (rc != raw.SQLITE_OK || now != value)
            throw new SqliteException($"SQLite refused database option {option} = {value} (rc {rc}); the file is not opened without it", rc);
    }
}
