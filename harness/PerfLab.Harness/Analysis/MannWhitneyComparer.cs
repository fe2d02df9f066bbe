using System.Globalization;
using System.Runtime.CompilerServices;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Storage;
using PerfSample = Perfolizer.Sample;
using Perfolizer.Mathematics.Common;
using Perfolizer.Mathematics.GenericEstimators;
using Perfolizer.Mathematics.SignificanceTesting.Base;
using Perfolizer.Mathematics.SignificanceTesting.MannWhitney;
using Perfolizer.Metrology;

namespace PerfLab.Harness.Analysis;

/// <summary>Compares a candidate build's samples with a baseline for one metric: Hodges–Lehmann shift with a Moses interval,
/// one-sided Mann–Whitney tests against a noise-aware threshold (Perfolizer 0.3.17), absolute limits first.</summary>
/// <remarks>Safe to call from several threads at once: the comparer holds no state, and Perfolizer's one piece of shared state
/// is completed before the first comparison (see the static constructor).</remarks>
public sealed class MannWhitneyComparer(ComparisonOptions options)
{
    static MannWhitneyComparer()
    {
        // Perfolizer 0.3.17 fills its table of binomial coefficients lazily on the first exact test, and publishes the array
        // before filling it: a second thread arriving meanwhile reads zeros (a p-value of NaN or infinity). The CLR runs this
        // once, before any comparer exists, and other threads wait for it; afterwards the table is only read.
        BinomialCoefficientHelper.BinomialCoefficient(BinomialCoefficientHelper.MaxAcceptableN, 1);
    }

    /// <summary>A comparer with <see cref="ComparisonOptions.Default"/>.</summary>
    public MannWhitneyComparer() : this(ComparisonOptions.Default) { }

    public ComparisonOptions Options { get; } = options;

    /// <summary>Compares the build <paramref name="candidateBuild"/> of <paramref name="series"/> with the previous
    /// <see cref="ComparisonOptions.BaselineBuilds"/> builds, or with <paramref name="baselineBuild"/> when given.</summary>
    public ComparisonResult CompareInSeries(MetricSpec metric, MetricSeries series, string candidateBuild, string? baselineBuild = null) =>
        CompareInSeries(metric, series, candidateBuild, BaselineSelector.For(series, candidateBuild, baselineBuild, Options.BaselineBuilds));

    /// <summary>Compares the build <paramref name="candidateBuild"/> of <paramref name="series"/> with a baseline already selected.</summary>
    public ComparisonResult CompareInSeries(MetricSpec metric, MetricSeries series, string candidateBuild, BaselinePool baseline) =>
        Compare(metric, baseline, series.Points.Where(p => p.Build == candidateBuild).SelectMany(p => p.Samples).ToArray());

