namespace PerfLab.Harness.Domain;

/// <summary>How a case ended. Stored as explicit integers.</summary>
public enum CaseStatus
{
    Passed = 1,
    Failed = 2,
    Skipped = 3,
    AbortedThermal = 4,
    DependencyCheckFailed = 5,
    NotRun = 6,
}

/// <summary>How a run ended (or that it has not yet). Stored as explicit integers.</summary>
public enum RunStatus
{
    Running = 1,
    Passed = 2,
    Failed = 3,
    Aborted = 4,
}
