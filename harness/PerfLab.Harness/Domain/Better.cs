namespace PerfLab.Harness.Domain;

/// <summary>Which direction of a metric is an improvement.</summary>
public enum Better
{
    Higher = 1,
    Lower = 2,
}
