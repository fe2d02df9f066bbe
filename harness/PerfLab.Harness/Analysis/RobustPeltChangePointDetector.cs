using PerfLab.Harness.Domain;
using PerfLab.Harness.Storage;

namespace PerfLab.Harness.Analysis;

/// <summary>Change points in a build history: PELT with a Gaussian mean-shift cost on build medians divided by a noise scale (within-build
/// standard error, between-build difference noise, drift noise, residual after one split), segments of at least
/// <see cref="ChangePointOptions.MinSegment"/> builds, then filters that drop changes smaller than the series' own noise and 'steps'
/// that a straight line through the two neighbouring segments explains (a trend, not a change of level).</summary>
public sealed class RobustPeltChangePointDetector(ChangePointOptions options)
{
    /// <summary>Name stored with every result.</summary>
    public const string Name = "robust-pelt-mean";

    /// <summary>Bumped whenever the algorithm changes the points it returns.</summary>
    public const string Version = "3";

    /// <summary>A detector with <see cref="ChangePointOptions.Default"/>.</summary>
    public RobustPeltChangePointDetector() : this(ChangePointOptions.Default) { }

    public ChangePointOptions Options { get; } = options;

    /// <summary>Name, version and parameters, for the output records.</summary>
    public DetectorConfiguration Configuration { get; } = new(Name, Version, options.ToParameters());

    /// <summary>0-based first indices of the new segments in <paramref name="values"/> (which must be finite), with the noise taken
    /// from the series alone (one value per point, as in TCPD).</summary>
    public int[] DetectIndices(IReadOnlyList<double> values) => DetectIndices(values, 0);

    /// <summary>0-based first indices of the new segments in <paramref name="values"/> (build medians, finite), given the standard error of
    /// one build's median measured from the samples within builds (<see cref="RobustScale.MedianStandardError"/>; 0 when unknown).</summary>
    public int[] DetectIndices(IReadOnlyList<double> values, double medianStandardError)
    {
        var n = values.Count;
        if (n < 2 * Options.MinSegment) return [];
        foreach (var v in values)
            if (!double.IsFinite(v)) throw new ArgumentException("change-point input must be finite", nameof(values));
        if (!double.IsFinite(medianStandardError) || medianStandardError < 0)
            throw new ArgumentOutOfRangeException(nameof(medianStandardError), "must be finite and ≥ 0");
        var noise = Noise(values, medianStandardError);
        var scale = Scale(values, noise);
        if (scale <= 0) return []; // a constant series has no change
        var scaled = new double[n];
        var mean = values.Average();
        for (var i = 0; i < n; i++) scaled[i] = (values[i] - mean) / scale;
        var cps = PeltMeanShiftSegmenter.Segment(scaled, Options.PenaltyPerLogN * Math.Log(n), Options.MinSegment);
        var kept = DropSmallEffects(values, cps, noise);
        return Options.TrendRatio > 0 ? DropTrendSteps(values, kept) : kept;
    }

    /// <summary>Drops, most line-like first and re-measuring after each drop, every change point whose two neighbouring segments one
    /// straight line fits nearly as well as (≤ <see cref="ChangePointOptions.TrendRatio"/> × the squared residual of) their two means.</summary>
    private int[] DropTrendSteps(IReadOnlyList<double> values, int[] cps)
    {
        var kept = cps.ToList();
        while (kept.Count > 0)
        {
            var bounds = kept.Prepend(0).Append(values.Count).ToArray();
            var mostLineLike = -1;
            var lineLikeRatio = double.PositiveInfinity;
            for (var k = 0; k < kept.Count; k++)
            {
                int a = bounds[k], m = bounds[k + 1], e = bounds[k + 2];
                var means = Rss(values, a, m) + Rss(values, m, e);
                var line = LineRss(values, a, e);
                var ratio = means <= 0 ? double.PositiveInfinity : line / means;
                if (ratio < lineLikeRatio) { lineLikeRatio = ratio; mostLineLike = k; }
            }
            // a mean-shift cost cuts a steady trend into a staircase; such 'steps' are not changes of level
            if (lineLikeRatio > Options.TrendRatio) break;
            kept.RemoveAt(mostLineLike);
        }
        return kept.ToArray();
    }

    private static double Rss(IReadOnlyList<double> v, int a, int e)
    {
        double mean = 0;
        for (var i = a; i < e; i++) mean += v[i];
        mean /= e - a;
        double r = 0;
        for (var i = a; i < e; i++) r += (v[i] - mean) * (v[i] - mean);
        return r;
    }

