using System.Globalization;
using System.Runtime.CompilerServices;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Storage;
using PerfSample = Perfolizer.Sample;
using Perfolizer.Mathematics.Common;
using Perfolizer.Mathematics.Distributions.ContinuousDistributions;
using Perfolizer.Mathematics.GenericEstimators;
using Perfolizer.Mathematics.SignificanceTesting.Base;
using Perfolizer.Mathematics.SignificanceTesting.MannWhitney;
using Perfolizer.Metrology;

namespace PerfLab.Harness.Analysis;

/// <summary>Judges a candidate build's samples against a baseline for one metric (docs/gating.md §4): a regression is a shift
/// estimated beyond the threshold (the budget, widened by between-build noise) that is also significant; no-change is an estimate
/// inside the threshold whose interval rules out twice the threshold; everything the data cannot decide is inconclusive.
/// Significance comes from Mann–Whitney on the samples (Perfolizer 0.3.17) when both sides have repetitions, else from the candidate's
/// value against the distribution of recent build values (Student t).</summary>
/// <remarks>Safe to call from several threads at once: the comparer holds no state, and Perfolizer's one piece of shared state
/// is completed before the first comparison (see the static constructor).</remarks>
public sealed class SeriesComparer(ComparisonOptions options)
{
    static SeriesComparer()
    {
        // Perfolizer 0.3.17 fills its table of binomial coefficients lazily on the first exact test, and publishes the array
        // before filling it: a second thread arriving meanwhile reads zeros (a p-value of NaN or infinity). The CLR runs this
        // once, before any comparer exists, and other threads wait for it; afterwards the table is only read.
        BinomialCoefficientHelper.BinomialCoefficient(BinomialCoefficientHelper.MaxAcceptableN, 1);
    }

    /// <summary>A comparer with <see cref="ComparisonOptions.Default"/>.</summary>
    public SeriesComparer() : this(ComparisonOptions.Default) { }

    public ComparisonOptions Options { get; } = options;

    /// <summary>Compares the build <paramref name="candidateBuild"/> of <paramref name="series"/> with the previous
    /// <see cref="ComparisonOptions.BaselineBuilds"/> builds, or with <paramref name="baselineBuild"/> when given.</summary>
    public ComparisonResult CompareInSeries(MetricSpec metric, MetricSeries series, string candidateBuild, string? baselineBuild = null) =>
        CompareInSeries(metric, series, candidateBuild, BaselineSelector.For(series, candidateBuild, baselineBuild, Options));

    /// <summary>Compares the build <paramref name="candidateBuild"/> of <paramref name="series"/> with a baseline already selected.</summary>
    public ComparisonResult CompareInSeries(MetricSpec metric, MetricSeries series, string candidateBuild, BaselinePool baseline) =>
        Compare(metric, baseline, series.Points.Where(p => p.Build == candidateBuild).SelectMany(p => p.Samples).ToArray());

