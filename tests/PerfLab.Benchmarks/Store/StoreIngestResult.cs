using System.Globalization;

using PerfLab.Results;

namespace PerfLab.Benchmarks.Store;

/// <summary>Measured times of the store's write path and of sqlite3's CSV .import for the same rows.</summary>
/// <param name="StoreSeconds">Wall seconds of each repeat of the store side (RecordCase per case).</param>
/// <param name="Sqlite3Seconds">Wall seconds of each repeat of the sqlite3 process doing the .import.</param>
/// <param name="StoreCpuSeconds">CPU seconds (all threads of this process) of each store repeat.</param>
/// <param name="Sqlite3CpuSeconds">CPU seconds of each sqlite3 process; null where the OS does not report it.</param>
public sealed record StoreIngestResult(
    int Samples,
    int SamplesPerCase,
    IReadOnlyList<double> StoreSeconds,
    IReadOnlyList<double> Sqlite3Seconds,
    IReadOnlyList<double> StoreCpuSeconds,
    IReadOnlyList<double>? Sqlite3CpuSeconds,
    string StoreSqliteVersion,
    string Sqlite3Version)
{
    /// <summary>The ratio the store must reach: at least 0.8 × sqlite3's own .import.</summary>
    public const double TargetRatio = 0.8;

    public double StoreRowsPerSecond => Samples / Median(StoreSeconds);

    public double Sqlite3RowsPerSecond => Samples / Median(Sqlite3Seconds);

    /// <summary>Store rows/s over sqlite3 rows/s (medians).</summary>
    public double Ratio => StoreRowsPerSecond / Sqlite3RowsPerSecond;

    public bool MeetsTarget => Ratio >= TargetRatio;

    /// <summary>The same ratio from CPU seconds: less sensitive to other load on the machine; null when unavailable.</summary>
    public double? CpuRatio => Sqlite3CpuSeconds is { Count: > 0 } cli ? Median(cli) / Median(StoreCpuSeconds) : null;

    /// <summary>A few lines for a console or a report, invariant culture.</summary>
    public string Summary() => string.Create(CultureInfo.InvariantCulture, $"""
        samples: {Samples} in cases of {SamplesPerCase}; repeats: {StoreSeconds.Count} (medians)
        store   (SQLite {StoreSqliteVersion}, RecordCase, one transaction per case): {StoreRowsPerSecond:F0} rows/s; runs [s]: {Join(StoreSeconds)}
        sqlite3 (CLI {Sqlite3Version}, .import --csv, one transaction):             {Sqlite3RowsPerSecond:F0} rows/s; runs [s]: {Join(Sqlite3Seconds)}
        ratio store/sqlite3: {Ratio:F2} (target ≥ {TargetRatio:F1}: {(MeetsTarget ? "met" : "NOT met")})
        CPU seconds store: {Join(StoreCpuSeconds)}; sqlite3: {(Sqlite3CpuSeconds is null ? "n/a" : Join(Sqlite3CpuSeconds))}; CPU ratio: {(CpuRatio is { } c ? c.ToString("F2", CultureInfo.InvariantCulture) : "n/a")}
        """);

    private static string Join(IEnumerable<double> xs) => string.Join(", ", xs.Select(x => x.ToString("F3", CultureInfo.InvariantCulture)));

    private static double Median(IReadOnlyList<double> xs)
    {
        if (xs.Count == 0) throw new InvalidOperationException("no measurements");
        var sorted = xs.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
