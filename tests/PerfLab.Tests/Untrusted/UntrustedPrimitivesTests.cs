using System.Globalization;
using Microsoft.Data.Sqlite;
using NUnit.Framework;
using PerfLab.Harness.Text;
using PerfLab.Results;
using PerfLab.Results.Import;
using PerfLab.Results.Untrusted;

namespace PerfLab.Tests.Untrusted;

/// <summary>The small pieces the farm's defences are built from: escaping, stored-time parsing, value rules, the statement
/// budget and strict UTF-8 lines.</summary>
public sealed class UntrustedPrimitivesTests
{
    [TestCase("plain text", "plain text")]
    [TestCase("esc\u001b[2J", @"esc\x1b[2J")]
    [TestCase("nul\0cr\rlf\n", @"nul\x00cr\x0dlf\x0a")]
    [TestCase("::warning file=x::forged", @"\x3a:warning file=x::forged")]
    [TestCase("  ::add-mask::secret", @"  \x3a:add-mask::secret")]
    [TestCase("a ::b", "a ::b")]
    [TestCase("x ##[error]y", @"x \x23#[error]y")]
    [TestCase("bidi \u202e evil", @"bidi \u202e evil")]
    [TestCase("c1 \u009b", @"c1 \x9b")]
    [TestCase("°C 🚀 Grüße", "°C 🚀 Grüße")]
    public void Escape_shows_control_characters_and_defuses_workflow_commands(string text, string expected) =>
        Assert.That(PrintableText.Escape(text), Is.EqualTo(expected));

    [Test]
    public void Escape_of_a_lone_surrogate_is_visible() => Assert.That(PrintableText.Escape("a\ud800b"), Is.EqualTo(@"a\ud800b"));

    [Test]
    public void A_printable_writer_escapes_what_it_is_given_but_keeps_its_own_line_ends()
    {
        var inner = new StringWriter { NewLine = "\n" };
        var w = new PrintableTextWriter(inner);
        w.WriteLine("row\n::warning::x");
        w.Write("::y");
        w.WriteLine();
        Assert.That(inner.ToString(), Is.EqualTo("row\\x0a::warning::x\n\\x3a:y\n"));
    }