    /// <summary>The verdict for <paramref name="candidate"/> samples against <paramref name="baseline"/>, as a lone comparison
    /// (a family of one: no false-discovery control; <see cref="Rejudge"/> applies a gate's).</summary>
    public ComparisonResult Compare(MetricSpec metric, BaselinePool baseline, IReadOnlyList<double> candidate)
    {
        var budget = metric.Gate.BudgetPercent ?? Options.DefaultBudgetPercent;
        var budgetSource = metric.Gate.BudgetPercent is null ? "default" : "metric gate";
        var cand = new ComparedSide(candidate.Count, candidate.Count > 0 ? 1 : 0, RobustScale.Median(candidate));
        var baseSummary = new ComparedSide(baseline.Samples.Count, baseline.Builds.Count, RobustScale.Median(baseline.Samples));
        var noThreshold = new AppliedThreshold(budget, budgetSource, double.NaN, budget);

        ComparisonResult Bare(Verdict v, string reason, AppliedThreshold t, SeriesTest test = SeriesTest.None) =>
            new(metric.Name, v, baseSummary, cand, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN,
                double.NaN, t, reason, test);

        if (candidate.Count == 0) return Bare(Verdict.Error, "candidate has no samples", noThreshold);
        if (candidate.Any(v => !double.IsFinite(v))) return Bare(Verdict.Error, "candidate has a non-finite sample", noThreshold);
        if (baseline.Samples.Any(v => !double.IsFinite(v))) return Bare(Verdict.Error, "baseline has a non-finite sample", noThreshold);
        if (budget < 0 || !double.IsFinite(budget)) return Bare(Verdict.Error, $"budget {F(budget)} % is not a finite non-negative number", noThreshold);

        if (LimitBreach(metric.Gate, cand.Median, metric.Unit) is { } limit) return Bare(Verdict.Regression, limit, noThreshold, SeriesTest.Limit);
        if (baseline.IsEmpty) return Bare(Verdict.NoBaseline, "no baseline samples to compare with", noThreshold);

        var history = baseline.HistoryOrPool;
        var evidence = UsesRank(baseline, candidate)
            ? RankEvidence(baseline, candidate, history)
            : BuildDistributionEvidence(baseline, candidate, history);
        var noisePercent = NoisePercent(history, evidence.Scale);
        var effective = Math.Max(budget, Options.NoiseMultiplier * noisePercent);
        var threshold = new AppliedThreshold(budget, budgetSource, noisePercent, effective);
        double Pct(double v) => evidence.Scale == 0 ? double.NaN : v / evidence.Scale * 100;

        var side = evidence.Test == SeriesTest.BuildDistribution ? baseSummary with { Median = evidence.Centre } : baseSummary;
        var result = new ComparisonResult(metric.Name, Verdict.Inconclusive, side, cand, evidence.Shift, Pct(evidence.Shift),
            evidence.Low, evidence.High, Pct(evidence.Low), Pct(evidence.High), evidence.Level, evidence.PTwoSided, threshold, "",
            evidence.Test, metric.Better == Better.Higher ? evidence.PLower : evidence.PHigher,
            metric.Better == Better.Higher ? evidence.PHigher : evidence.PLower, double.NaN, double.NaN, 1, evidence.Undecidable);
        return Decide(result with { QWorse = result.PWorse, QBetter = result.PBetter }, metric.Better);
    }

    /// <summary>The same comparison judged again with q-values from false-discovery control over a gate's
    /// <paramref name="family"/> series; results that no test decided (errors, limits, no baseline) come back unchanged.</summary>
    public ComparisonResult Rejudge(ComparisonResult result, Better better, double qWorse, double qBetter, int family) =>
        result.Test is SeriesTest.Rank or SeriesTest.BuildDistribution
            ? Decide(result with { QWorse = qWorse, QBetter = qBetter, Family = family }, better)
            : result;

