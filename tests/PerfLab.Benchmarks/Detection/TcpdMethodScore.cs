using PerfLab.Harness.Analysis;

namespace PerfLab.Benchmarks.Detection;

/// <summary>One method's average default F1 and cover over the benchmark series (ours, or a published one).</summary>
public sealed record TcpdMethodScore(string Method, double F1, double Cover, bool Published);
