namespace PerfLab.Harness.Analysis;

/// <summary>The stable lower-case names of verdicts used in JSON, JUnit and reports.</summary>
public static class VerdictText
{
    /// <summary>"regression", "improvement", "no-change", "inconclusive", "no-baseline" or "error".</summary>
    public static string ToWire(this Verdict verdict) => verdict switch
    {
        Verdict.NoChange => "no-change",
        Verdict.Regression => "regression",
        Verdict.Improvement => "improvement",
        Verdict.Inconclusive => "inconclusive",
        Verdict.NoBaseline => "no-baseline",
        Verdict.Error => "error",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };

    /// <summary>Parses a wire name back; null when unknown.</summary>
    public static Verdict? Parse(string text) => text switch
    {
        "no-change" => Verdict.NoChange,
        "regression" => Verdict.Regression,
        "improvement" => Verdict.Improvement,
        "inconclusive" => Verdict.Inconclusive,
        "no-baseline" => Verdict.NoBaseline,
        "error" => Verdict.Error,
        _ => null,
    };
}
