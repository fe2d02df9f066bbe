using NUnit.Framework;
using PerfLab.Results;
using PerfLab.Results.Import;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Gating;

/// <summary>The file path of CSV ingest: checked in one pass, cases built from a second pass while the store writes them.</summary>
[TestFixture]
public sealed class CsvTwoPassIngestTests
{
    private static string Fixture => File.ReadAllText(RepoPaths.Fixture("histories", "small-history.csv"));

    private static (string Id, string Case, string Key, int Samples, double Sum)[] Shape(ImportResult r) =>
        r.Runs.SelectMany(run => run.Cases.Select(c => (run.Run.Id, c.Name, c.ComparabilityKey, c.Samples.Count, c.Samples.Sum(s => s.Value))))
            .OrderBy(x => x.Id, StringComparer.Ordinal).ThenBy(x => x.Name, StringComparer.Ordinal).ToArray();

    [Test]
    public void Two_passes_give_the_runs_cases_and_samples_of_the_one_pass_reader()
    {
        using var dir = new TempDirectory();
        var path = dir.File("h.csv");
        File.WriteAllText(path, Fixture);
        var oneArray = Shape(CsvHistoryReader.Read(Fixture, "h.csv", ImportOptions.Default));
        var twoArray = Shape(CsvHistoryReader.ReadFile(path, "h.csv", ImportOptions.Default));
        Assert.That(twoArray, Is.EqualTo(oneArray));
    }

    [Test]
    public void Interleaved_runs_are_read_whole_and_a_run_the_store_skipped_is_not_kept()
    {
        using var dir = new TempDirectory();
        var lines = Fixture.TrimEnd('\n').Split('\n');
        // Alternate the rows of the b01 rpi5 run with those of the other runs: every run stays open across the others.
        var data = lines.Skip(1).ToList();
        var interleaved = data.Where((_, i) => i % 2 == 0).Concat(data.Where((_, i) => i % 2 == 1)).ToList();
        var path = dir.File("mixed.csv");
        File.WriteAllLines(path, new[] { lines[0] }.Concat(interleaved));
        var expected = Shape(CsvHistoryReader.Read(File.ReadAllText(path), "mixed.csv", ImportOptions.Default));
        Assert.That(Shape(CsvHistoryReader.ReadFile(path, "mixed.csv", ImportOptions.Default)), Is.EqualTo(expected));

        using var store = SqliteResultStore.Open(dir.File("h.db"));
        var first = HistoryIngester.Ingest(store, CsvHistoryReader.ReadFile(path, "mixed.csv", ImportOptions.Default), "mixed.csv");
        Assert.That(first.Stored, Has.Count.EqualTo(3));
        var again = HistoryIngester.Ingest(store, CsvHistoryReader.ReadFile(path, "mixed.csv", ImportOptions.Default), "mixed.csv");
        Assert.That((again.Stored.Count, again.Skipped.Count), Is.EqualTo((0, 3)), "ingesting the same file again stores nothing");
    }

    [Test]
    public void A_file_changed_between_the_passes_is_refused_with_its_line_and_nothing_is_stored()
    {
        using var dir = new TempDirectory();
        var path = dir.File("h.csv");
        File.WriteAllText(path, Fixture);
        var read = CsvHistoryReader.ReadFile(path, "h.csv", ImportOptions.Default);
        File.WriteAllText(path, Fixture.Replace("811.0", "911.0"));
        using var store = SqliteResultStore.Open(dir.File("h.db"));
        var e = Assert.Throws<InvalidDataException>(() => HistoryIngester.Ingest(store, read, "h.csv"));
        Assert.That(e!.Message, Does.StartWith("h.csv:").And.Contain("changed while it was being ingested"));
        Assert.That(store.Queries.ListRuns(new RunFilter()), Is.Empty, "the transaction rolled back");
    }

    [Test]
    public void A_run_walked_twice_from_the_file_says_so_instead_of_reading_the_wrong_rows()
    {
        using var dir = new TempDirectory();
        var path = dir.File("h.csv");
        File.WriteAllText(path, Fixture);
        var runs = CsvHistoryReader.ReadFile(path, "h.csv", ImportOptions.Default).Runs;
        Assert.That(runs[0].Cases.ToList(), Has.Count.EqualTo(2));
        Assert.Throws<InvalidOperationException>(() => runs[0].Cases.ToList());
    }
}