    [Test]
    public void The_stored_time_parser_agrees_with_ParseExact()
    {
        var random = new Random(7);
        var texts = new List<string>
        {
            "2025-03-01T02:00:00.0000000Z", "2024-02-29T23:59:59.9999999Z", "2025-02-29T00:00:00.0000000Z", "0001-01-01T00:00:00.0000000Z",
            "9999-12-31T23:59:59.9999999Z", "2025-13-01T00:00:00.0000000Z", "2025-03-01T24:00:00.0000000Z", "2025-03-01T02:00:60.0000000Z",
            "yesterday", "2025-03-01T02:00:00Z", "2025-03-01 02:00:00.0000000Z", "2025-03-01T02:00:00.000000Z", "2025-03-01T02:00:00.0000000+",
            "２０２５-03-01T02:00:00.0000000Z", "0000-01-01T00:00:00.0000000Z",
        };
        for (var i = 0; i < 2000; i++)
            texts.Add(new DateTime(random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        foreach (var text in texts)
        {
            var exact = DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var expected);
            Assert.That(StoredText.TryParseTime(text, out var at), Is.EqualTo(exact), text);
            if (exact) Assert.That(at, Is.EqualTo(expected), text);
        }
    }

    [Test]
    public void Value_rules_refuse_what_means_nothing()
    {
        var now = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.That(StoredValueRules.StoredTime("yesterday", now), Does.Contain("not a time"));
        Assert.That(StoredValueRules.StoredTime("2025-06-01T02:00:00.0000000Z", now), Does.Contain("in the future"));
        Assert.That(StoredValueRules.StoredTime("2025-06-01T00:30:00.0000000Z", now), Is.Null, "within the clock-skew tolerance");
        Assert.That(StoredValueRules.JsonMap("""{"a":"1","a":"2"}"""), Does.Contain("twice"));
        Assert.That(StoredValueRules.JsonMap("""{"a":1}"""), Does.Contain("not a string"));
        Assert.That(StoredValueRules.JsonMap("[]"), Does.Contain("not a JSON object"));
        Assert.That(StoredValueRules.JsonMap("""{"k":"v"}"""), Is.Null);
        Assert.That(StoredValueRules.Sample(1e308), Does.Contain("beyond"));
        Assert.That(StoredValueRules.Sample(double.PositiveInfinity), Does.Contain("not a finite"));
        Assert.That(StoredValueRules.Sample(-273.15), Is.Null, "signed figures (a delta) are kept");
        Assert.That(StoredValueRules.Seconds(-1), Does.Contain("negative"));
        Assert.That(StoredValueRules.Name("fps\u001b[2J"), Does.Contain(@"\x1b"));
        Assert.That(StoredValueRules.Name(new string('x', 257)), Does.Contain("at most 256"));
        Assert.That(StoredValueRules.RunId("20250101T020000Z-0123456789ab"), Is.Null);
        Assert.That(StoredValueRules.RunId("a\nb"), Does.Contain(@"\x0a"));
    }

    [Test]
    public void A_defended_connection_interrupts_a_runaway_statement_and_a_cancelled_one()
    {
        const string endless = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r";
        using (var c = new SqliteConnection("Data Source=:memory:;Pooling=False"))
        {
            c.Open();
            var budget = SqliteDefences.Apply(c, 5_000_000, attachments: 0, CancellationToken.None);
            using var cmd = c.CreateCommand();
            cmd.CommandText = endless;
            var e = Assert.Throws<SqliteException>(() => cmd.ExecuteScalar())!;
            Assert.That(e.SqliteErrorCode, Is.EqualTo(9), "SQLITE_INTERRUPT");
            Assert.That(budget.Reason, Does.Contain("budget"));
            cmd.CommandText = "SELECT count(*) FROM (WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r LIMIT 1000) SELECT n FROM r)";
            Assert.That(cmd.ExecuteScalar(), Is.EqualTo(1000L), "the next statement has a budget of its own");
        }
        using (var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200)))
        using (var c = new SqliteConnection("Data Source=:memory:;Pooling=False"))
        {
            c.Open();
            var budget = SqliteDefences.Apply(c, long.MaxValue, attachments: 0, cancel.Token);
            using var cmd = c.CreateCommand();
            cmd.CommandText = endless;
            Assert.Throws<SqliteException>(() => cmd.ExecuteScalar());
            Assert.That(budget.Cancelled, Is.True);
        }
    }

    [Test]
    public void A_defended_connection_runs_no_trigger_and_no_view()
    {
        using var c = new SqliteConnection("Data Source=:memory:;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            CREATE TABLE t (x); CREATE TABLE log (x);
            CREATE TRIGGER tr AFTER INSERT ON t BEGIN INSERT INTO log VALUES (new.x); END;
            CREATE VIEW v AS SELECT x FROM t;
            """;
        cmd.ExecuteNonQuery();
        SqliteDefences.Apply(c, 1_000_000, attachments: 0, CancellationToken.None);
        cmd.CommandText = "INSERT INTO t VALUES (1); SELECT count(*) FROM log;";
        Assert.That(cmd.ExecuteScalar(), Is.EqualTo(0L));
        cmd.CommandText = "SELECT count(*) FROM v";
        Assert.Throws<SqliteException>(() => cmd.ExecuteScalar());
    }

    [Test]
    public void Utf8_lines_report_the_line_of_a_bad_byte_and_hash_the_bytes_after_a_bom()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. "a\r\nb\n"u8, 0x63, 0xE9, (byte)'\n', .. "d"u8];
        using var lines = new Utf8Lines(new MemoryStream(bytes));
        var read = new List<Utf8Line>();
        while (lines.Next(out var line)) read.Add(line);
        Assert.That(read.Select(l => (l.Number, l.Text)), Is.EqualTo(new[] { (1, (string?)"a\r"), (2, "b"), (3, null), (4, "d") }));
        Assert.That(read[2].Problem, Does.Contain("byte 0xE9 at column 2"));
        Assert.That(lines.FileHash(), Is.EqualTo(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes.AsSpan(3)))));
    }

    [Test]
    public void A_streamed_csv_gives_the_ids_the_text_reader_gave()
    {
        var text = File.ReadAllText(Infrastructure.RepoPaths.Fixture("histories", "small-history.csv"));
        var fromText = CsvHistoryReader.Read(text, "h.csv", ImportOptions.Default);
        using var stream = new MemoryStream([0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(text)]);
        var fromStream = CsvHistoryReader.Read(stream, "h.csv", ImportOptions.Default);
        Assert.That(fromStream.Runs.Select(r => (r.Run.Id, r.Run.SuiteSha256)), Is.EqualTo(fromText.Runs.Select(r => (r.Run.Id, r.Run.SuiteSha256))));
        // Pinned: the ids 'perflab ingest' gave this file before ingest streamed (6ef4526), so a re-ingest of an old history
        // stores nothing new.
        Assert.That(fromStream.Runs.Select(r => r.Run.Id),
            Is.EqualTo(new[] { "ingest-2e982608655f-aa29590e", "ingest-efc2dcf135fc-c33a9b32", "ingest-7301c332555e-101dcfc2" }));
    }
}
