using Microsoft.Data.Sqlite;
using NUnit.Framework;
using PerfLab.Results;

namespace PerfLab.Tests.Results;

public sealed class RawStatementTests
{
    private SqliteConnection _connection = null!;

    [SetUp]
    public void SetUp()
    {
        _connection = new SqliteConnection("Data Source=:memory:");
        _connection.Open();
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = """
            CREATE TABLE t (id INTEGER, name TEXT, unit TEXT, value REAL, note TEXT);
            INSERT INTO t VALUES (1, 'fps', 'fps', 10.5, NULL), (1, 'fps', 'fps', -3, 'x'), (2, 'latency', 'ms', 0.125, 'Grüße'),
                                 (3, 'fps', '°C', 0, ''), (4, 'latency', 'ms', 2.25, 'Grüße'), (5, '', 'ms', 7, NULL);
            """;
        cmd.ExecuteNonQuery();
    }

    [TearDown]
    public void TearDown() => _connection.Dispose();

    [Test]
    public void The_sqlite_library_binds_directly_here()
    {
        Assert.That(SqliteEntryPoints.Shared, Is.Not.Null, "the function pointers into e_sqlite3 should bind wherever SQLitePCL's own calls do");
    }

    [Test]
    public void Direct_and_sqlitepcl_calls_read_the_same_rows()
    {
        Assert.That(Read(direct: true), Is.EqualTo(Read(direct: false)));
        Assert.That(Read(direct: true)[2], Is.EqualTo((2L, "latency", "ms", 0.125, (string?)"Grüße")));
        Assert.That(Read(direct: true)[0].Note, Is.Null);
    }

    [Test]
    public void Repeated_texts_come_back_as_one_instance_per_value_even_when_not_consecutive()
    {
        using var rows = new RawStatement(_connection, "SELECT name, note FROM t ORDER BY rowid");
        var names = new List<string>();
        var notes = new List<string?>();
        while (rows.Step())
        {
            names.Add(rows.RepeatedText(0));
            notes.Add(rows.NullableRepeatedText(1));
        }
        Assert.That(names, Is.EqualTo(new[] { "fps", "fps", "latency", "fps", "latency", "" }));
        Assert.That(names[3], Is.SameAs(names[0]));
        Assert.That(names[4], Is.SameAs(names[2]));
        Assert.That(notes[4], Is.SameAs(notes[2]).And.EqualTo("Grüße"), "non-ASCII text is interned as well");
    }

    [Test]
    public void A_bad_query_names_sqlite_error()
    {
        var e = Assert.Throws<SqliteException>(() => new RawStatement(_connection, "SELECT nope FROM t").Dispose());
        Assert.That(e!.Message, Does.Contain("no such column"));
    }

    private List<(long Id, string Name, string Unit, double Value, string? Note)> Read(bool direct)
    {
        using var rows = new RawStatement(_connection, "SELECT id, name, unit, value, note FROM t WHERE id >= $min ORDER BY rowid", direct);
        rows.Bind("$min", "1");
        var read = new List<(long, string, string, double, string?)>();
        while (rows.Step()) read.Add((rows.Int64(0), rows.RepeatedText(1), rows.RepeatedText(2), rows.Double(3), rows.NullableRepeatedText(4)));
        return read;
    }
}
