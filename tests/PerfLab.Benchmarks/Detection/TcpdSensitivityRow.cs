using PerfLab.Harness.Analysis;

namespace PerfLab.Benchmarks.Detection;

/// <summary>TCPD mean F1 and cover of one neighbour of the default configuration (one parameter changed), to show how sharp the choice is.</summary>
public sealed record TcpdSensitivityRow(string Change, ChangePointOptions Options, double MeanF1, double MeanCover);
