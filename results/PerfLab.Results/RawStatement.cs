using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace PerfLab.Results;

/// <summary>A read-only statement stepped through SQLite's own API on the store's connection, for the queries with many rows
/// (history samples, metric directions): columns are read without the per-value checks and string allocations of a data reader,
/// through <see cref="SqliteEntryPoints"/> where it binds, and text columns whose values repeat (metric names, units, builds) come
/// back as one string instance per distinct value.</summary>
/// <remarks>Measured on a farm year: the window's 1.9 million sample rows took about three times as long through
/// <see cref="SqliteDataReader"/> as SQLite itself needed for them (docs/performance.md).</remarks>
internal sealed class RawStatement : IDisposable
{
    private const int MaxStackChars = 256;
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly IntPtr _handle;
    private readonly SqliteEntryPoints? _native;
    private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _textsByChars;
    private readonly string?[] _lastText = new string?[16];

    public RawStatement(SqliteConnection connection, string sql) : this(connection, sql, direct: true) { }

    /// <param name="direct">False reads through SQLitePCL's calls even where <see cref="SqliteEntryPoints"/> binds (tests compare the two).</param>
    internal RawStatement(SqliteConnection connection, string sql, bool direct)
    {
        _native = direct ? SqliteEntryPoints.Shared : null;
        _db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
        _handle = _statement.DangerousGetHandle();
        _textsByChars = _texts.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Binds a named parameter if the statement uses it (null binds SQL NULL).</summary>
    public void Bind(string name, string? value)
    {
        var index = raw.sqlite3_bind_parameter_index(_statement, name);
        if (index == 0) return;
        Check(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text(_statement, index, value));
    }

    /// <summary>Advances to the next row; false at the end.</summary>
    public unsafe bool Step()
    {
        var rc = _native is { } n ? n.Step(_handle) : raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW) return true;
        if (rc == raw.SQLITE_DONE) return false;
        throw new SqliteException($"SQLite error {rc} reading history: {raw.sqlite3_errmsg(_db).utf8_to_string()}", rc);
    }

    public unsafe long Int64(int column) => _native is { } n ? n.ColumnInt64(_handle, column) : raw.sqlite3_column_int64(_statement, column);

    public unsafe double Double(int column) => _native is { } n ? n.ColumnDouble(_handle, column) : raw.sqlite3_column_double(_statement, column);

    /// <summary>A column that may be NULL, as a double.</summary>
    public double? NullableDouble(int column) => IsNull(column) ? null : Double(column);

    /// <summary>A text column whose values seldom repeat (times), as a new string: not interned.</summary>
    public string Text(int column) => Encoding.UTF8.GetString(Utf8(column));

    /// <summary>A text column that may be NULL, as in <see cref="RepeatedText"/>.</summary>
    public string? NullableRepeatedText(int column) => IsNull(column) ? null : RepeatedText(column);

    /// <summary>A text column, as one string instance per distinct value this statement has returned (interned without
    /// allocating when the value was seen before).</summary>
    public string RepeatedText(int column)
    {
        var utf8 = Utf8(column);
        // Rows come grouped, so the value this column had last time is the likeliest match.
        if (column < _lastText.Length && _lastText[column] is { } last && Utf8Equals(utf8, last)) return last;
        string text;
        if (utf8.Length <= MaxStackChars)
        {
            Span<char> chars = stackalloc char[utf8.Length];
            chars = chars[..Encoding.UTF8.GetChars(utf8, chars)];
            if (!_textsByChars.TryGetValue(chars, out text!)) _texts.Add(text = new string(chars), text);
        }
        else
        {
            var read = Encoding.UTF8.GetString(utf8);
            if (!_texts.TryGetValue(read, out text!)) _texts.Add(text = read, text);
        }
        if (column < _lastText.Length) _lastText[column] = text;
        return text;
    }

    /// <summary>UTF-8 bytes against a string: ASCII compared in place, anything else decoded.</summary>
    private static bool Utf8Equals(ReadOnlySpan<byte> utf8, string text)
    {
        if (utf8.Length != text.Length) return !Ascii.IsValid(utf8) && Encoding.UTF8.GetString(utf8) == text;
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] >= 0x80) return Encoding.UTF8.GetString(utf8) == text;
            if (utf8[i] != text[i]) return false;
        }
        return true;
    }

    public void Dispose() => _statement.Dispose();

    private bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    private ReadOnlySpan<byte> Utf8(int column) =>
        _native is { } n ? n.ColumnSpan(_handle, column) : raw.sqlite3_column_blob(_statement, column);

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) throw new SqliteException($"SQLite error {rc} preparing a history query: {raw.sqlite3_errmsg(_db).utf8_to_string()}", rc);
    }
}
