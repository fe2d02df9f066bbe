namespace PerfLab.Harness.Analysis;

/// <summary>What one side of a comparison rests on: sample count, build count and median.</summary>
public sealed record SampleSummary(int Count, int Builds, double Median);
