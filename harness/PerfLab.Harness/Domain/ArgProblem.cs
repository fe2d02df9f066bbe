namespace PerfLab.Harness.Domain;

/// <summary>A problem a runner found in its step arguments, reported at the suite's line and column.</summary>
public sealed record ArgProblem(SourcePosition Position, string Message);
