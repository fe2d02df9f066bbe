namespace PerfLab.Harness.Analysis;

/// <summary>Whether a change point moves a metric in its bad or its good direction.</summary>
public enum ChangeDirection
{
    Regression = 1,
    Improvement = 2,
}