    /// <summary>The verdict rules of docs/gating.md §4, on a result whose figures are set.</summary>
    private ComparisonResult Decide(ComparisonResult r, Better better)
    {
        var t = r.Threshold.EffectivePercent;
        var sign = better == Better.Higher ? -1 : 1; // the sign of a worsening shift
        var worseBy = sign * r.ShiftPercent;          // > 0: worse
        var worseEnd = better == Better.Higher ? -r.ShiftLowPercent : r.ShiftHighPercent;
        var alpha = Options.Alpha;
        var shiftText = ShiftText(r);
        var thresholdText = r.Threshold.NoisePercent * Options.NoiseMultiplier > r.Threshold.BudgetPercent
            ? $"threshold {F(t)} % ({F(Options.NoiseMultiplier)} × between-build noise {F(r.Threshold.NoisePercent)} %, budget {F(r.Threshold.BudgetPercent)} %)"
            : $"threshold {F(t)} % (budget, {r.Threshold.BudgetSource})";
        var test = r.Test == SeriesTest.Rank ? "Mann–Whitney" : "build-distribution t";
        string Q(double q, double p) => r.Family > 1 ? $"{test} q={P(q)} (p={P(p)}, false-discovery control over the {r.Family} series beyond their thresholds)" : $"{test} p={P(p)}";

        if (r.Undecidable is { } why) return r with { Verdict = Verdict.Inconclusive, Reason = $"{why}; {shiftText}" };
        if (double.IsNaN(r.ShiftPercent)) return DecideWithoutScale(r, better);
        if (worseBy > t && r.QWorse < alpha)
            return r with { Verdict = Verdict.Regression, Reason = $"worse beyond the {thresholdText}: {shiftText}, {Q(r.QWorse, r.PWorse)}" };
        if (-worseBy > t && r.QBetter < alpha)
            return r with { Verdict = Verdict.Improvement, Reason = $"better beyond the {thresholdText}: {shiftText}, {Q(r.QBetter, r.PBetter)}" };
        if (Math.Abs(r.ShiftPercent) <= t && worseEnd <= 2 * t)
            return r with { Verdict = Verdict.NoChange, Reason = $"{shiftText} lies within ±{thresholdText}, and its interval rules out a worsening of twice that" };
        if (Math.Abs(r.ShiftPercent) > t)
        {
            var (q, p) = worseBy > 0 ? (r.QWorse, r.PWorse) : (r.QBetter, r.PBetter);
            return r with { Verdict = Verdict.Inconclusive, Reason = $"{shiftText} is beyond the {thresholdText} but not significant: {Q(q, p)} ≥ α={F(alpha)}" };
        }
        return r with
        {
            Verdict = Verdict.Inconclusive,
            Reason = $"{shiftText} lies within ±{thresholdText}, but its interval reaches a worsening of {F(worseEnd)} %, beyond twice the threshold: too noisy",
        };
    }

    /// <summary>A baseline centred on zero (a count of failed tests, a drop of 0 %) has no scale for a relative budget: any
    /// significant shift is a change, no shift with an interval of zero is no change, the rest is inconclusive.</summary>
    private ComparisonResult DecideWithoutScale(ComparisonResult r, Better better)
    {
        var worse = better == Better.Higher ? r.Shift < 0 : r.Shift > 0;
        var what = $"shift {F(r.Shift)} from a baseline of 0 (no scale for a relative budget)";
        if (r.Shift != 0 && worse && r.QWorse < Options.Alpha) return r with { Verdict = Verdict.Regression, Reason = $"worse: {what}, q={P(r.QWorse)}" };
        if (r.Shift != 0 && !worse && r.QBetter < Options.Alpha) return r with { Verdict = Verdict.Improvement, Reason = $"better: {what}, q={P(r.QBetter)}" };
        if (r.Shift == 0 && r.ShiftLow == 0 && r.ShiftHigh == 0) return r with { Verdict = Verdict.NoChange, Reason = "every value equals the baseline's (0)" };
        return r with { Verdict = Verdict.Inconclusive, Reason = $"{what}, not significant (q={P(worse ? r.QWorse : r.QBetter)})" };
    }

    /// <summary>True exactly when <see cref="Compare"/> returns <see cref="Verdict.Regression"/> for a lone comparison.</summary>
    /// <remarks>Scans of earlier builds ask this for every build <see cref="MayRegress"/> lets through.</remarks>
    public bool Regresses(MetricSpec metric, BaselinePool baseline, IReadOnlyList<double> candidate) =>
        Compare(metric, baseline, candidate).Verdict == Verdict.Regression;

