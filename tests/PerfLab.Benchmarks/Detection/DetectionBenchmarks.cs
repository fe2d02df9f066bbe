using System.Diagnostics;
using System.Globalization;
using PerfLab.Harness.Domain;

using PerfLab.Harness.Analysis;

namespace PerfLab.Benchmarks.Detection;

/// <summary>Measures the detectors: TCPD accuracy, synthetic performance histories, and speed (behind `dotnet run -c Release --project tests/PerfLab.Benchmarks -- detection`).</summary>
public static class DetectionBenchmarks
{
    /// <summary>Builds in each synthetic series.</summary>
    public const int SyntheticBuilds = 120;

    /// <summary>Samples (repetitions) per synthetic build.</summary>
    public const int SyntheticSamples = 5;

    private static readonly double[] NoiseLevels = [0.5, 1, 2, 3, 5];
    private static readonly double[] StepSizes = [1, 2, 3, 5, 7, 10];

    /// <summary>Scores the default detector (or <paramref name="options"/>) on the univariate benchmark set in <paramref name="tcpdDir"/>.
    /// Without <paramref name="options"/> it also scores the neighbours of the default (see <see cref="Neighbours"/>).</summary>
    public static TcpdBenchmarkResult RunTcpd(string tcpdDir, ChangePointOptions? options = null)
    {
        var set = TcpdDatasetReader.ReadBenchmarkSet(tcpdDir);
        var detector = new RobustPeltChangePointDetector(options ?? ChangePointOptions.Default);
        var rows = ScoreTcpd(set, detector);
        var published = ReadPublished(Path.Combine(tcpdDir, "reference_univariate_shared_subset.csv"));
        var sensitivity = options is null
            ? Neighbours(ChangePointOptions.Default).Select(n =>
            {
                var r = ScoreTcpd(set, new RobustPeltChangePointDetector(n.Options));
                return new TcpdSensitivityRow(n.Change, n.Options, r.Average(x => x.F1.F1), r.Average(x => x.Cover));
            }).ToArray()
            : null;
        return new TcpdBenchmarkResult(detector.Configuration, rows,
            rows.Average(r => r.F1.F1), rows.Average(r => r.Cover), published, sensitivity);
    }

    /// <summary>The configurations one parameter away from <paramref name="o"/> that docs/detection.md shows TCPD figures for.</summary>
    public static IReadOnlyList<(string Change, ChangePointOptions Options)> Neighbours(ChangePointOptions o) =>
    [
        ("penalty 5·log n", o with { PenaltyPerLogN = 5 }),
        ("penalty 6·log n", o with { PenaltyPerLogN = 6 }),
        ("penalty 11·log n", o with { PenaltyPerLogN = 11 }),
        ("penalty 16·log n", o with { PenaltyPerLogN = 16 }),
        ("split-residual fraction 0.5", o with { SplitResidualFraction = 0.5 }),
        ("split-residual fraction 1.0", o with { SplitResidualFraction = 1.0 }),
        ("no drift (lag) noise", o with { MaxNoiseLag = 1 }),
        ("drift lags ≤ 0.05·n", o with { NoiseLagFraction = 0.05 }),
        ("drift lags ≤ 32", o with { MaxNoiseLag = 32 }),
        ("min segment 3", o with { MinSegment = 3 }),
        ("min segment 4", o with { MinSegment = 4 }),
        ("min effect 4σ", o with { MinEffectInNoise = 4 }),
        ("no trend filter", o with { TrendRatio = 0 }),
        ("trend ratio 0.5", o with { TrendRatio = 0.5 }),
        ("trend ratio 1.0", o with { TrendRatio = 1.0 }),
    ];

    private static TcpdSeriesScore[] ScoreTcpd(IReadOnlyList<TcpdSeries> set, RobustPeltChangePointDetector detector) =>
        set.Select(s =>
        {
            var predicted = TcpdScorer.CleanPredictions(detector.DetectIndices(s.Values), s.Values.Count);
            return new TcpdSeriesScore(s.Name, s.Values.Count, s.MissingFilled, predicted,
                TcpdScorer.F1(s.Annotations, predicted), TcpdScorer.Cover(s.Annotations, predicted, s.Values.Count));
        }).ToArray();

