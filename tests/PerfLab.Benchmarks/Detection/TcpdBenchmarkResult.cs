using PerfLab.Harness.Analysis;

namespace PerfLab.Benchmarks.Detection;

/// <summary>TCPD accuracy of one detector configuration beside the published methods.</summary>
public sealed record TcpdBenchmarkResult(
    DetectorConfiguration Detector,
    IReadOnlyList<TcpdSeriesScore> Series,
    double MeanF1,
    double MeanCover,
    IReadOnlyList<TcpdMethodScore> Published,
    IReadOnlyList<TcpdSensitivityRow>? Sensitivity = null);
