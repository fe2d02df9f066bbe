using System.Globalization;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Execution;
using PerfLab.Harness.Statistics;

namespace PerfLab.Cli.Console;

/// <summary>Progress as one plain line per event: what CI logs and pipes get.</summary>
public sealed class PlainRunProgress(TextWriter output) : IRunProgress
{
    public void RunStarted(RunInfo run, int caseCount) =>
        Write($"run {run.Id}: suite {run.Suite} v{run.SuiteVersion} on {run.Device.Id} ({run.Device.Model}), build {run.Build}, {caseCount} case(s)");

    public void CaseStarted(PlannedCase plannedCase, int index, int total) =>
        Write($"  [{index + 1}/{total}] {plannedCase.Name} ...");

    public void RepetitionFinished(PlannedCase plannedCase, string step, int repetition, bool warmup, StepOutcome outcome)
    {
        if (!outcome.Succeeded)
            Write($"      {step} {(warmup ? "warm-up" : "rep")} {repetition + 1}: {outcome.Failure}: {outcome.FailureMessage}");
    }

    public void CaseFinished(PlannedCase plannedCase, CaseResult result) =>
        Write($"  [{StatusWord(result.Status)}] {plannedCase.Name}{Describe(result)}");

    public void RunFinished(RunInfo run, RunStatus status) =>
        Write($"run {run.Id}: {status.ToString().ToLowerInvariant()}");

    public void Note(string message) => Write(message);

    internal static string StatusWord(CaseStatus status) => status switch
    {
        CaseStatus.Passed => "passed",
        CaseStatus.Failed => "FAILED",
        CaseStatus.AbortedThermal => "ABORTED-THERMAL",
        CaseStatus.DependencyCheckFailed => "DEPENDENCY-CHECK-FAILED",
        CaseStatus.NotRun => "NOT-RUN",
        _ => status.ToString().ToUpperInvariant(),
    };

    internal static string Describe(CaseResult result)
    {
        if (result.Status != CaseStatus.Passed) return $": {result.Failure}: {result.FailureMessage}";
        var figures = result.Samples.GroupBy(s => s.Metric).Take(4).Select(g =>
        {
            var summary = SampleSummary.Of(g.Select(s => s.Value));
            return summary is null ? null : string.Create(CultureInfo.InvariantCulture, $"{g.Key} {summary.Median:G5} {g.First().Unit} (n={summary.Count})");
        }).Where(s => s is not null);
        var text = string.Join(", ", figures);
        return text.Length == 0 ? "" : "  " + text;
    }

    private void Write(string line)
    {
        output.WriteLine(line);
        output.Flush();
    }
}
