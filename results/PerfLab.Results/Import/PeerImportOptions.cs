using PerfLab.Harness.Domain;

namespace PerfLab.Results.Import;

/// <summary>What the command line says that a peer format may not: the build under test, the device, the suite, and the
/// good direction of metrics the format leaves open. A value given here wins over the file's own.</summary>
/// <param name="Better">Direction of metrics whose direction neither the format nor PerfLab knows (BMF custom measures,
/// Go custom units, Google Benchmark user counters); metrics with a known direction keep it.</param>
/// <param name="Now">The time recorded for results whose file names no time (the ingest's own time); it is never part of a run's
/// id, so ingesting the same file again still stores nothing new.</param>
public sealed record PeerImportOptions(
    string? Build = null,
    string? Device = null,
    string? Suite = null,
    Better? Better = null,
    DateTimeOffset Now = default);
