using System.Globalization;
using System.Text;

using PerfLab.Harness.Analysis;

namespace PerfLab.Benchmarks.Gate;

/// <summary>Writes a <see cref="GateAccuracyResult"/> as the Markdown section docs/gating.md carries (§4.5).</summary>
public static class GateAccuracyReportWriter
{
    /// <summary>The section's Markdown: how the nights were simulated, the command and seed, the acceptance points, the false-action
    /// rate by farm size and the grid, one table per farm size.</summary>
    public static string Markdown(GateAccuracyResult r, string commandLine, string machine)
    {
        var o = r.Options;
        var sb = new StringBuilder();
        void Line(FormattableString s) => sb.Append(s.ToString(CultureInfo.InvariantCulture)).Append('\n');
        Line($"Measured with `{commandLine}` (seed {o.Seed}) on a {machine}, in {r.Seconds:0} s.");
        Line($"");
        Line($"Each night is a farm of devices with one case each; every series (device × metric: FPS, higher is better, and up to three");
        Line($"lower-is-better metrics) has {o.HistoryBuilds} nights of history and a candidate night, each night with R samples of relative");
        Line($"Gaussian noise σ plus a between-night offset of σ/4. The night is stored in memory exactly as `perflab gate` loads it from the");
        Line($"store (a test checks that the verdicts equal those of the same night ingested from CSV), and judged by `GateEvaluator` with the");
        Line($"default request: baseline `branch:main` (last 5 nights), 20 history nights, budget 3 %, no `--allow-*`. Each night is judged");
        Line($"unchanged, then again with device 0's FPS lowered by each drop (same noise). *Detected*: exit 1 **and** the dropped series'");
        Line($"verdict is `regression`. *False action*: an unchanged night with exit ≠ 0 (1 = failed, 3 = action required). Intervals are");
        Line($"Wilson 95 % intervals of the rate.");
        Line($"");
        Line($"**Acceptance points (issue 19)**");
        Line($"");
        Line($"| simulated | target | measured | 95 % interval | met | detail |");
        Line($"|---|---|---:|---|---|---|");
        foreach (var c in r.Checks)
            Line($"| {c.Name} | {c.Target} | {c.Successes}/{c.Draws} ({Pct(c.Rate)}) | {Interval(c.Successes, c.Draws)} | {(c.Met ? "yes" : "**no**")} | {c.Detail} |");
        Line($"");
        Line($"**Unchanged nights by farm size** (σ 1 %, 5 repetitions; item 4 of the issue)");
        Line($"");
        Line($"| series (devices × metrics) | nights | exit 0 | exit 1 | exit 3 | false action [95 % interval] | series called regression | series inconclusive |");
        Line($"|---|---:|---:|---:|---:|---|---:|---:|");
        foreach (var c in r.FarmRows)
            Line($"| {c.Farm} | {c.Draws} | {c.Exits(0)} | {c.Exits(1)} | {c.Exits(3)} | {Pct(c.FalseActionRate)} {Interval(c.FalseActions, c.Draws)} | {c.Unchanged(Verdict.Regression)} of {c.Draws * c.Farm.Series} | {c.Unchanged(Verdict.Inconclusive)} |");
        foreach (var farm in r.Cells.GroupBy(c => c.Farm))
        {
            var draws = farm.Select(c => c.Draws).Distinct().ToList();
            Line($"");
            Line($"**{farm.Key} series, {string.Join("/", draws)} nights per cell**");
            Line($"");
            var drops = o.DropPercents;
            sb.Append("| R | σ |");
            foreach (var d in drops) sb.Append(CultureInfo.InvariantCulture, $" detected, {d:0.#} % drop |");
            sb.Append(" false action (exit 1 / 3) | unchanged series called regression | other series called regression on drop nights |\n");
            sb.Append("|---:|---:|").Append(string.Concat(drops.Select(_ => "---:|"))).Append("---|---:|---:|\n");
            foreach (var c in farm)
            {
                sb.Append(CultureInfo.InvariantCulture, $"| {c.Repetitions} | {c.NoisePercent:0.0##} % |");
                foreach (var d in drops) sb.Append(' ').Append(Pct(c.Drop(d)!.DetectionRate)).Append(" |");
                Line($" {Pct(c.FalseActionRate)} ({c.Exits(1)} / {c.Exits(3)}) | {c.Unchanged(Verdict.Regression)} | {c.Drops.Sum(d => d.OtherRegressions)} |");
            }
        }
        return sb.ToString();
    }

    private static string Pct(double rate) => double.IsNaN(rate) ? "n/a" : (rate * 100).ToString(rate is 0 or 1 ? "0" : "0.#", CultureInfo.InvariantCulture) + " %";

    /// <summary>The Wilson score interval at 95 % for <paramref name="k"/> of <paramref name="n"/>.</summary>
    private static string Interval(int k, int n)
    {
        if (n == 0) return "n/a";
        const double z = 1.959963984540054;
        var p = (double)k / n;
        var centre = (p + z * z / (2 * n)) / (1 + z * z / n);
        var half = z / (1 + z * z / n) * Math.Sqrt(p * (1 - p) / n + z * z / (4.0 * n * n));
        return $"[{Pct(Math.Max(0, centre - half))}, {Pct(Math.Min(1, centre + half))}]";
    }
}
