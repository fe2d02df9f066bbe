using System.Globalization;

namespace PerfLab.Harness.Analysis;

/// <summary>Parameters of <see cref="RobustPeltChangePointDetector"/>; <see cref="Default"/> is the one configuration measured in docs/detection.md.</summary>
/// <param name="PenaltyPerLogN">PELT penalty per change point, in units of log(n), on values divided by the scale.</param>
/// <param name="GlobalScaleFraction">The scale is max(point-to-point noise, this × the series' standard deviation): the second term
/// keeps a long trend from being cut into many small steps.</param>
/// <param name="MinSegment">Fewest points a segment may have, so a lone outlier (one build) can never form a segment.</param>
/// <param name="MinEffectInNoise">A change point survives only if the medians on its two sides differ by at least this many noise sigmas.</param>
public sealed record ChangePointOptions(double PenaltyPerLogN, double GlobalScaleFraction, int MinSegment, double MinEffectInNoise)
{
    /// <summary>The single default configuration.</summary>
    public static ChangePointOptions Default { get; } = new(16, 0.7, 3, 3);

    /// <summary>The parameters as stored with each result.</summary>
    public IReadOnlyDictionary<string, string> ToParameters() => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["penalty_per_log_n"] = PenaltyPerLogN.ToString(CultureInfo.InvariantCulture),
        ["global_scale_fraction"] = GlobalScaleFraction.ToString(CultureInfo.InvariantCulture),
        ["min_segment"] = MinSegment.ToString(CultureInfo.InvariantCulture),
        ["min_effect_in_noise"] = MinEffectInNoise.ToString(CultureInfo.InvariantCulture),
        ["cost"] = "gaussian-mean",
        ["point"] = "median of build samples",
    };
}
