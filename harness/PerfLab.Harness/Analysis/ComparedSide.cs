namespace PerfLab.Harness.Analysis;

/// <summary>What one side of a comparison rests on: sample count, build count and median.</summary>
public sealed record ComparedSide(int Count, int Builds, double Median);
