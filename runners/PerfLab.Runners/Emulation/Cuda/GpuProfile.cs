namespace PerfLab.Runners.Emulation.Cuda;

/// <summary>An emulated GPU: identity, runtime versions, telemetry ranges and the published 8192-token decode figures it reproduces.</summary>
/// <param name="SeedRow">The GPU's label in the Hydra card's decode table (e.g. "RTX 3060").</param>
/// <param name="SmokeMs">"Package smoke decode" at Tkv=8192 from the card: the mean the emulated benchmark centres on.</param>
/// <param name="HfMeanMs">"HF benchmark mean" at Tkv=8192 from the card.</param>
/// <param name="NoisePct">Relative standard deviation of one emulated invocation, in percent.</param>
/// <param name="Regression">Slow-down injected from a build on (emulation of a regressing change), or null.</param>
public sealed record GpuProfile(
    string Id,
    string SeedRow,
    string Name,
    string Uuid,
    string ComputeCapability,
    double MemoryTotalMib,
    string Driver,
    string Cuda,
    string Torch,
    string Triton,
    string Python,
    double SmMaxMhz,
    double MemClockMhz,
    double IdleWatts,
    double LoadWatts,
    double PowerLimitWatts,
    double IdleCelsius,
    double LoadCelsius,
    double SmokeMs,
    double HfMeanMs,
    double NoisePct,
    BuildRegression? Regression,
    string SourcePath);

/// <summary>From build <see cref="FromBuild"/> on (by the build id's trailing number), decode times are multiplied by <see cref="Factor"/>.</summary>
public sealed record BuildRegression(string FromBuild, double Factor)
{
    /// <summary>True when <paramref name="build"/> is the regressing build or a later one.</summary>
    public bool Applies(string? build)
    {
        if (build is null) return false;
        if (string.Equals(build, FromBuild, StringComparison.Ordinal)) return true;
        return TrailingNumber(build) is { } b && TrailingNumber(FromBuild) is { } f && b >= f;
    }

    /// <summary>Parses <c>FROM:FACTOR</c> (e.g. <c>build-12:1.2</c>), the form of PERFLAB_EMULATOR_REGRESSION.</summary>
    public static BuildRegression? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !double.TryParse(text[(colon + 1)..], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var f) || f <= 0)
            throw new FormatException($"'{text}' is not FROM_BUILD:FACTOR (e.g. build-12:1.2)");
        return new BuildRegression(text[..colon], f);
    }

    private static long? TrailingNumber(string s)
    {
        var i = s.Length;
        while (i > 0 && char.IsAsciiDigit(s[i - 1])) i--;
        return i < s.Length && long.TryParse(s[i..], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
    }
}
