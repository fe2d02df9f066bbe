namespace PerfLab.Runners.Cuda.Parsing;

/// <summary>What one pytest session did with its tests.</summary>
public sealed record PytestCounts(int Passed, int Failed, int Skipped, int Errors, int Deselected = 0, int XFailed = 0, int XPassed = 0)
{
    /// <summary>Tests that actually ran a body; skipped and deselected ones did not.</summary>
    public int Executed => Passed + Failed + Errors + XFailed + XPassed;

    /// <summary>No test ran: such a session is NOT RUN, never a pass, whatever its exit code.</summary>
    public bool NothingRan => Executed == 0;

    public bool AllPassed => !NothingRan && Failed == 0 && Errors == 0 && XPassed == 0;

    public override string ToString()
    {
        var parts = new List<string> { $"{Passed} passed", $"{Failed} failed", $"{Skipped} skipped", $"{Errors} errors" };
        if (Deselected > 0) parts.Add($"{Deselected} deselected");
        if (XFailed > 0) parts.Add($"{XFailed} xfailed");
        if (XPassed > 0) parts.Add($"{XPassed} xpassed");
        return string.Join(", ", parts);
    }
}
