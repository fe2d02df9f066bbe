using NUnit.Framework;
using PerfLab.Results.Merge;
using PerfLab.Tests.Infrastructure;
using static PerfLab.Tests.Farm.HostileCorpus;

namespace PerfLab.Tests.Farm;

/// <summary>The hostile corpus across the real process boundary: <c>perflab merge</c> refuses each bad file by name and keeps the
/// farm readable by every read verb; read verbs given a hostile file with <c>--db</c> refuse it or read around its bad rows,
/// never crash, never write it, and print every stored string escaped (no control byte, no line a CI runner would take for a
/// workflow command), in the terminal, Markdown, HTML, JUnit and the summary alike.</summary>
public sealed class HostileReadVerbTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    private static (int Exit, string Output) Perflab(string folder, params string[] args) => PerflabProcess.Run(folder, null, Limit, args);

    /// <summary>A file whose schema is PerfLab's but whose stored strings carry terminal escapes, NULs, carriage returns and a
    /// forged workflow command, whose values include 1e308 and 'yesterday': three nights so a candidate has a baseline.</summary>
    private static string Poisoned(string folder)
    {
        var path = Honest(folder, "poisoned.db", Host, firstNight: 0, nights: 3);
        Exec(path, """
            PRAGMA foreign_keys = OFF;
            UPDATE cases SET name = 'model' || char(27) || '[31mRED' || char(0) || 'nul' || char(13) || 'cr',
                             failure_message = 'boom' || char(10) || '::warning file=x::forged';
            UPDATE runs SET suite = '::error::forged suite', build = build || char(27) || ']0;title' || char(7)
                WHERE id IN (SELECT id FROM runs ORDER BY started_at LIMIT 2);
            UPDATE run_metrics SET description = char(10) || '::add-mask::secret';
            UPDATE devices SET model = 'HAILO' || char(8) || char(8) || 'X' || char(226, 128, 174) || 'evil';
            UPDATE samples SET value = 1e308 WHERE rowid = (SELECT min(rowid) FROM samples);
            UPDATE runs SET started_at = 'yesterday' WHERE id = (SELECT max(id) FROM runs);
            UPDATE runs SET tags = 'not json' WHERE id = (SELECT min(id) FROM runs);
            """);
        return path;
    }

    private static void AssertClean(string what, string text)
    {
        var bad = text.Where(c => c < 0x20 && c is not ('\n' or '\t') || c is >= '\u007f' and <= '\u009f' || c is >= '\u202a' and <= '\u202e').ToList();
        Assert.That(bad, Is.Empty, $"{what}: raw control characters {string.Join(" ", bad.Select(c => ((int)c).ToString("x2")))}");
        foreach (var line in text.Split('\n'))
        {
            var start = line.TrimStart();
            Assert.That(start.StartsWith("::", StringComparison.Ordinal) || line.Contains("##["), Is.False, $"{what}: a line a CI runner would read as a workflow command: {line}");
        }
    }

    [Test]
    public void Merge_names_every_refused_file_and_the_farm_stays_readable_by_every_read_verb()
    {
        using var temp = new TempDirectory();
        var farm = temp.File("farm.db");
        Assert.That(FarmMerger.Merge(farm, [Honest(temp.Path, "night0.db", Host, firstNight: 0)]).Clean, Is.True);
        var hostile = BadValues().Concat(PlantedSchema()).Append(ForgedDevice).Append(OwnLastSeenInFuture)
            .Select(e => Make(temp.Path, e)).Concat([Empty(temp.Path), NotSqlite(temp.Path), FlippedIndexBit(temp.Path)]).ToList();
        var honest = Honest(temp.Path, "night2.db", Host, firstNight: 2);

        var merge = Perflab(temp.Path, ["merge", .. hostile, honest, "--into", farm]);

        Assert.That(merge.Exit, Is.EqualTo(1), merge.Output);
        foreach (var file in hostile) Assert.That(merge.Output, Does.Contain(file + ": REFUSED"), file);
        Assert.That(merge.Output, Does.Contain(honest + ": 2 run(s) added"));
        AssertClean("merge output", merge.Output);

        var runs = Perflab(temp.Path, "runs", "--db", farm);
        Assert.That(runs.Exit, Is.Zero, runs.Output);
        Assert.That(runs.Output, Does.Not.Contain("warning"));
        var report = Perflab(temp.Path, "report", "--db", farm, "--out", temp.File("report"));
        Assert.That(report.Exit, Is.Zero, report.Output);
        var detect = Perflab(temp.Path, "detect", "--db", farm);
        Assert.That(detect.Exit, Is.Zero, detect.Output);
        var compare = Perflab(temp.Path, "compare", "--db", farm, "--candidate", "build-2");
        Assert.That(compare.Exit, Is.Zero, compare.Output);
        var gate = Perflab(temp.Path, "gate", "--db", farm, "--candidate", "build-2", "--allow-missing-baseline", "--allow-inconclusive");
        Assert.That(gate.Exit, Is.Not.EqualTo(134).And.Not.EqualTo(2), gate.Output);
        Assert.That(gate.Output, Does.Not.Contain("Unhandled"));
    }

    [Test]
    public void Read_verbs_refuse_a_planted_file_promptly_and_write_nothing()
    {
        using var temp = new TempDirectory();
        foreach (var edit in PlantedSchema())
        {
            var path = Make(temp.Path, edit);
            var bytes = File.ReadAllBytes(path);
            foreach (var verb in new[] { "runs", "detect" })
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                var r = Perflab(temp.Path, verb, "--db", path);
                Assert.That(r.Exit, Is.EqualTo(2), $"{edit} {verb}: {r.Output}");
                Assert.That(r.Output, Does.Contain(path).And.Contain("refused"), $"{edit} {verb}");
                Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), $"{edit} {verb}");
            }
            Assert.That(File.ReadAllBytes(path), Is.EqualTo(bytes), $"{edit}: a read verb wrote the file");
        }
        var empty = Perflab(temp.Path, "runs", "--db", Empty(temp.Path));
        Assert.That((empty.Exit, empty.Output.Contains("empty (0 bytes)")), Is.EqualTo((2, true)), empty.Output);
    }

    [Test]
    public void Read_verbs_read_around_bad_rows_and_escape_every_stored_string()
    {
        using var temp = new TempDirectory();
        var db = Poisoned(temp.Path);
        var bytes = File.ReadAllBytes(db);

        var runs = Perflab(temp.Path, "runs", "--db", db);
        Assert.That(runs.Exit, Is.Zero, runs.Output);
        Assert.That(runs.Output, Does.Contain($"perflab: warning: {db}: table runs").And.Contain("started_at 'yesterday' is not a stored time"));
        Assert.That(runs.Output, Does.Contain(@"build-0\x1b]0;title"));
        AssertClean("runs", runs.Output);

        var report = Perflab(temp.Path, "report", "--db", db, "--out", temp.File("report"));
        Assert.That(report.Exit, Is.Zero, report.Output);
        Assert.That(report.Output, Does.Not.Contain("Unhandled"));
        var files = Directory.GetFiles(temp.File("report"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".md", StringComparison.Ordinal) || f.EndsWith(".html", StringComparison.Ordinal) || f.EndsWith(".svg", StringComparison.Ordinal)).ToList();
        Assert.That(files.Count(f => f.EndsWith(".md", StringComparison.Ordinal)), Is.GreaterThan(3));
        foreach (var f in files) AssertClean(Path.GetFileName(f), File.ReadAllText(f));
        Assert.That(string.Concat(files.Select(File.ReadAllText)), Does.Contain(@"\x1b"), "the escapes are visible, not dropped");

        foreach (var verb in new[] { "compare", "gate" })
        {
            var junit = temp.File(verb + ".xml");
            var summary = temp.File(verb + ".md");
            string[] args = verb == "gate"
                ? ["gate", "--db", db, "--candidate", "build-2", "--junit", junit, "--summary", summary]
                : ["compare", "--db", db, "--candidate", "build-2"];
            var r = Perflab(temp.Path, args);
            Assert.That(r.Exit, Is.Not.EqualTo(134).And.Not.EqualTo(2), $"{verb}: {r.Output}");
            Assert.That(r.Output, Does.Not.Contain("Unhandled"));
            AssertClean(verb, r.Output);
            if (verb == "gate")
            {
                AssertClean("junit", File.ReadAllText(junit));
                AssertClean("summary", File.ReadAllText(summary));
            }
        }
        var detect = Perflab(temp.Path, "detect", "--db", db);
        Assert.That(detect.Exit, Is.Zero, detect.Output);
        AssertClean("detect", detect.Output);
        Assert.That(File.ReadAllBytes(db), Is.EqualTo(bytes), "no read verb wrote the file");
    }

    [Test]
    public void Ingest_refuses_bytes_that_are_not_utf8_and_json_keys_given_twice_with_file_and_line()
    {
        using var temp = new TempDirectory();
        var csv = temp.File("latin1.csv");
        var text = "timestamp,build,device,suite,case,metric,unit,better,value\n2025-03-01T02:00:00Z,b1,dev,s,caf\u00e9,fps,fps,higher,1\n";
        File.WriteAllBytes(csv, System.Text.Encoding.Latin1.GetBytes(text));
        var db = temp.File("x.db");
        var r = Perflab(temp.Path, "ingest", csv, "--db", db);
        Assert.That(r.Exit, Is.EqualTo(2), r.Output);
        Assert.That(r.Output, Does.Contain("latin1.csv:2: is not valid UTF-8 (byte 0xE9 at column 34)"));

        var json = temp.File("twice.json");
        File.WriteAllText(json, """
            {
              "format": "perflab-run/1", "suite": "s", "build": "b1", "started_at": "2025-03-01T02:00:00Z",
              "device": { "id": "d", "model": "m" },
              "metrics": [ { "name": "fps", "unit": "fps", "better": "higher" } ],
              "cases": [ { "name": "c", "samples": { "fps": [1, 2] } } ],
              "build": "b2"
            }
            """);
        r = Perflab(temp.Path, "ingest", json, "--db", db);
        Assert.That(r.Exit, Is.EqualTo(2), r.Output);
        Assert.That(r.Output, Does.Contain("twice.json:6: $.build: the key appears twice"));
        Assert.That(File.Exists(db), Is.False, "nothing was stored, not even an empty database");
    }
}
