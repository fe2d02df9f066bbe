using PerfLab.Harness.Analysis;

namespace PerfLab.Harness.Gating;

/// <summary>How a gate ends: pass, a regression, or a person must look (errors, no baseline, inconclusive).</summary>
public enum GateOutcome
{
    Pass = 0,
    Regression = 1,
    ActionRequired = 3,
}

/// <summary>Everything a gate decided for one candidate build, and the policy that turns verdicts into an outcome.</summary>
/// <param name="Baseline">The selector as given (e.g. "branch:main", "build:4f2a9c1", "tag:release=1.4").</param>
/// <param name="BaselineDescription">The selector in words (e.g. "the last 5 builds on branch main before the candidate").</param>
/// <param name="AllowMissingBaseline">no-baseline verdicts do not need action.</param>
/// <param name="AllowInconclusive">inconclusive verdicts do not need action.</param>
/// <param name="Command">The <c>perflab gate</c> command line that reproduces this report.</param>
public sealed record GateReport(
    string Candidate,
    string Baseline,
    string BaselineDescription,
    IReadOnlyList<GateItem> Items,
    bool AllowMissingBaseline,
    bool AllowInconclusive,
    string Command = "")
{
    /// <summary>Every verdict with its count (zeros included), in a fixed order.</summary>
    public IReadOnlyList<(Verdict Verdict, int Count)> Counts =>
        Order.Select(v => (v, Items.Count(i => i.Verdict == v))).ToList();

    /// <summary>Regression if any item regressed; else action required if any error, or no-baseline / inconclusive not allowed,
    /// or nothing was compared at all; else pass.</summary>
    public GateOutcome Outcome
    {
        get
        {
            if (Items.Any(i => i.Verdict == Verdict.Regression)) return GateOutcome.Regression;
            if (Items.Count == 0 || Items.Any(NeedsAction)) return GateOutcome.ActionRequired;
            return GateOutcome.Pass;
        }
    }

    /// <summary>True for an item that blocks a pass without being a regression.</summary>
    public bool NeedsAction(GateItem item) => item.Verdict switch
    {
        Verdict.Error => true,
        Verdict.NoBaseline => !AllowMissingBaseline,
        Verdict.Inconclusive => !AllowInconclusive,
        _ => false,
    };

    /// <summary>The outcome in one line.</summary>
    public string OutcomeText => Outcome switch
    {
        GateOutcome.Regression => "FAIL: regression",
        GateOutcome.ActionRequired => Items.Count == 0 ? "ACTION REQUIRED: nothing was compared" : "ACTION REQUIRED",
        _ => "PASS",
    };

    /// <summary>Display order of verdicts: what needs attention first.</summary>
    public static IReadOnlyList<Verdict> Order { get; } =
        [Verdict.Regression, Verdict.Error, Verdict.NoBaseline, Verdict.Inconclusive, Verdict.Improvement, Verdict.NoChange];
}
