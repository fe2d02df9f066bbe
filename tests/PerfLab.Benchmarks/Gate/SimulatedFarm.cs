using System.Globalization;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Gating;
using PerfLab.Harness.Storage;

using PerfLab.Harness.Analysis;

using PerfLab.Benchmarks.Detection;

namespace PerfLab.Benchmarks.Gate;

/// <summary>A nightly farm history made from a seed: every series (device × metric) has <see cref="Builds"/> builds, one a night,
/// the last being the candidate, each with <see cref="Repetitions"/> samples drawn by <see cref="SyntheticHistoryGenerator.Build"/>
/// (relative Gaussian noise σ per sample plus a between-build offset of σ/4). It can be judged in memory
/// (<see cref="ToGateHistory"/>, the same inputs the store gives a gate) or written as an ingestible CSV (<see cref="WriteCsv"/>).</summary>
public sealed class SimulatedFarm
{
    /// <summary>Suite name of every simulated run.</summary>
    public const string Suite = "farm";

    /// <summary>Case name of every simulated device's one case.</summary>
    public const string Case = "model";

    /// <summary>Suite version CSV ingest records (part of a run's identity, as in the store).</summary>
    private const string SuiteVersion = "csv";

    private static readonly DateTimeOffset FirstNight = new(2025, 1, 1, 2, 0, 0, TimeSpan.Zero);

    private readonly double[][][] _samples; // [series][build][repetition]

    private SimulatedFarm(GateFarmShape shape, int repetitions, double noisePercent, double[][][] samples)
    {
        Shape = shape;
        Repetitions = repetitions;
        NoisePercent = noisePercent;
        _samples = samples;
    }

    public GateFarmShape Shape { get; }

    /// <summary>Samples per series and build.</summary>
    public int Repetitions { get; }

    /// <summary>Per-sample relative noise σ in percent.</summary>
    public double NoisePercent { get; }

    /// <summary>Builds per series, the candidate (the last) included.</summary>
    public int Builds => _samples.Length == 0 ? 0 : _samples[0].Length;

    /// <summary>The candidate build's name.</summary>
    public string Candidate => BuildName(Builds - 1);

    /// <summary>Name of night <paramref name="index"/> ("n000").</summary>
    public static string BuildName(int index) => "n" + index.ToString("000", CultureInfo.InvariantCulture);

    /// <summary>Name of device <paramref name="index"/> ("dev0000"); device 0 carries the series a drop is put on.</summary>
    public static string DeviceName(int index) => "dev" + index.ToString("0000", CultureInfo.InvariantCulture);

