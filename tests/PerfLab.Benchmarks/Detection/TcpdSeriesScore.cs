using PerfLab.Harness.Analysis;

namespace PerfLab.Benchmarks.Detection;

/// <summary>Our detector's score on one TCPD series.</summary>
public sealed record TcpdSeriesScore(string Name, int Length, int MissingFilled, IReadOnlyList<int> Predicted, TcpdScore F1, double Cover);
