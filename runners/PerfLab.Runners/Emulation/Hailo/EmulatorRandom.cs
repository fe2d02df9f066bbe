namespace PerfLab.Runners.Emulation.Hailo;

/// <summary>A small SplitMix64 generator, so a seed yields the same noise on every .NET version and platform.</summary>
public sealed class EmulatorRandom(ulong seed)
{
    private ulong _state = seed;

    /// <summary>A generator for one named stream of one invocation: the same inputs give the same numbers.</summary>
    public static EmulatorRandom For(ulong seed, long invocation, string stream)
    {
        var h = seed ^ 0x9E3779B97F4A7C15UL * (ulong)(invocation + 1);
        foreach (var c in stream) h = (h ^ c) * 0x100000001B3UL;
        return new EmulatorRandom(h);
    }

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in (0, 1).</summary>
    public double Uniform() => ((Next() >> 11) + 0.5) / (1UL << 53);

    /// <summary>Standard normal (Box–Muller).</summary>
    public double Normal() => Math.Sqrt(-2 * Math.Log(Uniform())) * Math.Cos(2 * Math.PI * Uniform());

    /// <summary>A lognormal factor with median 1 and the given sigma in percent.</summary>
    public double LogNormalFactor(double sigmaPercent) => Math.Exp(sigmaPercent / 100 * Normal());
}
