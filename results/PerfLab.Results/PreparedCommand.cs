using Microsoft.Data.Sqlite;

namespace PerfLab.Results;

/// <summary>A command prepared once with positional parameters, re-executed with new values (null and NaN → SQL NULL).</summary>
internal sealed class PreparedCommand : IDisposable
{
    private bool _prepared;

    public PreparedCommand(SqliteConnection connection, string sql, IReadOnlyList<string> names)
    {
        Command = connection.CreateCommand();
        Command.CommandText = sql;
        foreach (var n in names) Command.Parameters.Add(new SqliteParameter { ParameterName = n, Value = DBNull.Value });
    }

    public SqliteCommand Command { get; }

    public SqliteParameterCollection Parameters => Command.Parameters;

    /// <summary>Binds the command to the transaction; prepares it on first use (a statement prepared outside the schema's creation would fail).</summary>
    public void Begin(SqliteTransaction tx)
    {
        Command.Transaction = tx;
        if (!_prepared) { Command.Prepare(); _prepared = true; }
    }

    public int Run(SqliteTransaction tx, params object?[] values)
    {
        Bind(tx, values);
        return Command.ExecuteNonQuery();
    }

    public object? Scalar(SqliteTransaction tx, params object?[] values)
    {
        Bind(tx, values);
        return Command.ExecuteScalar();
    }

    private void Bind(SqliteTransaction tx, object?[] values)
    {
        Begin(tx);
        var p = Command.Parameters;
        if (values.Length != p.Count) throw new ArgumentException($"expected {p.Count} values, got {values.Length}", nameof(values));
        // NaN binds as NULL, as SQLite's own double binding does: value columns are NOT NULL, so a NaN is refused by the
        // schema with the column's name instead of by the driver with none.
        for (var i = 0; i < values.Length; i++) p[i].Value = values[i] is null or double.NaN ? DBNull.Value : values[i];
    }

    public void Dispose() => Command.Dispose();
}