    /// <summary>False only when <see cref="Compare"/> certainly returns no <see cref="Verdict.Regression"/>: no absolute limit is
    /// breached and at most half of the sample pairs (candidate, baseline) differ by more than the threshold in the worse direction,
    /// so neither the Hodges–Lehmann shift (the median of those differences) nor the build-distribution shift can lie beyond it.</summary>
    /// <remarks>One pass over the sample pairs; scans of many earlier builds use it to skip the full comparison on quiet builds.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool MayRegress(MetricSpec metric, BaselinePool baseline, IReadOnlyList<double> candidate)
    {
        var budget = metric.Gate.BudgetPercent ?? Options.DefaultBudgetPercent;
        if (candidate.Count == 0 || budget < 0 || !double.IsFinite(budget)) return false;
        foreach (var v in RobustScale.SpanOf(candidate)) if (!double.IsFinite(v)) return false;
        foreach (var v in RobustScale.SpanOf(baseline.Samples)) if (!double.IsFinite(v)) return false;
        if (LimitBreach(metric.Gate, RobustScale.Median(candidate), metric.Unit) is not null) return true;
        if (baseline.IsEmpty) return false;
        // The build-distribution test measures from the history's median, not from these pairs: no bound without the full test.
        if (!UsesRank(baseline, candidate)) return true;
        var scale = Math.Abs(RobustScale.Median(baseline.Samples));
        var delta = Math.Max(budget, Options.NoiseMultiplier * NoisePercent(baseline.HistoryOrPool, scale)) / 100 * scale;
        var ys = RobustScale.SpanOf(candidate);
        var xs = RobustScale.SpanOf(baseline.Samples);
        var higherIsBetter = metric.Better == Better.Higher;
        var worsePairs = 0L;
        foreach (var y in ys)
        {
            foreach (var x in xs)
            {
                if (higherIsBetter ? y - x < -delta : y - x > delta) worsePairs++;
            }
        }
        // The HL shift lies beyond −delta only if more than half of the differences do, or exactly half for an even count.
        return 2 * worsePairs >= (long)ys.Length * xs.Length;
    }

    private bool UsesRank(BaselinePool baseline, IReadOnlyList<double> candidate) =>
        (candidate.Count >= Options.MinSamples && baseline.Samples.Count >= Options.MinSamples && SamplesPerBuild(baseline) >= Options.MinSamples)
        || baseline.HistoryOrPool.Count < Options.MinHistoryBuilds;

    /// <summary>The median number of samples per baseline build.</summary>
    private static double SamplesPerBuild(BaselinePool baseline) =>
        baseline.Builds.Count == 0 ? baseline.Samples.Count : (double)baseline.Samples.Count / baseline.Builds.Count;

    /// <summary>The figures of one comparison before the verdict: the shift, its interval and level, the one-sided p-values and
    /// the scale (|baseline centre|) percentages are taken of.</summary>
    private sealed record Evidence(
        SeriesTest Test, double Centre, double Scale, double Shift, double Low, double High, double Level,
        double PLower, double PHigher, double PTwoSided, string? Undecidable);

    /// <summary>Mann–Whitney on the samples: Hodges–Lehmann shift, Moses interval at the level the sizes give, one-sided p-values
    /// of "any shift" in each direction (never below the smallest the ranks allow).</summary>
    private Evidence RankEvidence(BaselinePool baseline, IReadOnlyList<double> candidate, BuildHistory history)
    {
        var centre = RobustScale.Median(baseline.Samples);
        var x = new PerfSample(baseline.Samples.ToArray());
        var y = new PerfSample(candidate.ToArray());
        var shift = HodgesLehmannEstimator.Instance.Shift(y, x);
        var (low, high, level) = ShiftInterval.Compute(baseline.Samples, candidate, 1 - Options.Alpha);
        var floor = SmallestOneSidedPValue(baseline.Samples.Count, candidate.Count);
        var pHigher = Math.Max(floor, MannWhitneyTest.Instance.Perform(y, x, AlternativeHypothesis.Greater, Threshold.Zero).PValue.Value);
        var pLower = Math.Max(floor, MannWhitneyTest.Instance.Perform(y, x, AlternativeHypothesis.Less, Threshold.Zero).PValue.Value);
        string? undecidable = null;
        if (floor >= Options.Alpha)
        {
            undecidable = $"too few samples ({baseline.Samples.Count} vs {candidate.Count}) for the rank test: the smallest reachable p is {P(floor)} ≥ α={F(Options.Alpha)}";
            if (history.Count < Options.MinHistoryBuilds)
                undecidable += $", and {history.Count} build(s) of history are fewer than the {Options.MinHistoryBuilds} the one-value-per-build test needs";
        }
        return new Evidence(SeriesTest.Rank, centre, Math.Abs(centre), shift, low, high, level, pLower, pHigher,
            Math.Min(1, 2 * Math.Min(pLower, pHigher)), undecidable);
    }