    private static double LineRss(IReadOnlyList<double> v, int a, int e)
    {
        var n = e - a;
        double mx = (n - 1) / 2.0, my = 0;
        for (var i = a; i < e; i++) my += v[i];
        my /= n;
        double sxy = 0, sxx = 0;
        for (var i = a; i < e; i++) { var x = i - a - mx; sxy += x * (v[i] - my); sxx += x * x; }
        var slope = sxx > 0 ? sxy / sxx : 0;
        double r = 0;
        for (var i = a; i < e; i++) { var d = v[i] - my - slope * (i - a - mx); r += d * d; }
        return r;
    }

    /// <summary>Noise σ of one point: max(between-point noise (MAD of first differences / √2), within-build standard error of the median).</summary>
    public static double Noise(IReadOnlyList<double> values, double medianStandardError) =>
        Math.Max(RobustScale.DifferenceSigma(values), medianStandardError);

    /// <summary>Scale the values are divided by: the noise, raised where the series drifts (lag-h noise) or has more structure than one step
    /// can explain (residual σ after the best single split).</summary>
    private double Scale(IReadOnlyList<double> values, double noise)
    {
        var scale = noise;
        var maxLag = Options.NoiseLagFor(values.Count);
        for (var h = 2; h <= maxLag; h++) scale = Math.Max(scale, RobustScale.LagSigma(values, h));
        return Math.Max(scale, Options.SplitResidualFraction * RobustScale.SplitResidualSigma(values, Options.MinSegment));
    }

    /// <summary>Change points of a stored series: one point per build (median of its finite samples; builds without any are skipped);
    /// the within-build spread of the samples sets the noise floor.</summary>
    public SeriesChangePoints Detect(MetricSeries series)
    {
        // Plain loops: reports detect on every series of a farm.
        var builds = new List<string>(series.Points.Count);
        var finite = new List<IReadOnlyList<double>>(series.Points.Count);
        var medians = new List<double>(series.Points.Count);
        foreach (var point in series.Points)
        {
            var samples = FiniteOf(point.Samples);
            if (samples.Count == 0) continue;
            builds.Add(point.Build);
            finite.Add(samples);
            medians.Add(RobustScale.Median(samples));
        }
        var values = medians.ToArray();
        var standardError = RobustScale.MedianStandardError(finite);
        var noise = Noise(values, standardError);
        var indices = DetectIndices(values, standardError);
        var bounds = indices.Prepend(0).Append(values.Length).ToArray();
        var points = new List<ChangePoint>(indices.Length);
        for (var k = 0; k < indices.Length; k++)
        {
            var before = RobustScale.Median(values[bounds[k]..bounds[k + 1]]);
            var after = RobustScale.Median(values[bounds[k + 1]..bounds[k + 2]]);
            var delta = after - before;
            var percent = before == 0 ? double.NaN : delta / Math.Abs(before) * 100;
            var worse = series.Better == Better.Higher ? delta < 0 : delta > 0;
            points.Add(new ChangePoint(indices[k], builds[indices[k] - 1], builds[indices[k]], before, after, percent,
                noise > 0 ? Math.Abs(delta) / noise : double.PositiveInfinity, worse ? ChangeDirection.Regression : ChangeDirection.Improvement));
        }
        return new SeriesChangePoints(series.Identity, Configuration, values.Length, noise, points);
    }

    /// <summary>The finite samples: the list itself when all are (the usual case; reports detect on every series), else a copy.</summary>
    private static IReadOnlyList<double> FiniteOf(IReadOnlyList<double> samples)
    {
        for (var i = 0; i < samples.Count; i++)
            if (!double.IsFinite(samples[i])) return samples.Where(double.IsFinite).ToArray();
        return samples;
    }

    private int[] DropSmallEffects(IReadOnlyList<double> values, int[] cps, double noise)
    {
        var kept = cps.ToList();
        while (kept.Count > 0)
        {
            var bounds = kept.Prepend(0).Append(values.Count).ToArray();
            var weakest = -1;
            var weakestEffect = double.PositiveInfinity;
            for (var k = 0; k < kept.Count; k++)
            {
                var before = RobustScale.Median(Slice(values, bounds[k], bounds[k + 1]));
                var after = RobustScale.Median(Slice(values, bounds[k + 1], bounds[k + 2]));
                var effect = Math.Abs(after - before);
                if (effect < weakestEffect) { weakestEffect = effect; weakest = k; }
            }
            // merging the weakest first and re-measuring keeps the stronger neighbour that absorbs it
            if (weakestEffect >= Options.MinEffectInNoise * noise) break;
            kept.RemoveAt(weakest);
        }
        return kept.ToArray();
    }

    private static double[] Slice(IReadOnlyList<double> values, int from, int to)
    {
        var a = new double[to - from];
        for (var i = from; i < to; i++) a[i - from] = values[i];
        return a;
    }
}