    /// <summary>The verdict for <paramref name="candidate"/> samples against <paramref name="baseline"/>.</summary>
    public ComparisonResult Compare(MetricSpec metric, BaselinePool baseline, IReadOnlyList<double> candidate)
    {
        var budget = metric.Gate.BudgetPercent ?? Options.DefaultBudgetPercent;
        var budgetSource = metric.Gate.BudgetPercent is null ? "default" : "metric gate";
        var level = 1 - Options.Alpha;
        var cand = new ComparedSide(candidate.Count, candidate.Count > 0 ? 1 : 0, RobustScale.Median(candidate));
        var baseSummary = new ComparedSide(baseline.Samples.Count, baseline.Builds.Count, RobustScale.Median(baseline.Samples));
        var noThreshold = new AppliedThreshold(budget, budgetSource, double.NaN, budget);

        ComparisonResult Bare(Verdict v, string reason, AppliedThreshold t) =>
            new(metric.Name, v, baseSummary, cand, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, level, double.NaN, t, reason);

        if (candidate.Count == 0) return Bare(Verdict.Error, "candidate has no samples", noThreshold);
        if (candidate.Any(v => !double.IsFinite(v))) return Bare(Verdict.Error, "candidate has a non-finite sample", noThreshold);
        if (baseline.Samples.Any(v => !double.IsFinite(v))) return Bare(Verdict.Error, "baseline has a non-finite sample", noThreshold);
        if (budget < 0 || !double.IsFinite(budget)) return Bare(Verdict.Error, $"budget {F(budget)} % is not a finite non-negative number", noThreshold);

        var limit = LimitBreach(metric.Gate, cand.Median, metric.Unit);
        if (baseline.IsEmpty)
            return Bare(limit is null ? Verdict.NoBaseline : Verdict.Regression, limit ?? "no baseline samples to compare with", noThreshold);

        var m0 = baseSummary.Median;
        var scale = Math.Abs(m0);
        double Pct(double v) => scale == 0 ? double.NaN : v / scale * 100;

        var noisePercent = NoisePercent(baseline, scale);
        var effective = Math.Max(budget, Options.NoiseMultiplier * noisePercent);
        var threshold = new AppliedThreshold(budget, budgetSource, noisePercent, effective);

        var x = new PerfSample(baseline.Samples.ToArray());
        var y = new PerfSample(candidate.ToArray());
        var shift = HodgesLehmannEstimator.Instance.Shift(y, x);
        var (low, high) = ShiftInterval.Compute(baseline.Samples, candidate, level);
        var pAny = MannWhitneyTest.Instance.Perform(y, x, AlternativeHypothesis.TwoSides, Threshold.Zero).PValue.Value;

        var delta = effective / 100 * scale;
        var pHigher = BeyondThresholdPValue(y, baseline.Samples, delta, higher: true);
        var pLower = BeyondThresholdPValue(y, baseline.Samples, delta, higher: false);
        var (pWorse, pBetter) = metric.Better == Better.Higher ? (pLower, pHigher) : (pHigher, pLower);

        ComparisonResult Result(Verdict v, string reason) =>
            new(metric.Name, v, baseSummary, cand, shift, Pct(shift), low, high, Pct(low), Pct(high), level, pAny, threshold, reason);

        var shiftText = $"shift {F(Pct(shift))} % [{F(Pct(low))}, {F(Pct(high))}] at {F(level * 100)} %";
        var thresholdText = noisePercent * Options.NoiseMultiplier > budget
            ? $"threshold {F(effective)} % ({F(Options.NoiseMultiplier)} × between-build noise {F(noisePercent)} %, budget {F(budget)} %)"
            : $"threshold {F(effective)} % (budget, {budgetSource})";

        if (limit is not null) return Result(Verdict.Regression, limit);
        if (pWorse < Options.Alpha)
            return Result(Verdict.Regression, $"worse beyond {thresholdText}: {shiftText}, p={F(pWorse)}");
        if (pBetter < Options.Alpha)
            return Result(Verdict.Improvement, $"better beyond {thresholdText}: {shiftText}, p={F(pBetter)}");

        var smallestP = SmallestOneSidedPValue(baseline.Samples.Count, candidate.Count);
        if (smallestP >= Options.Alpha)
            return Result(Verdict.Inconclusive,
                $"too few samples ({baseline.Samples.Count} vs {candidate.Count}): the smallest reachable p is {F(smallestP)} ≥ α={F(Options.Alpha)}");
        if (Pct(low) >= -effective && Pct(high) <= effective)
            return Result(Verdict.NoChange, $"{shiftText} lies within ±{thresholdText}");
        if (noisePercent * Options.NoiseMultiplier > budget && Math.Abs(Pct(shift)) > budget)
            return Result(Verdict.Inconclusive, $"baseline too noisy for the budget: {shiftText} exceeds the budget {F(budget)} % but not {thresholdText}");
        return Result(Verdict.Inconclusive, $"{shiftText} reaches beyond ±{thresholdText} without significance: too noisy or too few samples");
    }

    /// <summary>True exactly when <see cref="Compare"/> returns <see cref="Verdict.Regression"/>, found with the same checks and the
    /// same worse-direction rank test but without the other two tests, the shift estimates and the texts.</summary>
    /// <remarks>Scans of earlier builds ask this for every build <see cref="MayRegress"/> lets through, and build the full
    /// comparison only for the few that regress.</remarks>
    public bool Regresses(MetricSpec metric, BaselinePool baseline, IReadOnlyList<double> candidate)
    {
        if (SettledWithoutRankTest(metric, baseline, candidate, out var delta) is { } settled) return settled;
        var pWorse = BeyondThresholdPValue(new PerfSample(candidate.ToArray()), baseline.Samples, delta, higher: metric.Better == Better.Lower);
        return pWorse < Options.Alpha;
    }

