using PerfLab.Harness.Analysis;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Storage;
using PerfLab.Reports.Evidence;

namespace PerfLab.Reports.Pages;

/// <summary>One series' verdict for a candidate build, as nightly and gate tables print it.</summary>
public sealed record VerdictRow(
    string Device, string Suite, string Case, string Metric, string MetricLabel, string Unit, string Verdict,
    double BaselineMedian, double CandidateMedian, double ShiftPercent, double ShiftLowPercent, double ShiftHighPercent,
    string BaselineText, string CandidateText, string ShiftText, string IntervalText, string ThresholdText, string Reason,
    string BaselineBuilds, int BaselineN, int CandidateN, string ComparabilityKey, string Severity)
{
    /// <summary>The build judged (set where rows of several builds share a table).</summary>
    public string Build { get; init; } = "";

    public bool IsRegression => Verdict == "regression";

    /// <summary>Compares the candidate build of a series with a baseline (named build or the last N builds).</summary>
    /// <param name="pool">The baseline when the caller has selected it already (it must be the one named above).</param>
    public static (VerdictRow Row, ComparisonResult Result, BaselinePool Baseline) Compare(
        MannWhitneyComparer comparer, MetricSpec spec, MetricSeries series, string candidate, string? baselineBuild, BaselinePool? pool = null)
    {
        pool ??= BaselineSelector.For(series, candidate, baselineBuild, comparer.Options.BaselineBuilds);
        var result = comparer.CompareInSeries(spec, series, candidate, pool);
        var id = series.Identity;
        var t = result.Threshold;
        var thresholdText = double.IsNaN(t.EffectivePercent) ? "" : $"±{FigureText.Number(t.EffectivePercent)} % ({t.BudgetSource} budget {FigureText.Number(t.BudgetPercent)} %" +
            (double.IsNaN(t.NoisePercent) ? ")" : $", noise {FigureText.Number(t.NoisePercent)} %)");
        var row = new VerdictRow(id.Device, id.Suite, id.Case, id.Metric, MetricLabels.Label(id.Metric), series.Unit, result.Verdict.ToWire(),
            result.Baseline.Median, result.Candidate.Median, result.ShiftPercent, result.ShiftLowPercent, result.ShiftHighPercent,
            result.Baseline.Count == 0 ? "—" : $"{FigureText.Number(result.Baseline.Median)} {series.Unit}",
            result.Candidate.Count == 0 ? "—" : $"{FigureText.Number(result.Candidate.Median)} {series.Unit}",
            FigureText.Percent(result.ShiftPercent),
            double.IsNaN(result.ShiftLowPercent) ? "" : $"[{FigureText.Percent(result.ShiftLowPercent)}, {FigureText.Percent(result.ShiftHighPercent)}]",
            thresholdText, result.Reason, string.Join(", ", pool.Builds), result.Baseline.Count, result.Candidate.Count,
            id.ComparabilityKey, SeverityOf(result.Verdict));
        return (row, result, pool);
    }

    /// <summary>A CSS class / sort key: regressions first.</summary>
    public static string SeverityOf(Verdict v) => v switch
    {
        Harness.Analysis.Verdict.Regression => "bad",
        Harness.Analysis.Verdict.Error => "bad",
        Harness.Analysis.Verdict.Inconclusive or Harness.Analysis.Verdict.NoBaseline => "warn",
        Harness.Analysis.Verdict.Improvement => "good",
        _ => "ok",
    };
}

/// <summary>A detected change point as a row.</summary>
public sealed record ChangePointRow(
    string Device, string Suite, string Case, string Metric, string Unit, string BuildBefore, string BuildAfter,
    double MedianBefore, double MedianAfter, double ChangePercent, string ChangeText, string Direction, string EffectText, string ComparabilityKey)
{
    public bool IsRegression => Direction == "regression";

    public static ChangePointRow Of(MetricSeries s, ChangePoint p) => new(s.Identity.Device, s.Identity.Suite, s.Identity.Case, s.Identity.Metric, s.Unit,
        p.BuildBefore, p.BuildAfter, p.MedianBefore, p.MedianAfter, p.ChangePercent,
        $"{FigureText.Number(p.MedianBefore)} → {FigureText.Number(p.MedianAfter)} {s.Unit} ({FigureText.Percent(p.ChangePercent)})",
        p.Direction == ChangeDirection.Regression ? "regression" : "improvement",
        double.IsInfinity(p.EffectInNoise) ? "noise-free" : $"{FigureText.Number(p.EffectInNoise)} × noise", s.Identity.ComparabilityKey);
}
