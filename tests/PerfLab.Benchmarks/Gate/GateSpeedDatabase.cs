using PerfLab.Harness.Analysis;
using PerfLab.Results.Import;

using PerfLab.Results;

namespace PerfLab.Benchmarks.Gate;

/// <summary>Builds the database the gate's speed is timed on (docs/performance.md): a simulated farm of 100 devices × 4 metrics,
/// 90 nights of history and one candidate night, 5 samples each, stored through CSV ingest (the store's write path that
/// <c>perflab ingest</c> uses).</summary>
public static class GateSpeedDatabase
{
    /// <summary>Devices of the timed farm.</summary>
    public const int Devices = 100;

    /// <summary>Nights of history before the candidate.</summary>
    public const int Nights = 90;

    /// <summary>Samples per series and night.</summary>
    public const int Samples = 5;

    /// <summary>Writes the farm into a new database at <paramref name="path"/> (which must not exist) and returns the candidate
    /// build's name; σ 1 % noise, nothing changed. <paramref name="devices"/> and <paramref name="nights"/> shrink it for tests.</summary>
    public static string Create(string path, int seed, TextWriter log, int devices = Devices, int nights = Nights)
    {
        if (File.Exists(path)) throw new IOException($"{path} already exists; the speed database is only written to a new file");
        var farm = SimulatedFarm.Generate(new GateFarmShape(devices, 4), nights + 1, Samples, 1, seed);
        var csv = path + ".csv";
        try
        {
            using (var writer = new StreamWriter(csv)) farm.WriteCsv(writer);
            ImportResult imported;
            using (var stream = File.OpenRead(csv)) imported = CsvHistoryReader.Read(stream, csv, ImportOptions.Default);
            using var store = SqliteResultStore.Open(path);
            var outcome = HistoryIngester.Ingest(store, imported, csv);
            if (outcome.Problems.Count > 0)
                throw new InvalidDataException(string.Join(Environment.NewLine, outcome.Problems.Select(p => p.ToString())));
            log.WriteLine($"stored {outcome.Stored.Count} runs ({devices} devices × {nights + 1} nights, 4 metrics × {Samples} samples each) in {path}");
        }
        finally
        {
            File.Delete(csv);
        }
        return farm.Candidate;
    }
}
