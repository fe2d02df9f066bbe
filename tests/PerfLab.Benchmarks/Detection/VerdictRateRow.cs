using PerfLab.Harness.Analysis;

namespace PerfLab.Benchmarks.Detection;

/// <summary>How often each verdict came out for one kind of synthetic candidate-vs-baseline pair.</summary>
public sealed record VerdictRateRow(string Scenario, int Pairs, IReadOnlyDictionary<string, int> Counts);
