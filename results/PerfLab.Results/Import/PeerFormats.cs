using PerfLab.Harness.Domain;

namespace PerfLab.Results.Import;

/// <summary>The peer formats <c>perflab ingest --format</c> reads, each by its one reader.</summary>
public static class PeerFormats
{
    /// <summary>Every peer format name, in the order help texts list them.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        BmfReader.Format, GabCustomReader.BiggerFormat, GabCustomReader.SmallerFormat, GabHistoryReader.Format,
        BenchmarkDotNetReader.Format, PytestBenchmarkReader.Format, GoogleBenchmarkReader.Format, GoBenchReader.Format,
    ];

    /// <summary>Whether <paramref name="format"/> is a peer format (not PerfLab's own CSV or JSON).</summary>
    public static bool IsPeer(string format) => Names.Contains(format);

    /// <summary>Reads <paramref name="text"/> with the reader of <paramref name="format"/>.</summary>
    public static ImportResult Read(string format, string text, string file, ImportOptions options, PeerImportOptions peer) => format switch
    {
        BmfReader.Format => BmfReader.Read(text, file, options, peer),
        GabCustomReader.BiggerFormat => GabCustomReader.Read(text, file, Better.Higher, options, peer),
        GabCustomReader.SmallerFormat => GabCustomReader.Read(text, file, Better.Lower, options, peer),
        GabHistoryReader.Format => GabHistoryReader.Read(text, file, options, peer),
        BenchmarkDotNetReader.Format => BenchmarkDotNetReader.Read(text, file, options, peer),
        PytestBenchmarkReader.Format => PytestBenchmarkReader.Read(text, file, options, peer),
        GoogleBenchmarkReader.Format => GoogleBenchmarkReader.Read(text, file, options, peer),
        GoBenchReader.Format => GoBenchReader.Read(text, file, options, peer),
        _ => throw new ArgumentException($"'{format}' is not a peer format ({string.Join(", ", Names)})", nameof(format)),
    };
}
