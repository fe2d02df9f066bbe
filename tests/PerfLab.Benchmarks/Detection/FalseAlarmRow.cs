using PerfLab.Harness.Analysis;

namespace PerfLab.Benchmarks.Detection;

/// <summary>Change points reported on series with no change, per kind of noise.</summary>
public sealed record FalseAlarmRow(string Kind, int Series, int Builds, int ChangePoints)
{
    public double PerThousandBuilds => Builds == 0 ? double.NaN : ChangePoints * 1000.0 / Builds;
}
