using PerfLab.Harness.Analysis;

namespace PerfLab.Benchmarks.Detection;

/// <summary>Performance-like build histories from a fixed seed: run-to-run noise in percent, a small between-build offset,
/// several samples per build, plus steps, lone spikes, bimodal noise or slow thermal drift.</summary>
public sealed class SyntheticHistoryGenerator(int seed)
{
    private readonly Random _random = new(seed);

    /// <summary>Level every series starts from (e.g. FPS).</summary>
    public const double BaseLevel = 100;

    /// <summary>One build's samples: level × (1 + between-build offset + per-sample noise), noise given in percent.</summary>
    public double[] Build(double level, double noisePercent, int samples, bool bimodal = false)
    {
        var sigma = noisePercent / 100;
        var offset = 0.25 * sigma * Gaussian();
        var result = new double[samples];
        for (var i = 0; i < samples; i++)
        {
            // bimodal: each sample lands in one of two modes 2σ apart (e.g. two clock states), with the same overall spread
            var e = bimodal ? (_random.NextDouble() < 0.5 ? -1 : 1) * sigma + 0.3 * sigma * Gaussian() : sigma * Gaussian();
            result[i] = level * (1 + offset + e);
        }
        return result;
    }

    /// <summary>Per-build sample sets of a series whose level follows <paramref name="level"/>(build index).</summary>
    public double[][] Series(int builds, int samples, double noisePercent, Func<int, double> level, bool bimodal = false) =>
        Enumerable.Range(0, builds).Select(i => Build(level(i), noisePercent, samples, bimodal)).ToArray();

    /// <summary>A uniform integer in [min, max).</summary>
    public int Next(int min, int max) => _random.Next(min, max);

    /// <summary>A uniform double in [0, 1).</summary>
    public double NextDouble() => _random.NextDouble();

    /// <summary>A standard normal deviate (Box–Muller).</summary>
    public double Gaussian()
    {
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
