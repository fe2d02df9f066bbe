using NUnit.Framework;
using PerfLab.Benchmarks.Store;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Results;

public sealed class StoreIngestBenchmarkTests
{
    [Test]
    public void The_benchmark_stores_every_row_on_both_sides()
    {
        if (!OnPath("sqlite3")) Assert.Ignore("sqlite3 is not on PATH");
        using var dir = new TempDirectory();
        var log = new StringWriter();

        var result = StoreIngestBenchmark.Run(3_000, dir.Path, log, repeats: 1, samplesPerCase: 500);

        Assert.That(result.StoreSeconds, Has.Count.EqualTo(1));
        Assert.That(result.Sqlite3Seconds, Has.Count.EqualTo(1));
        Assert.That(result.StoreRowsPerSecond, Is.GreaterThan(0));
        Assert.That(log.ToString(), Does.Contain("ratio store/sqlite3"));
        Assert.That(Directory.GetFiles(dir.Path), Is.Empty, "scratch databases and CSV are removed");
    }

    [Test]
    [Explicit("measures; takes about a minute")]
    public void Ingest_one_million_samples()
    {
        using var dir = new TempDirectory();
        var result = StoreIngestBenchmark.Run(1_000_000, dir.Path, TestContext.Out);
        TestContext.Out.WriteLine(result.Summary());
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, tool)));
}
