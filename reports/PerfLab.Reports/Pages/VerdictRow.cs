using PerfLab.Harness.Analysis;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Gating;
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

    /// <summary>The test the verdict rests on ("rank", "build-distribution", "limit" or "none").</summary>
    public string Test { get; init; } = "";

    /// <summary>For a series confirming rounds re-measured: both sides in brief ("first 5: median X; confirming 10: median Y"); the
    /// verdict rests on the confirming samples. Empty otherwise.</summary>
    public string Confirmation { get; init; } = "";

    public bool IsRegression => Verdict == "regression";

    /// <summary>The row of one gate verdict.</summary>
    public static VerdictRow Of(GateItem item)
    {
        var result = item.Result;
        var t = result.Threshold;
        var thresholdText = double.IsNaN(t.EffectivePercent) ? "" : $"±{FigureText.Number(t.EffectivePercent)} % ({t.BudgetSource} budget {FigureText.Number(t.BudgetPercent)} %" +
            (double.IsNaN(t.NoisePercent) ? ")" : $", noise {FigureText.Number(t.NoisePercent)} %)");
        var interval = double.IsNaN(result.ShiftLowPercent) ? ""
            : $"[{FigureText.Percent(result.ShiftLowPercent)}, {FigureText.Percent(result.ShiftHighPercent)}]" +
              (double.IsNaN(result.ConfidenceLevel) ? "" : $" at {FigureText.Number(result.ConfidenceLevel * 100)} %");
        var confirmation = item.Confirmation is { } c
            ? $"first {c.FirstCount}: median {FigureText.Number(c.FirstMedian)}; confirming {c.ConfirmingCount}: median {FigureText.Number(c.ConfirmingMedian)} {item.Unit}"
            : "";
        var baselineBuilds = item.BaselineBuilds.Count > 0 ? string.Join(", ", item.BaselineBuilds)
            : result.Verdict == Harness.Analysis.Verdict.Error ? "none (the candidate could not be compared)"
            : "none (no earlier build of this series on the baseline)";
        return new VerdictRow(item.Device, item.Suite, item.Case, item.Metric, MetricLabels.Label(item.Metric), item.Unit, result.Verdict.ToWire(),
            result.Baseline.Median, result.Candidate.Median, result.ShiftPercent, result.ShiftLowPercent, result.ShiftHighPercent,
            result.Baseline.Count == 0 ? "—" : $"{FigureText.Number(result.Baseline.Median)} {item.Unit}",
            result.Candidate.Count == 0 ? "—" : $"{FigureText.Number(result.Candidate.Median)} {item.Unit}" + (confirmation.Length == 0 ? "" : $" ({confirmation})"),
            FigureText.Percent(result.ShiftPercent), interval, thresholdText, result.Reason, baselineBuilds, result.Baseline.Count, result.Candidate.Count,
            item.ComparabilityKey, SeverityOf(result.Verdict))
        {
            Test = result.Test.ToWire(),
            Confirmation = confirmation,
        };
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
