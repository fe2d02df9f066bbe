using PerfLab.Harness.Analysis;

namespace PerfLab.Benchmarks.Detection;

/// <summary>Timings (seconds, every repetition and the median) of change-point detection over many series and of one gate.</summary>
public sealed record SpeedBenchmarkResult(
    int ProcessorCount,
    int DetectSeries,
    int DetectBuilds,
    IReadOnlyList<double> DetectSeconds,
    double DetectMedianSeconds,
    int GateDevices,
    int GateNights,
    int GateSamplesPerNight,
    IReadOnlyList<double> GateSeconds,
    double GateMedianSeconds);
