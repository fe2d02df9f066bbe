using PerfLab.Harness.Domain;

namespace PerfLab.Harness.Execution;

/// <summary>Hears about a run as it happens, to draw progress; implementations must not throw.</summary>
public interface IRunProgress
{
    void RunStarted(RunInfo run, int caseCount);

    void CaseStarted(PlannedCase plannedCase, int index, int total);

    void RepetitionFinished(PlannedCase plannedCase, string step, int repetition, bool warmup, StepOutcome outcome);

    void CaseFinished(PlannedCase plannedCase, CaseResult result);

    void RunFinished(RunInfo run, RunStatus status);

    void Note(string message);
}

/// <summary>Progress that goes nowhere, for tests and library callers.</summary>
public sealed class SilentProgress : IRunProgress
{
    public static SilentProgress Instance { get; } = new();

    public void RunStarted(RunInfo run, int caseCount) { }

    public void CaseStarted(PlannedCase plannedCase, int index, int total) { }

    public void RepetitionFinished(PlannedCase plannedCase, string step, int repetition, bool warmup, StepOutcome outcome) { }

    public void CaseFinished(PlannedCase plannedCase, CaseResult result) { }

    public void RunFinished(RunInfo run, RunStatus status) { }

    public void Note(string message) { }
}
