using System.Security.Cryptography;
using System.Text;

namespace PerfLab.Runners.Emulation.Cuda;

/// <summary>Deterministic pseudo-random draws keyed by text, so an emulated run repeats exactly under the same seed.</summary>
/// <remarks>SplitMix64 seeded from SHA-256 of the key: stable across .NET versions and processes, unlike string hash codes.</remarks>
public sealed class EmulatorNoise
{
    private ulong _state;

    public EmulatorNoise(string key) => _state = BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0);

    public double NextUniform()
    {
        _state += 0x9E3779B97F4A7C15UL;
        var z = _state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>A standard normal draw (Box–Muller), clipped to ±3 so one unlucky draw cannot fake a regression.</summary>
    public double NextGaussian()
    {
        var u1 = Math.Max(NextUniform(), 1e-12);
        var u2 = NextUniform();
        return Math.Clamp(Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2), -3, 3);
    }

    /// <summary><paramref name="value"/> with relative noise of <paramref name="pct"/> percent standard deviation.</summary>
    public double Jitter(double value, double pct) => value * Math.Max(0.5, 1 + pct / 100 * NextGaussian());
}
