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
/// Rows go in batches of <see cref="BatchRows"/> per statement (case id bound once as ?1), which saves a step,
/// a reset and SQLite's statement start-up per row; the remainder uses the one-row statement.
/// </remarks>
internal sealed class SampleInserter : IDisposable
{
    private const int SqliteDone = 101;
    private const uint PreparePersistent = 0x01;
    private const int CacheLimit = 4096;
    private const int BatchRows = 32;

    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, byte[]> _utf8 = new(StringComparer.Ordinal);
    private sqlite3_stmt? _single;
    private sqlite3_stmt? _batch;

    public SampleInserter(SqliteConnection connection) => _connection = connection;

    public void Insert(long caseId, IReadOnlyList<RecordedSample> samples)
    {
        if (samples.Count == 0) return;
        var db = _connection.Handle ?? throw new InvalidOperationException("the connection is closed");
        var i = 0;
        if (samples.Count >= BatchRows)
        {
            var batch = _batch ??= Prepare(db, BatchRows);
            Check(raw.sqlite3_bind_int64(batch, 1, caseId), db);
            for (; i + BatchRows <= samples.Count; i += BatchRows)
            {
                for (var k = 0; k < BatchRows; k++) Bind(batch, 2 + 5 * k, samples[i + k], db);
                Step(batch, db);
            }
        }
        if (i == samples.Count) return;
        var single = _single ??= Prepare(db, 1);
        Check(raw.sqlite3_bind_int64(single, 1, caseId), db);
        for (; i < samples.Count; i++)
        {
            Bind(single, 2, samples[i], db);
            Step(single, db);
        }
    }

    private void Bind(sqlite3_stmt stmt, int first, RecordedSample s, sqlite3 db)
    {
        Check(raw.sqlite3_bind_text(stmt, first, Utf8(s.Step)), db);
        Check(raw.sqlite3_bind_int64(stmt, first + 1, s.Repetition), db);
        Check(raw.sqlite3_bind_text(stmt, first + 2, Utf8(s.Metric)), db);
        // NaN binds as NULL, which samples.value refuses: a NaN is never stored as a figure.
        Check(raw.sqlite3_bind_double(stmt, first + 3, s.Value), db);
        Check(raw.sqlite3_bind_text(stmt, first + 4, Utf8(s.Unit)), db);
    }

    private static void Step(sqlite3_stmt stmt, sqlite3 db)
    {
        var rc = raw.sqlite3_step(stmt);
        raw.sqlite3_reset(stmt);
        if (rc != SqliteDone) SqliteException.ThrowExceptionForRC(rc, db);
    }

    private static sqlite3_stmt Prepare(sqlite3 db, int rows)
    {
        var sql = new StringBuilder("INSERT INTO samples (case_id, step, repetition, metric, value, unit) VALUES ");
        for (var k = 0; k < rows; k++)
        {
            var p = 2 + 5 * k;
            sql.Append(k == 0 ? "" : ", ").Append($"(?1, ?{p}, ?{p + 1}, ?{p + 2}, ?{p + 3}, ?{p + 4})");
        }
        Check(raw.sqlite3_prepare_v3(db, sql.ToString(), PreparePersistent, out var stmt), db);
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
        _single?.Dispose();
        _batch?.Dispose();
        _single = _batch = null;
    }
}
