using PerfLab.Harness.Analysis;

namespace PerfLab.Benchmarks.Detection;

/// <summary>One short-history scenario: how many of <paramref name="Series"/> generated series gave exactly the expected change points.</summary>
/// <param name="Expected">What counts as right: "index K" (exactly one change point, at K) or "none".</param>
public sealed record ShortHistoryRow(string Scenario, int Builds, int SamplesPerBuild, double NoisePercent, string Expected, int Series, int Correct);
