using System.Globalization;

namespace PerfLab.Harness.Analysis;

/// <summary>Parameters of <see cref="RobustPeltChangePointDetector"/>; <see cref="Default"/> is the one configuration measured in docs/detection.md.</summary>
/// <param name="PenaltyPerLogN">PELT penalty per change point, in units of log(n), on values divided by the scale.</param>
/// <param name="SplitResidualFraction">The scale is at least this × the residual standard deviation left after the best single split.
/// Unlike the plain standard deviation, one clean step does not inflate it, while a trend or a random walk (which one split cannot
/// explain) does, so such series are not cut into many small steps.</param>
/// <param name="MinSegment">Fewest points a segment may have, so a lone outlier (or two) can never form a segment; a change is
/// therefore reported once this many builds show the new level (the gate judges the newest build on its own).</param>
/// <param name="MinEffectInNoise">A change point survives only if the medians on its two sides differ by at least this many noise sigmas.</param>
/// <param name="MaxNoiseLag">The scale is at least the lag-h difference noise for h = 2 … this (bounded by <paramref name="NoiseLagFraction"/> × n):
/// slow drift and serial dependence show up as noise growing with the lag.</param>
/// <param name="NoiseLagFraction">Largest lag as a fraction of the series length, so the lagged differences that straddle a step stay a small minority.</param>
/// <param name="TrendRatio">A change point is dropped when one straight line through its two neighbouring segments leaves at most this
/// fraction of the squared residual that the two segment means leave: the 'step' is then part of a trend (a PELT mean-shift cost cuts a
/// trend into a staircase). 0 turns the check off.</param>
public sealed record ChangePointOptions(
    double PenaltyPerLogN,
    double SplitResidualFraction,
    int MinSegment,
    double MinEffectInNoise,
    int MaxNoiseLag,
    double NoiseLagFraction,
    double TrendRatio)
{
    /// <summary>The single default configuration.</summary>
    public static ChangePointOptions Default { get; } = new(8, 0.7, 5, 3, 16, 0.1, 0.7);

    /// <summary>Largest lag used for the drift noise in a series of <paramref name="n"/> points.</summary>
    public int NoiseLagFor(int n) => Math.Min(MaxNoiseLag, (int)Math.Floor(NoiseLagFraction * n));

    /// <summary>The parameters as stored with each result.</summary>
    public IReadOnlyDictionary<string, string> ToParameters() => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["penalty_per_log_n"] = Inv(PenaltyPerLogN),
        ["split_residual_fraction"] = Inv(SplitResidualFraction),
        ["min_segment"] = MinSegment.ToString(CultureInfo.InvariantCulture),
        ["min_effect_in_noise"] = Inv(MinEffectInNoise),
        ["max_noise_lag"] = MaxNoiseLag.ToString(CultureInfo.InvariantCulture),
        ["noise_lag_fraction"] = Inv(NoiseLagFraction),
        ["trend_ratio"] = Inv(TrendRatio),
        ["cost"] = "gaussian-mean",
        ["point"] = "median of build samples",
    };

    private static string Inv(double v) => v.ToString(CultureInfo.InvariantCulture);
}