    /// <summary>A farm of <paramref name="builds"/> nights from <paramref name="seed"/>, nothing changed; each series starts from its
    /// metric's level times a device factor in [1, 1.5).</summary>
    public static SimulatedFarm Generate(GateFarmShape shape, int builds, int repetitions, double noisePercent, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(builds, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(repetitions, 1);
        var gen = new SyntheticHistoryGenerator(seed);
        var samples = new double[shape.Series][][];
        for (var s = 0; s < samples.Length; s++)
        {
            var level = GateFarmShape.Metrics[s % shape.MetricsPerDevice].Level * (1 + 0.5 * gen.NextDouble());
            samples[s] = new double[builds][];
            for (var b = 0; b < builds; b++) samples[s][b] = gen.Build(level, noisePercent, repetitions);
        }
        return new SimulatedFarm(shape, repetitions, noisePercent, samples);
    }

    /// <summary>The same farm with device 0's FPS in the candidate build lowered by <paramref name="percent"/> % (the same noise,
    /// so a drop night differs from its unchanged night only by the drop).</summary>
    public SimulatedFarm WithDrop(double percent)
    {
        var samples = (double[][][])_samples.Clone();
        samples[0] = (double[][])_samples[0].Clone();
        samples[0][^1] = _samples[0][^1].Select(v => v * (1 - percent / 100)).ToArray();
        return new SimulatedFarm(Shape, Repetitions, NoisePercent, samples);
    }

    /// <summary>The gate's inputs for <paramref name="request"/>, as <c>StoreGateHistory.Load</c> reads them from a store holding this
    /// farm ingested from <see cref="WriteCsv"/>: every run, the candidate's cases and metric definitions, and each series over the
    /// builds <see cref="GateWindow"/> names.</summary>
    public GateHistory ToGateHistory(GateRequest request)
    {
        var runs = new List<StoredRun>(Builds * Shape.Devices);
        for (var b = 0; b < Builds; b++)
            for (var d = 0; d < Shape.Devices; d++)
                runs.Add(new StoredRun(RunId(b, d), Suite, SuiteVersion, EvidenceScope.ResearchCampaign, BuildName(b), "main",
                    new Dictionary<string, string>(), "external:" + DeviceName(d), DeviceName(d), DeviceName(d), false, RunStatus.Passed,
                    NightStart(b), NightStart(b).AddMinutes(Repetitions - 1), 1, 0));
        var metrics = GateFarmShape.Metrics.Take(Shape.MetricsPerDevice).Select(m => m.Spec).ToList();
        var candidateRuns = Enumerable.Range(0, Shape.Devices).Select(d => RunId(Builds - 1, d)).ToList();
        var cases = Enumerable.Range(0, Shape.Devices).Select(d => new GateCase(candidateRuns[d], Case, DeviceName(d), DeviceName(d), Key(d),
            CaseStatus.Passed, null, null, metrics.Select((m, i) => new GateCaseMetric(m.Name, m.Unit, _samples[d * Shape.MetricsPerDevice + i][^1])).ToList())).ToList();
        var window = GateWindow.Of(runs, request).All;
        var inWindow = Enumerable.Range(0, Builds).Where(b => window.Contains(BuildName(b))).ToList();
        var series = new List<MetricSeries>(Shape.Series);
        for (var s = 0; s < Shape.Series; s++)
        {
            var d = s / Shape.MetricsPerDevice;
            var m = metrics[s % Shape.MetricsPerDevice];
            var points = inWindow.Select(b => new BuildPoint(BuildName(b), NightStart(b), _samples[s][b], [RunId(b, d)])).ToList();
            series.Add(new MetricSeries(new SeriesIdentity(DeviceName(d), Suite, Case, m.Name, Key(d)), m.Unit, m.Better, points));
        }
        var runMetrics = candidateRuns.ToDictionary(id => id, IReadOnlyList<MetricSpec> (_) => metrics, StringComparer.Ordinal);
        return new GateHistory("simulated farm", runs, cases, series, runMetrics);
    }

    /// <summary>Writes the farm in PerfLab's CSV history format (docs/gating.md §1), values in round-trip precision, so that
    /// <c>perflab ingest</c> stores exactly these samples.</summary>
    public void WriteCsv(TextWriter writer)
    {
        writer.Write("timestamp,build,device,suite,case,metric,unit,better,value\n");
        for (var b = 0; b < Builds; b++)
            for (var d = 0; d < Shape.Devices; d++)
                for (var r = 0; r < Repetitions; r++)
                {
                    var at = NightStart(b).AddMinutes(r).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                    for (var m = 0; m < Shape.MetricsPerDevice; m++)
                    {
                        var spec = GateFarmShape.Metrics[m].Spec;
                        var value = _samples[d * Shape.MetricsPerDevice + m][b][r];
                        writer.Write(string.Create(CultureInfo.InvariantCulture,
                            $"{at},{BuildName(b)},{DeviceName(d)},{Suite},{Case},{spec.Name},{spec.Unit},{(spec.Better == Better.Higher ? "higher" : "lower")},{value:R}\n"));
                    }
                }
    }

    private static DateTimeOffset NightStart(int build) => FirstNight.AddDays(build);

    private static string RunId(int build, int device) => string.Create(CultureInfo.InvariantCulture, $"sim-{build}-{device}");

    private static string Key(int device) => "key-" + DeviceName(device);
}
