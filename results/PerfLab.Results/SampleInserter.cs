using System.Text;
using Microsoft.Data.Sqlite;
using PerfLab.Harness.Domain;
using SQLitePCL;

namespace PerfLab.Results;

/// <summary>The hot path of every write: sample rows through one persistent prepared statement, bound natively.</summary>
/// <remarks>
/// Microsoft.Data.Sqlite spends more time per ExecuteNonQuery (reader object, re-binding through boxed parameters)
/// than SQLite spends inserting a sample row; binding straight on the connection's handle removes that, and it
/// runs inside the caller's transaction because a transaction is a property of the connection.
/// Step, metric and unit names repeat thousands of times per case, so their UTF-8 bytes are cached.
/// </remarks>
internal sealed class SampleInserter : IDisposable
{
    private const int SqliteDone = 101;
    private const uint PreparePersistent = 0x01;
    private const int CacheLimit = 4096;

    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, byte[]> _utf8 = new(StringComparer.Ordinal);
    private sqlite3_stmt? _statement;

    public SampleInserter(SqliteConnection connection) => _connection = connection;

    public void Insert(long caseId, IReadOnlyList<RecordedSample> samples)
    {
        if (samples.Count == 0) return;
        var db = _connection.Handle ?? throw new InvalidOperationException("the connection is closed");
        var stmt = _statement ??= Prepare(db);
        Check(raw.sqlite3_bind_int64(stmt, 1, caseId), db);
        for (var i = 0; i < samples.Count; i++)
        {
            var s = samples[i];
            Check(raw.sqlite3_bind_text(stmt, 2, Utf8(s.Step)), db);
            Check(raw.sqlite3_bind_int64(stmt, 3, s.Repetition), db);
            Check(raw.sqlite3_bind_text(stmt, 4, Utf8(s.Metric)), db);
            // NaN binds as NULL, which samples.value refuses: a NaN is never stored as a figure.
            Check(raw.sqlite3_bind_double(stmt, 5, s.Value), db);
            Check(raw.sqlite3_bind_text(stmt, 6, Utf8(s.Unit)), db);
            var rc = raw.sqlite3_step(stmt);
            raw.sqlite3_reset(stmt);
            if (rc != SqliteDone) SqliteException.ThrowExceptionForRC(rc, db);
        }
    }

    private static sqlite3_stmt Prepare(sqlite3 db)
    {
        const string sql = "INSERT INTO samples (case_id, step, repetition, metric, value, unit) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
        var rc = raw.sqlite3_prepare_v3(db, sql, PreparePersistent, out var stmt);
        Check(rc, db);
        return stmt;
    }

    private ReadOnlySpan<byte> Utf8(string text)
    {
        if (_utf8.TryGetValue(text, out var bytes)) return bytes;
        if (_utf8.Count >= CacheLimit) _utf8.Clear();
        bytes = Encoding.UTF8.GetBytes(text);
        _utf8[text] = bytes;
        return bytes;
    }

    private static void Check(int rc, sqlite3 db)
    {
        if (rc != 0) SqliteException.ThrowExceptionForRC(rc, db);
    }

    public void Dispose()
    {
        _statement?.Dispose();
        _statement = null;
    }
}