    /// <summary>Published default scores (method, default_f1, default_cover) from the reference CSV.</summary>
    public static IReadOnlyList<TcpdMethodScore> ReadPublished(string csvPath)
    {
        var lines = File.ReadAllLines(csvPath);
        if (lines.Length == 0) throw new InvalidDataException($"{csvPath}: empty");
        var header = lines[0].Split(',');
        int mi = Array.IndexOf(header, "method"), fi = Array.IndexOf(header, "default_f1"), ci = Array.IndexOf(header, "default_cover");
        if (mi < 0 || fi < 0 || ci < 0) throw new InvalidDataException($"{csvPath}:1: needs method, default_f1, default_cover");
        var result = new List<TcpdMethodScore>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var c = lines[i].Split(',');
            if (!double.TryParse(c[fi], NumberStyles.Float, CultureInfo.InvariantCulture, out var f1) ||
                !double.TryParse(c[ci], NumberStyles.Float, CultureInfo.InvariantCulture, out var cover))
                throw new InvalidDataException($"{csvPath}:{i + 1}: default_f1/default_cover are not numbers");
            result.Add(new TcpdMethodScore(c[mi], f1, cover, true));
        }
        return result;
    }

    /// <summary>Generated histories from <paramref name="seed"/>; <paramref name="seriesPerCell"/> series per noise × step cell and
    /// <paramref name="seriesPerNoise"/> per noise level for each no-change kind.</summary>
    public static SyntheticBenchmarkResult RunSynthetic(int seed, int seriesPerCell = 40, int seriesPerNoise = 200, int pairs = 1000,
        ChangePointOptions? options = null)
    {
        var detector = new RobustPeltChangePointDetector(options ?? ChangePointOptions.Default);
        var gen = new SyntheticHistoryGenerator(seed);
        double[] Medians(double[][] builds) => builds.Select(b => RobustScale.Median(b)).ToArray();
        // the detector sees what `perflab detect` sees: build medians plus the within-build standard error of a median
        int[] Detect(double[][] builds) => detector.DetectIndices(Medians(builds), RobustScale.MedianStandardError(builds));

        var steps = new List<StepRecallRow>();
        int large = 0, largeFound = 0;
        foreach (var noise in NoiseLevels)
            foreach (var step in StepSizes)
            {
                int found = 0, same = 0;
                for (var s = 0; s < seriesPerCell; s++)
                {
                    var at = gen.Next(20, SyntheticBuilds - 20);
                    var sign = gen.NextDouble() < 0.5 ? -1 : 1;
                    var after = SyntheticHistoryGenerator.BaseLevel * (1 + sign * step / 100);
                    var series = gen.Series(SyntheticBuilds, SyntheticSamples, noise, i => i < at ? SyntheticHistoryGenerator.BaseLevel : after);
                    var values = Medians(series);
                    var cps = Detect(series);
                    var hit = cps.Where(c => Math.Abs(c - at) <= 2).ToArray();
                    if (hit.Length > 0)
                    {
                        found++;
                        var c = hit[0];
                        if (Math.Sign(RobustScale.Median(values[c..]) - RobustScale.Median(values[..c])) == sign) same++;
                    }
                    if (step >= 3 * noise) { large++; if (hit.Length > 0) largeFound++; }
                }
                steps.Add(new StepRecallRow(noise, step, seriesPerCell, found, same));
            }

        var alarms = new List<FalseAlarmRow>();
        foreach (var kind in new[] { "gaussian", "bimodal", "thermal-drift" })
        {
            int series = 0, builds = 0, cps = 0;
            foreach (var noise in NoiseLevels)
                for (var s = 0; s < seriesPerNoise; s++)
                {
                    var phase = gen.NextDouble() * 2 * Math.PI;
                    var period = gen.Next(60, 240);
                    // thermal drift: a slow swing of the level, amplitude equal to the run-to-run noise
                    Func<int, double> level = kind == "thermal-drift"
                        ? i => SyntheticHistoryGenerator.BaseLevel * (1 + noise / 100 * Math.Sin(phase + 2 * Math.PI * i / period))
                        : _ => SyntheticHistoryGenerator.BaseLevel;
                    cps += Detect(gen.Series(SyntheticBuilds, SyntheticSamples, noise, level, kind == "bimodal")).Length;
                    series++;
                    builds += SyntheticBuilds;
                }
            alarms.Add(new FalseAlarmRow(kind, series, builds, cps));
        }

        int spikeSeries = 0, spikes = 0;
        foreach (var noise in NoiseLevels)
            for (var s = 0; s < seriesPerNoise; s++)
            {
                var at = gen.Next(5, SyntheticBuilds - 5);
                var size = (gen.NextDouble() < 0.5 ? -1 : 1) * (5 + 15 * gen.NextDouble()) * noise / 100;
                var series = gen.Series(SyntheticBuilds, SyntheticSamples, noise,
                    i => SyntheticHistoryGenerator.BaseLevel * (i == at ? 1 + size : 1));
                spikeSeries++;
                spikes += Detect(series).Count(c => Math.Abs(c - at) <= 1 || Math.Abs(c - at - 1) <= 1);
            }

        var verdicts = new List<VerdictRateRow>
        {
            RunPairs(gen, "no change, 1 % noise", 1, 0, pairs),
            RunPairs(gen, "no change, 3 % noise", 3, 0, pairs),
            RunPairs(gen, "5 % drop, 1 % noise", 1, -5, pairs),
            RunPairs(gen, "5 % drop, 3 % noise", 3, -5, pairs),
            RunPairs(gen, "2 % drop, 1 % noise (within budget)", 1, -2, pairs),
        };
        var shortRows = RunShortHistories(gen, detector, seriesPerCell * 5);
        return new SyntheticBenchmarkResult(seed, detector.Configuration, steps, large, largeFound, alarms, spikeSeries, spikes, verdicts, shortRows);
    }

    /// <summary>Nightly-sized histories (8–25 builds): a clean step must be found at its index, flat ones and a lone spike give nothing.</summary>
    private static IReadOnlyList<ShortHistoryRow> RunShortHistories(SyntheticHistoryGenerator gen, RobustPeltChangePointDetector detector, int series)
    {
        var rows = new List<ShortHistoryRow>();
        void Scenario(string name, int builds, int samples, double noise, int? expected, Func<int, double> level)
        {
            var correct = 0;
            for (var s = 0; s < series; s++)
            {
                var b = gen.Series(builds, samples, noise, level);
                var cps = detector.DetectIndices(b.Select(x => RobustScale.Median(x)).ToArray(), RobustScale.MedianStandardError(b));
                if (expected is { } k ? cps.SequenceEqual([k]) : cps.Length == 0) correct++;
            }
            rows.Add(new ShortHistoryRow(name, builds, samples, noise, expected is { } e ? "index " + e : "none", series, correct));
        }
        const double level = SyntheticHistoryGenerator.BaseLevel;
        Scenario("5 % drop from build 8", 14, 5, 0.6, 7, i => i < 7 ? level : level * 0.95);
        Scenario("5 % drop from build 6", 10, 5, 0.6, 5, i => i < 5 ? level : level * 0.95);
        Scenario("4 % drop from build 6 (≈ 5.5 σ of a build median)", 10, 3, 1, 5, i => i < 5 ? level : level * 0.96);
        Scenario("5 % rise from build 13", 20, 5, 1, 12, i => i < 12 ? level : level * 1.05);
        foreach (var n in new[] { 8, 10, 14, 20, 25 }) Scenario("no change", n, 5, 2, null, _ => level);
        Scenario("one build spiked +10 %", 14, 5, 0.6, null, i => i == 6 ? level * 1.1 : level);
        return rows;
    }

    /// <summary>Baseline = 5 builds × 10 samples, candidate = 1 build × 10 samples, higher is better, default budget.</summary>
    private static VerdictRateRow RunPairs(SyntheticHistoryGenerator gen, string scenario, double noise, double changePercent, int pairs)
    {
        var comparer = new SeriesComparer();
        var metric = new MetricSpec("fps", "fps", Better.Higher, MetricGate.None);
        var counts = Enum.GetValues<Verdict>().ToDictionary(v => v.ToWire(), _ => 0);
        for (var p = 0; p < pairs; p++)
        {
            var baseBuilds = Enumerable.Range(0, 5).Select(_ => gen.Build(SyntheticHistoryGenerator.BaseLevel, noise, 10)).ToArray();
            var pool = new BaselinePool(Enumerable.Range(0, 5).Select(i => "b" + i).ToArray(),
                baseBuilds.SelectMany(b => b).ToArray(), baseBuilds.Select(b => RobustScale.Median(b)).ToArray());
            var candidate = gen.Build(SyntheticHistoryGenerator.BaseLevel * (1 + changePercent / 100), noise, 10);
            counts[comparer.Compare(metric, pool, candidate).Verdict.ToWire()]++;
        }
        return new VerdictRateRow(scenario, pairs, counts);
    }

    /// <summary>Change-point detection over <paramref name="series"/> series of <paramref name="builds"/> builds (parallel over series),
    /// and one gate: a candidate per device against <paramref name="nights"/> nights of <paramref name="devices"/> devices.</summary>
    public static SpeedBenchmarkResult RunSpeed(int repetitions = 3, int series = 10_000, int builds = 365, int devices = 100, int nights = 90, int seed = 7)
    {
        var gen = new SyntheticHistoryGenerator(seed);
        var data = new double[series][];
        for (var s = 0; s < series; s++)
        {
            var at = gen.Next(30, builds - 30);
            var step = gen.NextDouble() < 0.5 ? 0 : 0.05;
            var noise = 0.5 + 4.5 * gen.NextDouble();
            data[s] = Enumerable.Range(0, builds).Select(i => 100 * (1 + (i >= at ? step : 0) + noise / 100 * gen.Gaussian())).ToArray();
        }
        var detector = new RobustPeltChangePointDetector();
        var detectTimes = new List<double>();
        for (var r = 0; r < repetitions; r++)
        {
            var sw = Stopwatch.StartNew();
            var total = 0;
            Parallel.For(0, series, () => 0, (s, _, count) => count + detector.DetectIndices(data[s]).Length,
                count => Interlocked.Add(ref total, count));
            detectTimes.Add(sw.Elapsed.TotalSeconds);
        }

        const int samples = 10;
        var metric = new MetricSpec("fps", "fps", Better.Higher, new MetricGate(3, null, null));
        var histories = Enumerable.Range(0, devices).Select(d => new PerfLab.Harness.Storage.MetricSeries(
            new PerfLab.Harness.Storage.SeriesIdentity("dev" + d, "suite", "case", "fps", "key" + d), "fps", Better.Higher,
            Enumerable.Range(0, nights + 1).Select(n => new PerfLab.Harness.Storage.BuildPoint("build" + n, DateTimeOffset.UnixEpoch.AddDays(n),
                gen.Build(100, 2, samples), ["run" + n])).ToArray())).ToArray();
        var comparer = new SeriesComparer();
        var gateTimes = new List<double>();
        for (var r = 0; r < Math.Max(repetitions, 5); r++)
        {
            var sw = Stopwatch.StartNew();
            var worst = 0;
            foreach (var h in histories)
            {
                var v = comparer.CompareInSeries(metric, h, "build" + nights);
                if (v.Verdict == Verdict.Regression) worst++;
            }
            gateTimes.Add(sw.Elapsed.TotalSeconds);
        }
        return new SpeedBenchmarkResult(Environment.ProcessorCount, series, builds, detectTimes, RobustScale.Median(detectTimes),
            devices, nights, samples, gateTimes, RobustScale.Median(gateTimes));
    }
}
