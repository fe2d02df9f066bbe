using PerfLab.Harness.Analysis;

namespace PerfLab.Benchmarks.Detection;

/// <summary>Recall of steps of one size at one noise level (found = a change point within ±2 builds of the true index).</summary>
public sealed record StepRecallRow(double NoisePercent, double StepPercent, int Series, int Found, int FoundSameDirection);
