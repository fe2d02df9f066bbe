using PerfLab.Harness.Analysis;

namespace PerfLab.Benchmarks.Detection;

/// <summary>Everything docs/detection.md shows: the three benchmarks, the command that regenerates them, and when they ran.</summary>
public sealed record DetectionBenchmarkReport(
    TcpdBenchmarkResult? Tcpd,
    SyntheticBenchmarkResult Synthetic,
    SpeedBenchmarkResult? Speed,
    string Command,
    DateTimeOffset GeneratedAt,
    string Machine);
