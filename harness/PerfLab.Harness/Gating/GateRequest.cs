using System.Globalization;

namespace PerfLab.Harness.Gating;

/// <summary>What a gate is asked: the candidate build, its baseline, and the policy.</summary>
/// <param name="BaselineBuilds">How many builds a branch or tag baseline pools (the newest ones before the candidate).</param>
/// <param name="HistoryBuilds">How many builds before the candidate the noise estimate and the one-value-per-build test read.</param>
/// <param name="Suite">Only this suite (null: every suite the candidate ran).</param>
public sealed record GateRequest(
    string Candidate,
    BaselineSpec Baseline,
    int BaselineBuilds = 5,
    string? Suite = null,
    double? DefaultBudgetPercent = null,
    bool AllowMissingBaseline = false,
    bool AllowInconclusive = false,
    int HistoryBuilds = 20)
{
    /// <summary>The <c>perflab gate</c> command line that asks exactly this of <paramref name="database"/>.</summary>
    public string Command(string database)
    {
        var parts = new List<string> { "perflab gate", "--db", Quote(database), "--candidate", Quote(Candidate), "--baseline", Quote(Baseline.ToString()) };
        if (BaselineBuilds != 5) parts.AddRange(["--baseline-builds", BaselineBuilds.ToString(CultureInfo.InvariantCulture)]);
        if (HistoryBuilds != 20) parts.AddRange(["--history-builds", HistoryBuilds.ToString(CultureInfo.InvariantCulture)]);
        if (Suite is not null) parts.AddRange(["--suite", Quote(Suite)]);
        if (DefaultBudgetPercent is { } b) parts.AddRange(["--budget", b.ToString("0.###", CultureInfo.InvariantCulture)]);
        if (AllowMissingBaseline) parts.Add("--allow-missing-baseline");
        if (AllowInconclusive) parts.Add("--allow-inconclusive");
        return string.Join(" ", parts);
    }

    private static string Quote(string s) =>
        s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ':' or '=' or '+' or ',') ? s : "'" + s.Replace("'", "'\\''") + "'";
}
