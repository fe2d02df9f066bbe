using System.Diagnostics;
using System.Globalization;
using PerfLab.Harness.Gating;

using PerfLab.Harness.Analysis;

namespace PerfLab.Benchmarks.Gate;

/// <summary>Measures the gate's accuracy (behind <c>dotnet run -c Release --project tests/PerfLab.Benchmarks -- gate</c>): simulated nightly farms (<see cref="SimulatedFarm"/>)
/// judged by the real <see cref="GateEvaluator"/> with the default request (branch:main, 5 baseline builds, 20 history builds,
/// 3 % budget, no --allow-* flag). Each night is judged unchanged and again with device 0's FPS dropped, so detection and false
/// alarms come from the same noise. Every night's seed derives from the run's seed and the cell, so any subset of nights can be
/// reproduced.</summary>
public static class GateAccuracyBenchmark
{
    /// <summary>The grid of <paramref name="options"/>, the acceptance points and the false-action rate by farm size;
    /// a progress line per cell goes to <paramref name="log"/>.</summary>
    public static GateAccuracyResult Run(GateAccuracyOptions options, TextWriter log)
    {
        Validate(options);
        var clock = Stopwatch.StartNew();
        var cells = new List<GateAccuracyCell>();
        var total = options.FarmSeries.Count * options.Repetitions.Count * options.NoisePercents.Count;
        foreach (var series in options.FarmSeries)
            foreach (var reps in options.Repetitions)
                foreach (var noise in options.NoisePercents)
                {
                    var cell = RunCell(options.Seed, GateFarmShape.OfSeries(series), reps, noise, options.DropPercents, options.DrawsFor(series), options.HistoryBuilds);
                    cells.Add(cell);
                    log.WriteLine(Progress($"grid {cells.Count}/{total}", cell, clock));
                }

        var extra = new List<GateAccuracyCell>();
        GateAccuracyCell Cell(string what, GateFarmShape farm, int reps, double noise, double[] drops, int draws, int history)
        {
            var cell = RunCell(options.Seed, farm, reps, noise, drops, draws, history);
            extra.Add(cell);
            log.WriteLine(Progress(what, cell, clock));
            return cell;
        }
        var three = Cell("check: 3 devices", new GateFarmShape(3, 1), 5, 1, [5], options.SmallCheckDraws, options.HistoryBuilds);
        var big = Cell("check: 100 devices x 4 metrics", new GateFarmShape(100, 4), 5, 1, [5], options.DrawsFor(400), options.HistoryBuilds);
        var few = Cell("check: 3 vs 3 samples, 1 baseline build", new GateFarmShape(1, 1), 3, 1, [10], options.SmallCheckDraws, 1);
        var checks = Checks(three, big, few);

        var farmRows = new List<GateAccuracyCell>();
        foreach (var series in new[] { 3, 10, 400 }.Concat(options.FarmSeries).Distinct().Order())
        {
            var shape = GateFarmShape.OfSeries(series);
            var known = cells.Concat(extra).FirstOrDefault(c => c.Farm == shape && c.Repetitions == 5 && c.NoisePercent == 1);
            farmRows.Add(known ?? Cell($"farm size {series}", shape, 5, 1, [], options.DrawsFor(series), options.HistoryBuilds));
        }
        return new GateAccuracyResult(options, cells, checks, farmRows, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Judges <paramref name="draws"/> nights of <paramref name="farm"/> (<paramref name="historyBuilds"/> nights of history
    /// and a candidate), each unchanged and with each of <paramref name="drops"/> applied to device 0's FPS.</summary>
    public static GateAccuracyCell RunCell(int seed, GateFarmShape farm, int repetitions, double noisePercent, IReadOnlyList<double> drops,
        int draws, int historyBuilds = 20)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(draws, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(historyBuilds, 1);
        var clock = Stopwatch.StartNew();
        var sum = new Tally(drops.Count);
        // Nights one after another: the evaluator already spreads a night's series over the cores, and nights judged in parallel
        // around it would block pool threads on its parallel query (thread-pool starvation, seconds lost per cell).
        for (var draw = 0; draw < draws; draw++)
        {
            var night = SimulatedFarm.Generate(farm, historyBuilds + 1, repetitions, noisePercent,
                NightSeed(seed, farm, repetitions, noisePercent, historyBuilds, draw));
            var request = new GateRequest(night.Candidate, BaselineSpec.Default);
            var quiet = GateEvaluator.Evaluate(night.ToGateHistory(request), request);
            sum.Exits[(int)quiet.Outcome]++;
            foreach (var item in quiet.Items) sum.Unchanged[item.Verdict] = sum.Unchanged.GetValueOrDefault(item.Verdict) + 1;
            for (var k = 0; k < drops.Count; k++)
            {
                var dropped = night.WithDrop(drops[k]);
                var report = GateEvaluator.Evaluate(dropped.ToGateHistory(request), request);
                var target = DroppedSeries(report);
                sum.Dropped[k][target.Verdict] = sum.Dropped[k].GetValueOrDefault(target.Verdict) + 1;
                if (report.Outcome == GateOutcome.Regression && target.Verdict == Verdict.Regression) sum.Detected[k]++;
                sum.Other[k] += report.Items.Count(i => !ReferenceEquals(i, target) && i.Verdict == Verdict.Regression);
            }
        }
        return new GateAccuracyCell(farm, repetitions, noisePercent, draws,
            sum.Exits.Select((n, exit) => (n, exit)).Where(x => x.n > 0).ToDictionary(x => x.exit, x => x.n),
            sum.Unchanged,
            drops.Select((d, k) => new GateDropResult(d, draws, sum.Detected[k], sum.Dropped[k], sum.Other[k])).ToList(),
            clock.Elapsed.TotalSeconds);
    }

    /// <summary>The item of device 0's FPS, the series a drop is put on.</summary>
    private static GateItem DroppedSeries(GateReport report) =>
        report.Items.Single(i => i.Device == SimulatedFarm.DeviceName(0) && i.Metric == GateFarmShape.Metrics[0].Spec.Name);

    private static IReadOnlyList<GateAccuracyCheck> Checks(GateAccuracyCell three, GateAccuracyCell big, GateAccuracyCell few)
    {
        string Verdicts(IReadOnlyDictionary<Verdict, int> counts) =>
            string.Join(", ", GateReport.Order.Where(v => counts.GetValueOrDefault(v) > 0).Select(v => $"{counts[v]} {v.ToWire()}"));
        var threeDrop = three.Drop(5)!;
        var bigDrop = big.Drop(5)!;
        var fewDrop = few.Drop(10)!;
        var fewOk = fewDrop.Draws - fewDrop.DroppedVerdicts.GetValueOrDefault(Verdict.NoChange) - fewDrop.DroppedVerdicts.GetValueOrDefault(Verdict.Improvement);
        return
        [
            new("3 devices (FPS), σ 1 %, 5 repetitions, one device 5 % slower", "exit 1 naming that device in ≥ 95 % of nights",
                threeDrop.Detected, threeDrop.Draws, 0.95,
                Inv($"the dropped device: {Verdicts(threeDrop.DroppedVerdicts)}; other devices called regression: {threeDrop.OtherRegressions}")),
            new("3 devices (FPS), σ 1 %, 5 repetitions, unchanged", "exit 0 in ≥ 95 % of nights", three.Exits(0), three.Draws, 0.95,
                Inv($"exit 1: {three.Exits(1)}, exit 3: {three.Exits(3)}; series verdicts: {Verdicts(three.UnchangedVerdicts)}")),
            new("100 devices × 4 metrics, σ 1 %, 5 repetitions, unchanged", "exit 0 in ≥ 95 % of nights", big.Exits(0), big.Draws, 0.95,
                Inv($"exit 1: {big.Exits(1)}, exit 3: {big.Exits(3)}; series verdicts: {Verdicts(big.UnchangedVerdicts)}")),
            new("100 devices × 4 metrics, σ 1 %, 5 repetitions, one device's FPS 5 % lower",
                "exit 1 naming that device on every night, no unchanged series called a regression", bigDrop.Detected, bigDrop.Draws, 1,
                Inv($"the dropped series: {Verdicts(bigDrop.DroppedVerdicts)}; unchanged series called regression: {bigDrop.OtherRegressions} on these nights, {big.Unchanged(Verdict.Regression)} on the unchanged nights"),
                bigDrop.OtherRegressions == 0 && big.Unchanged(Verdict.Regression) == 0),
            new("3 vs 3 samples, no longer history (1 baseline build of 3), unchanged", "never no-change, never a pass",
                few.Draws - few.Exits(0), few.Draws, 1, Inv($"verdicts: {Verdicts(few.UnchangedVerdicts)}; exit 3: {few.Exits(3)}"),
                few.Unchanged(Verdict.NoChange) == 0),
            new("3 vs 3 samples, no longer history (1 baseline build of 3), 10 % drop", "never no-change, never a pass",
                fewOk, fewDrop.Draws, 1, Inv($"verdicts: {Verdicts(fewDrop.DroppedVerdicts)}"),
                fewDrop.DroppedVerdicts.GetValueOrDefault(Verdict.NoChange) == 0),
        ];
    }

    private static void Validate(GateAccuracyOptions o)
    {
        if (o.Draws is < 1) throw new ArgumentOutOfRangeException(nameof(o), "--draws must be at least 1");
        if (o.Repetitions.Count == 0 || o.Repetitions.Any(r => r < 1)) throw new ArgumentOutOfRangeException(nameof(o), "repetitions must be at least 1");
        if (o.NoisePercents.Count == 0 || o.NoisePercents.Any(n => !(n > 0) || !double.IsFinite(n)))
            throw new ArgumentOutOfRangeException(nameof(o), "noise levels must be positive percentages");
        if (o.DropPercents.Any(d => !(d > 0 && d < 100))) throw new ArgumentOutOfRangeException(nameof(o), "drops must lie between 0 and 100 %");
        if (o.FarmSeries.Count == 0 || o.FarmSeries.Any(s => s < 1)) throw new ArgumentOutOfRangeException(nameof(o), "farm sizes must be at least 1 series");
        if (o.HistoryBuilds < 1) throw new ArgumentOutOfRangeException(nameof(o), "history must hold at least 1 build");
    }

    /// <summary>A night's seed from everything that names it (splitmix64 finalisers: stable across runs and platforms, unlike
    /// <see cref="HashCode"/>).</summary>
    private static int NightSeed(int seed, GateFarmShape farm, int repetitions, double noisePercent, int historyBuilds, int draw)
    {
        ulong h = (ulong)(uint)seed;
        foreach (var part in new long[] { farm.Devices, farm.MetricsPerDevice, repetitions, (long)Math.Round(noisePercent * 1000), historyBuilds, draw })
        {
            h = unchecked((h ^ (ulong)part) + 0x9E3779B97F4A7C15UL);
            h = unchecked((h ^ (h >> 30)) * 0xBF58476D1CE4E5B9UL);
            h = unchecked((h ^ (h >> 27)) * 0x94D049BB133111EBUL);
            h ^= h >> 31;
        }
        return (int)(h & 0x7FFFFFFF);
    }

    private static string Progress(string what, GateAccuracyCell c, Stopwatch clock)
    {
        var drops = string.Join(", ", c.Drops.Select(d => Inv($"{d.DropPercent:0.#} % drop {d.Detected}/{d.Draws}")));
        return Inv($"{what}: {c.Farm} series, {c.Repetitions} reps, σ {c.NoisePercent:0.0##} %, {c.Draws} nights: unchanged exit≠0 {c.FalseActions}/{c.Draws}") +
               (drops.Length == 0 ? "" : "; detected " + drops) + Inv($" ({c.Seconds:0.0} s, {clock.Elapsed.TotalSeconds:0} s in all)");
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>Counts over a cell's nights.</summary>
    private sealed class Tally
    {
        public Tally(int drops)
        {
            Detected = new int[drops];
            Other = new int[drops];
            Dropped = Enumerable.Range(0, drops).Select(_ => new Dictionary<Verdict, int>()).ToArray();
        }

        public int[] Exits { get; } = new int[4];
        public Dictionary<Verdict, int> Unchanged { get; } = [];
        public int[] Detected { get; }
        public int[] Other { get; }
        public Dictionary<Verdict, int>[] Dropped { get; }
    }
}
