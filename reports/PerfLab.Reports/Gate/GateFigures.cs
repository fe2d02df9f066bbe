using System.Globalization;
using PerfLab.Harness.Analysis;
using PerfLab.Harness.Gating;

namespace PerfLab.Reports.Gate;

/// <summary>How gate figures are printed everywhere (text, JUnit, Markdown), invariant culture, "n/a" for what is unknown.</summary>
public static class GateFigures
{
    /// <summary>A signed percentage: "-5.02 %".</summary>
    public static string Percent(double v) => double.IsFinite(v) ? v.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) + " %" : "n/a";

    /// <summary>A plain number with up to 4 decimals.</summary>
    public static string Number(double v) => double.IsFinite(v) ? v.ToString("0.####", CultureInfo.InvariantCulture) : "n/a";

    /// <summary>"-5.02 % [-5.90 %, -4.11 %]" or "n/a".</summary>
    public static string ShiftWithInterval(ComparisonResult r) =>
        double.IsFinite(r.ShiftPercent) ? $"{Percent(r.ShiftPercent)} [{Percent(r.ShiftLowPercent)}, {Percent(r.ShiftHighPercent)}]" : "n/a";

    /// <summary>"±3.00 % (budget, default)" or the noise-widened form.</summary>
    public static string Threshold(ComparisonResult r)
    {
        var t = r.Threshold;
        if (!double.IsFinite(t.EffectivePercent)) return "n/a";
        var eff = t.EffectivePercent.ToString("0.00", CultureInfo.InvariantCulture);
        return t.EffectivePercent > t.BudgetPercent
            ? $"±{eff} % (widened by between-build noise {Number(t.NoisePercent)} %; budget {Number(t.BudgetPercent)} %)"
            : $"±{eff} % (budget, {t.BudgetSource})";
    }

    /// <summary>The baseline builds compactly: "b15, b16, b17" or "b10 … b19 (10 builds)".</summary>
    public static string Builds(IReadOnlyList<string> builds) => builds.Count switch
    {
        0 => "none",
        <= 3 => string.Join(", ", builds),
        _ => $"{builds[0]} … {builds[^1]} ({builds.Count} builds)",
    };

    /// <summary>"n=25, median 100.1" for one side of a comparison.</summary>
    public static string Side(ComparedSide s, string unit) => s.Count == 0 ? "n=0" : $"n={s.Count}, median {Number(s.Median)} {unit}".TrimEnd();

    /// <summary>"Hailo-10H on pi5-a": the device model and the hosts that measured it, for farms with one model on many hosts.</summary>
    public static string DeviceOnHosts(GateItem i) => i.Hosts.Count == 0 ? i.Device : $"{i.Device} on {string.Join(", ", i.Hosts)}";

    /// <summary>One line naming everything a verdict rests on: device, suite, case, metric, verdict, shift with interval,
    /// threshold, baseline builds and candidate build.</summary>
    public static string Headline(GateItem i)
    {
        var r = i.Result;
        var head = $"{DeviceOnHosts(i)} / {i.Suite} / {i.Case} / {i.Metric}: {r.Verdict.ToWire()}";
        if (!double.IsFinite(r.ShiftPercent)) return $"{head} at candidate {i.CandidateBuild}: {r.Reason}";
        return $"{head}, shift {ShiftWithInterval(r)} ({Number(r.Shift)} {i.Unit}), threshold {Threshold(r)}; " +
               $"baseline {Builds(i.BaselineBuilds)} ({Side(r.Baseline, i.Unit)}) -> candidate {i.CandidateBuild} ({Side(r.Candidate, i.Unit)})";
    }
}
