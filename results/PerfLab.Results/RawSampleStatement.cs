using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace PerfLab.Results;

/// <summary>A read-only statement stepped through SQLite's own API on the store's connection, for the one query with millions
/// of rows (history samples): columns are read without the per-value checks and string allocations of a data reader, and
/// text columns whose values repeat (metric names, units) come back as the same string instance.</summary>
/// <remarks>Measured on a farm year: the window's 1.9 million sample rows took about three times as long through
/// <see cref="SqliteDataReader"/> as SQLite itself needed for them (docs/performance.md).</remarks>
internal sealed class RawSampleStatement : IDisposable
{
    private const int MaxRememberedTexts = 256;
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly List<(byte[] Utf8, string Text)> _texts = [];
    private readonly (byte[] Utf8, string Text)?[] _lastHit = new (byte[] Utf8, string Text)?[8];

    public RawSampleStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    /// <summary>Binds a named parameter if the statement uses it (null binds SQL NULL).</summary>
    public void Bind(string name, string? value)
    {
        var index = raw.sqlite3_bind_parameter_index(_statement, name);
        if (index == 0) return;
        Check(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text(_statement, index, value));
    }

    /// <summary>Advances to the next row; false at the end.</summary>
    public bool Step()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW) return true;
        if (rc == raw.SQLITE_DONE) return false;
        throw new SqliteException($"SQLite error {rc} reading history: {raw.sqlite3_errmsg(_db).utf8_to_string()}", rc);
    }

    public long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    public double Double(int column) => raw.sqlite3_column_double(_statement, column);

    /// <summary>A text column, as the same string instance each time the same value comes back.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string RepeatedText(int column)
    {
        var utf8 = raw.sqlite3_column_blob(_statement, column);
        // Rows come grouped, so the value this column had last time is the likeliest match.
        if (column < _lastHit.Length && _lastHit[column] is { } last && utf8.SequenceEqual(last.Utf8)) return last.Text;
        foreach (var known in _texts)
        {
            if (!utf8.SequenceEqual(known.Utf8)) continue;
            if (column < _lastHit.Length) _lastHit[column] = known;
            return known.Text;
        }
        var read = Encoding.UTF8.GetString(utf8);
        if (_texts.Count < MaxRememberedTexts) _texts.Add((utf8.ToArray(), read));
        return read;
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) throw new SqliteException($"SQLite error {rc} preparing a history query: {raw.sqlite3_errmsg(_db).utf8_to_string()}", rc);
    }
}
