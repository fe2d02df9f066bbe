using PerfLab.Harness.Domain;
using PerfLab.Runners.Cuda.Parsing;

namespace PerfLab.Runners.Cuda;

/// <summary>Turns pytest counts into samples and checks; a session in which no test ran is NOT RUN, never a pass.</summary>
internal static class PytestOutcome
{
    public static IReadOnlyList<Sample> Samples(PytestCounts c) =>
    [
        new("tests_passed", c.Passed, "count"), new("tests_failed", c.Failed, "count"), new("tests_skipped", c.Skipped, "count"),
        new("tests_errors", c.Errors, "count"), new("tests_deselected", c.Deselected, "count"),
    ];

    public static Check CountsCheck(string name, PytestCounts c) => new(name, c.AllPassed, c.ToString());

    /// <summary>The failure the counts mean (not-run or tests-failed), or null when at least one test ran and none failed.</summary>
    public static (FailureClass Class, string Message)? Failure(string what, PytestCounts c)
    {
        if (c.NothingRan) return (FailureClass.NotRun, $"{what}: no test executed ({c}); a session without tests is not evidence");
        if (!c.AllPassed) return (FailureClass.TestsFailed, $"{what}: {c}");
        return null;
    }

    /// <summary>Where the JUnit report and the terminal summary disagree on an outcome count, a description; else null.</summary>
    public static string? Disagreement(PytestCounts junit, PytestCounts summary)
    {
        var diffs = new List<string>();
        if (junit.Passed != summary.Passed) diffs.Add($"passed {junit.Passed} vs {summary.Passed}");
        if (junit.Failed != summary.Failed) diffs.Add($"failed {junit.Failed} vs {summary.Failed}");
        if (junit.Skipped != summary.Skipped) diffs.Add($"skipped {junit.Skipped} vs {summary.Skipped}");
        return diffs.Count == 0 ? null : "JUnit report vs terminal summary: " + string.Join(", ", diffs);
    }
}
