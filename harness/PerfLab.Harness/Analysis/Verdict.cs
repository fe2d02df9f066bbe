namespace PerfLab.Harness.Analysis;

/// <summary>Outcome of comparing a candidate build with its baseline for one metric (wire names via <see cref="VerdictText"/>).</summary>
public enum Verdict
{
    NoChange = 1,
    Regression = 2,
    Improvement = 3,
    Inconclusive = 4,
    NoBaseline = 5,
    Error = 6,
}