    /// <summary>The candidate's value (its median) against the recent builds' values: the shift from the baseline builds' median
    /// value, and a Student t prediction from the history's build-to-build spread (the residual standard deviation around its best
    /// single step, so a step the history already went through does not count as noise), with H − 2 degrees of freedom.</summary>
    private Evidence BuildDistributionEvidence(BaselinePool baseline, IReadOnlyList<double> candidate, BuildHistory history)
    {
        var centre = RobustScale.Median(baseline.BuildMedians);
        var y = RobustScale.Median(candidate);
        var h = history.Count;
        // the candidate is one new build; the centre, a median of B build values, varies by about π/2 · σ²/B
        var se = BuildSigma(history) * Math.Sqrt(1 + Math.PI / 2 / baseline.BuildMedians.Count);
        var shift = y - centre;
        var student = new StudentDistribution(h - 2);
        double pHigher, pLower;
        if (se > 0)
        {
            var tValue = shift / se;
            pHigher = 1 - student.Cdf(tValue);
            pLower = student.Cdf(tValue);
        }
        else (pHigher, pLower) = shift > 0 ? (0.0, 1.0) : shift < 0 ? (1.0, 0.0) : (1.0, 1.0);
        var half = student.Quantile(new Probability(1 - Options.Alpha / 2)) * se;
        return new Evidence(SeriesTest.BuildDistribution, centre, Math.Abs(centre), shift, shift - half, shift + half, 1 - Options.Alpha,
            pLower, pHigher, Math.Min(1, 2 * Math.Min(pLower, pHigher)), null);
    }

    /// <summary>Build-to-build standard deviation of the history's values: around its best single step from 10 builds on (one
    /// step, a regression the history went through, is not noise), plain below that.</summary>
    private double BuildSigma(BuildHistory history) => history.Count >= Options.MinHistoryBuilds
        ? RobustScale.SplitResidualSigma(history.Medians, 2)
        : RobustScale.StandardDeviation(history.Medians);

    /// <summary>Between-build noise in % of the scale (<see cref="BuildSigma"/>), none below <see cref="ComparisonOptions.MinBuildsForNoise"/> builds.</summary>
    private double NoisePercent(BuildHistory history, double scale) =>
        history.Count < Options.MinBuildsForNoise || scale <= 0 ? 0 : BuildSigma(history) / scale * 100;

    private static string ShiftText(ComparisonResult r) =>
        double.IsNaN(r.ShiftPercent) ? "shift n/a"
        : double.IsNaN(r.ConfidenceLevel) ? $"shift {F(r.ShiftPercent)} % [{F(r.ShiftLowPercent)}, {F(r.ShiftHighPercent)}]"
        : $"shift {F(r.ShiftPercent)} % [{F(r.ShiftLowPercent)}, {F(r.ShiftHighPercent)}] at {F(r.ConfidenceLevel * 100)} %";

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

    private static string P(double p) => double.IsNaN(p) ? "n/a" : p < 0.001 ? p.ToString("0.##e+0", CultureInfo.InvariantCulture) : p.ToString("0.###", CultureInfo.InvariantCulture);
}