    /// <summary>False only when <see cref="Compare"/> certainly returns no <see cref="Verdict.Regression"/>: no absolute limit
    /// is breached and the candidate beats the threshold-shifted baseline in the worse direction in at most half of all
    /// sample pairs, so the one-sided Mann–Whitney p-value is at least ½ and cannot fall below α.</summary>
    /// <remarks>Costs one pass over the sample pairs instead of three rank tests; scans of many earlier builds use it to skip the
    /// full comparison on quiet builds. An error or no-baseline verdict counts as "no regression" here, as it does there.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool MayRegress(MetricSpec metric, BaselinePool baseline, IReadOnlyList<double> candidate)
    {
        if (Options.Alpha >= 0.5) return true; // the bound of ½ below rules nothing out
        if (SettledWithoutRankTest(metric, baseline, candidate, out var delta) is { } settled) return settled;
        var ys = RobustScale.SpanOf(candidate);
        var xs = RobustScale.SpanOf(baseline.Samples);
        // Pairs where the candidate is worse than the shifted baseline; a tie counts half, as in the U statistic.
        var higherIsBetter = metric.Better == Better.Higher;
        var worsePairs = 0.0;
        foreach (var y in ys)
        {
            foreach (var x in xs)
            {
                var edge = higherIsBetter ? x - delta : x + delta;
                var worse = higherIsBetter ? y < edge : y > edge;
                worsePairs += worse ? 1 : y == edge ? 0.5 : 0;
            }
        }
        return worsePairs > ys.Length * (double)xs.Length / 2;
    }

    /// <summary>Whether <see cref="Compare"/> returns <see cref="Verdict.Regression"/> when that is settled before any rank test —
    /// false for an error or no-baseline verdict, true for a breached absolute limit — else null, with the threshold shift
    /// <paramref name="delta"/> the worse-direction test applies.</summary>
    private bool? SettledWithoutRankTest(MetricSpec metric, BaselinePool baseline, IReadOnlyList<double> candidate, out double delta)
    {
        delta = double.NaN;
        var budget = metric.Gate.BudgetPercent ?? Options.DefaultBudgetPercent;
        if (candidate.Count == 0 || budget < 0 || !double.IsFinite(budget)) return false;
        foreach (var v in RobustScale.SpanOf(candidate)) if (!double.IsFinite(v)) return false;
        foreach (var v in RobustScale.SpanOf(baseline.Samples)) if (!double.IsFinite(v)) return false;
        if (LimitBreach(metric.Gate, RobustScale.Median(candidate), metric.Unit) is not null) return true;
        if (baseline.IsEmpty) return false;

        var scale = Math.Abs(RobustScale.Median(baseline.Samples));
        delta = Math.Max(budget, Options.NoiseMultiplier * NoisePercent(baseline, scale)) / 100 * scale;
        return null;
    }

    /// <summary>One-sided Mann–Whitney p-value that the candidate lies higher (or lower) than the baseline by more than
    /// <paramref name="delta"/>: the candidate against the baseline shifted by the threshold in that direction.</summary>
    private static double BeyondThresholdPValue(PerfSample candidate, IReadOnlyList<double> baseline, double delta, bool higher)
    {
        var shifted = new double[baseline.Count];
        for (var i = 0; i < shifted.Length; i++) shifted[i] = higher ? baseline[i] + delta : baseline[i] - delta;
        return MannWhitneyTest.Instance.Perform(candidate, new PerfSample(shifted),
            higher ? AlternativeHypothesis.Greater : AlternativeHypothesis.Less, Threshold.Zero).PValue.Value;
    }

    private double NoisePercent(BaselinePool baseline, double scale) =>
        baseline.BuildMedians.Count >= Options.MinBuildsForNoise && scale > 0
            ? RobustScale.StandardDeviation(baseline.BuildMedians) / scale * 100
            : 0;

    /// <summary>1 / C(n+m, n): the p-value of the most extreme rank arrangement, the best a one-sided test can reach.</summary>
    public static double SmallestOneSidedPValue(int n, int m)
    {
        // log-space so large samples don't overflow
        var log = 0.0;
        for (var i = 1; i <= Math.Min(n, m); i++) log += Math.Log(n + m - Math.Min(n, m) + i) - Math.Log(i);
        return Math.Exp(-log);
    }

    private static string? LimitBreach(MetricGate gate, double median, string unit)
    {
        if (gate.Max is { } max && median > max) return $"candidate median {F(median)} {unit} is above the absolute limit max {F(max)} {unit}";
        if (gate.Min is { } min && median < min) return $"candidate median {F(median)} {unit} is below the absolute limit min {F(min)} {unit}";
        return null;
    }

    private static string F(double v) => double.IsNaN(v) ? "n/a" : v.ToString("0.###", CultureInfo.InvariantCulture);
}
