using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace PerfLab.Results;

/// <summary>Where a results database was made: the host of the process that created it (or first upgraded it to schema 3)
/// for itself. A source database may only speak for this host when merged (docs/farm.md, "Trust model").</summary>
/// <param name="Host">Machine name of that process.</param>
/// <param name="DatabaseId">32 hex digits drawn when the row was written: tells two files of one host apart.</param>
/// <param name="How">"created" or "upgraded".</param>
public sealed record DatabaseOrigin(string Host, string DatabaseId, string CreatedAt, string CreatedBy, string How)
{
    /// <summary>The origin recorded in schema <paramref name="schemaName"/> of the connection, or null when there is none
    /// (schema before 3, or a copy migrated by a merge).</summary>
    /// <param name="atLatestSchema">The schema is known to be the latest (checked): the table is there, no need to look.</param>
    internal static DatabaseOrigin? Read(SqliteConnection connection, string schemaName, bool atLatestSchema = false)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT count(*) FROM \"{schemaName}\".sqlite_schema WHERE type = 'table' AND name = 'origin'";
        if (!atLatestSchema && Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0) return null;
        cmd.CommandText = $"SELECT host, database_id, created_at, created_by, how FROM \"{schemaName}\".origin WHERE id = 1";
        using var r = cmd.ExecuteReader();
        if (!r.Read()) return null;
        return new DatabaseOrigin(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4));
    }

    /// <summary>Records this process's host as the origin of a file it just created or upgraded; an origin already there is kept.</summary>
    internal static void Record(SqliteConnection connection, string host, bool created)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = """
            INSERT INTO origin (id, host, database_id, created_at, created_by, how)
            VALUES (1, $host, $id, $at, $by, $how) ON CONFLICT (id) DO NOTHING
            """;
        cmd.Parameters.AddWithValue("$host", host);
        cmd.Parameters.AddWithValue("$id", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        cmd.Parameters.AddWithValue("$at", StoredText.Time(DateTimeOffset.UtcNow));
        cmd.Parameters.AddWithValue("$by", "perflab " + (typeof(DatabaseOrigin).Assembly.GetName().Version?.ToString(3) ?? "unknown"));
        cmd.Parameters.AddWithValue("$how", created ? "created" : "upgraded");
        cmd.ExecuteNonQuery();
    }
}
