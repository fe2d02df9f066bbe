using Microsoft.Data.Sqlite;

namespace PerfLab.Results.Queries;

/// <summary>Commands and column reads the query types share.</summary>
internal static class QuerySql
{
    public static SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd;
    }

    public static void Add(SqliteCommand cmd, string name, string? value) =>
        cmd.Parameters.AddWithValue(name, (object?)value ?? DBNull.Value);

    public static string? NullableString(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    /// <summary>An INTEGER column as an int, clamped: a hostile 64-bit value must not throw.</summary>
    public static int Int(SqliteDataReader r, int i) => (int)Math.Clamp(r.GetInt64(i), int.MinValue, int.MaxValue);

    public static double? NullableDouble(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
}
