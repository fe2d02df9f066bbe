using PerfLab.Harness.Analysis;

namespace PerfLab.Benchmarks.Detection;

/// <summary>F1 of one series' predictions against its annotators, with the precision and recall it comes from.</summary>
public sealed record TcpdScore(double F1, double Precision, double Recall);
