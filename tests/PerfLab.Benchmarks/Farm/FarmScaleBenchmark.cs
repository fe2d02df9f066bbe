using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using PerfLab.Harness.Storage;

using PerfLab.Results;
using PerfLab.Results.Merge;

namespace PerfLab.Benchmarks.Farm;

/// <summary>The farm at scale, on generated data: a night of agent databases merged, the same night merged again, one metric's
/// year-long series read, the night merged into a year of history, and that year reported.</summary>
/// <remarks>Each repeat does every measurement once, side by side, so machine noise hits all of them; figures are medians.</remarks>
public static class FarmScaleBenchmark
{
    /// <param name="report">Writes the full evidence report of a database and returns its wall time in seconds (the CLI runs
    /// <c>perflab report</c> as a child process, as a farm's report job does); null skips the report.</param>
    public static FarmScaleResult Run(string workDir, int hosts, int nights, int repeats, TextWriter log, Func<string, double>? report = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hosts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(nights, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        Directory.CreateDirectory(workDir);
        var clock = Stopwatch.StartNew();

        // The night after the year: what the nightly merge adds to a year of history.
        var nightDir = Path.Combine(workDir, "night");
        Directory.CreateDirectory(nightDir);
        var nightDbs = Enumerable.Range(0, hosts).Select(h => Path.Combine(nightDir, $"agent-{h:D3}.db")).ToList();
        for (var h = 0; h < hosts; h++)
        {
            DeleteDatabase(nightDbs[h]);
            SyntheticFarm.WriteHost(nightDbs[h], h, nights, 1);
        }
        var nightBytes = nightDbs.Sum(p => new FileInfo(p).Length);
        log.WriteLine(F($"generated {hosts} agent databases of one night ({SyntheticFarm.SuitesPerNight} runs × {SyntheticFarm.CasesPerRun} cases each, {nightBytes / 1048576.0:F1} MiB in all) in {clock.Elapsed.TotalSeconds:F1} s"));

        clock.Restart();
        var hostYear = Path.Combine(workDir, "host-year.db");
        DeleteDatabase(hostYear);
        SyntheticFarm.WriteHost(hostYear, 0, 0, nights);
        var hostYearBytes = new FileInfo(hostYear).Length;
        log.WriteLine(F($"generated one host's {nights} nights: {hostYearBytes / 1048576.0:F1} MiB in {clock.Elapsed.TotalSeconds:F1} s"));

        clock.Restart();
        var farmYear = Path.Combine(workDir, "farm-year.db");
        DeleteDatabase(farmYear);
        FarmYearBuilder.Build(hostYear, farmYear, hosts);
        var farmYearBytes = new FileInfo(farmYear).Length;
        var counts = Counts(farmYear);
        log.WriteLine(F($"built the farm's year ({hosts} hosts × {nights} nights): {counts.Runs} runs, {counts.Cases} cases, {counts.Samples} samples, {farmYearBytes / 1048576.0:F0} MiB in {clock.Elapsed.TotalSeconds:F1} s"));
        var seriesKey = SyntheticFarm.ComparabilityKey(hosts / 2, "farm-suite-0", "model-0");

        var merge = new List<double>();
        var remerge = new List<double>();
        var series = new List<double>();
        var seriesPoints = 0;
        var target = Path.Combine(workDir, "farm-night.db");
        for (var r = 0; r < repeats; r++)
        {
            DeleteDatabase(target);
            var t = Stopwatch.StartNew();
            var first = FarmMerger.Merge(target, nightDbs);
            merge.Add(t.Elapsed.TotalSeconds);
            if (!first.Clean || first.RunsAdded != hosts * SyntheticFarm.SuitesPerNight)
                throw new InvalidOperationException($"night merge added {first.RunsAdded} runs, expected {hosts * SyntheticFarm.SuitesPerNight}");

            t.Restart();
            var again = FarmMerger.Merge(target, nightDbs);
            remerge.Add(t.Elapsed.TotalSeconds);
            if (again.RunsAdded != 0 || !again.Clean) throw new InvalidOperationException("merging the night again added runs or found conflicts");

            t.Restart();
            using (var store = SqliteResultStore.Open(farmYear))
            {
                var loadedSeries = store.Queries.LoadSeries(new SeriesFilter(Metric: "fps", ComparabilityKey: seriesKey)).ToList();
                series.Add(t.Elapsed.TotalSeconds);
                seriesPoints = loadedSeries.Sum(s => s.Points.Count);
            }
            log.WriteLine(F($"  repeat {r + 1}: night merge {merge[^1]:F2} s, merge again {remerge[^1]:F2} s, year series {series[^1]:F3} s ({seriesPoints} points)"));
        }

        // Once (it grows the year): the night merged into a year of history, as the nightly merge job does; the night
        // continues every host's series, so the report below judges it against real baselines.
        var t2 = Stopwatch.StartNew();
        var intoYear = FarmMerger.Merge(farmYear, nightDbs);
        var intoYearSeconds = t2.Elapsed.TotalSeconds;
        if (intoYear.RunsAdded != hosts * SyntheticFarm.SuitesPerNight) throw new InvalidOperationException("night merge into the year added the wrong number of runs");

        var reports = new List<double>();
        for (var r = 0; report is not null && r < repeats; r++)
        {
            reports.Add(report(farmYear));
            log.WriteLine(F($"  report {r + 1}: {reports[^1]:F2} s"));
        }

        var result = new FarmScaleResult(hosts, nights, repeats, merge, remerge, series, intoYearSeconds, reports,
            hostYearBytes, farmYearBytes, counts.Runs, counts.Cases, counts.Samples, seriesPoints, nightBytes);
        log.WriteLine(result.Summary());
        return result;
    }

    private static (long Runs, long Cases, long Samples) Counts(string db) =>
        (long.Parse(Scalar(db, "SELECT count(*) FROM runs"), CultureInfo.InvariantCulture),
         long.Parse(Scalar(db, "SELECT count(*) FROM cases"), CultureInfo.InvariantCulture),
         long.Parse(Scalar(db, "SELECT count(*) FROM samples"), CultureInfo.InvariantCulture));

    private static string Scalar(string db, string sql)
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false }.ToString());
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToString(cmd.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }

    private static void DeleteDatabase(string db)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try { File.Delete(db + suffix); } catch (IOException) { }
        }
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Figures of <see cref="FarmScaleBenchmark"/>: per-repeat seconds and sizes in bytes.</summary>
public sealed record FarmScaleResult(
    int Hosts, int Nights, int Repeats,
    IReadOnlyList<double> NightMergeSeconds, IReadOnlyList<double> RemergeSeconds, IReadOnlyList<double> SeriesSeconds,
    double NightIntoYearSeconds, IReadOnlyList<double> ReportSeconds,
    long HostYearBytes, long FarmYearBytes, long FarmYearRuns, long FarmYearCases, long FarmYearSamples,
    int SeriesPoints, long NightBytes)
{
    public static double Median(IReadOnlyList<double> xs)
    {
        var s = xs.Order().ToList();
        return s.Count == 0 ? double.NaN : s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }

    private static string Each(IReadOnlyList<double> xs) => string.Join(", ", xs.Select(x => x.ToString("F2", CultureInfo.InvariantCulture)));

    public string Summary() => string.Create(CultureInfo.InvariantCulture, $"""
        farm scale ({Hosts} hosts, {Nights} nights, median of {Repeats} side-by-side repeats):
          night merge ({Hosts} agent databases into an empty farm database): {Median(NightMergeSeconds):F2} s ({Each(NightMergeSeconds)})
          same night merged again (adds nothing):                 {Median(RemergeSeconds):F2} s ({Each(RemergeSeconds)})
          year series of one metric on one device:                 {Median(SeriesSeconds):F3} s ({SeriesPoints} points)
          night merged into the year's database (once):            {NightIntoYearSeconds:F2} s
          year report (perflab report, every page and format):     {(ReportSeconds.Count == 0 ? "not run" : $"{Median(ReportSeconds):F2} s ({Each(ReportSeconds)})")}
          database size per host-year:                             {HostYearBytes / 1048576.0:F1} MiB (farm year {FarmYearBytes / 1048576.0:F0} MiB: {FarmYearRuns} runs, {FarmYearCases} cases, {FarmYearSamples} samples)
        """);
}
