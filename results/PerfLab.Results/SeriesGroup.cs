using PerfLab.Harness.Domain;
using PerfLab.Harness.Storage;

namespace PerfLab.Results;

/// <summary>Collects the sample rows of one comparability key and turns them into series, points in build order.</summary>
/// <param name="expectedBuilds">Builds the rows will come from (a capacity hint; 0 when unknown).</param>
internal sealed class SeriesGroup(BuildTimeline timeline, IReadOnlyDictionary<(string Run, string Metric), Better> directions, int expectedBuilds = 0)
{
    private readonly Dictionary<(string Metric, string Unit), Dictionary<string, PointRows>> _series = [];
    private string _key = "";
    private PointRows? _last;
    private string? _lastMetric, _lastUnit, _lastBuild, _lastRun;

    /// <summary>Adds one sample row. Rows of one case share their build and run id strings, so consecutive samples of
    /// one metric find their point without any dictionary lookup.</summary>
    public void Add(string key, string metric, string unit, string build, string runId, string suite, string caseName, string model, double value)
    {
        if (_last is not null && ReferenceEquals(build, _lastBuild) && ReferenceEquals(runId, _lastRun) && metric == _lastMetric && unit == _lastUnit)
        {
            _last.Samples.Add(value);
            return;
        }
        _key = key;
        if (!_series.TryGetValue((metric, unit), out var points)) _series[(metric, unit)] = points = new(expectedBuilds, StringComparer.Ordinal);
        // Sized like the point before it: a series' builds mostly have as many samples each, and the lists live as long as
        // the report, so each resize would be garbage the collector copies first.
        if (!points.TryGetValue(build, out var point)) points[build] = point = new PointRows(build, timeline.Place(build), _last?.Samples.Count ?? 0);
        point.Samples.Add(value);
        if (!point.RunIds.Contains(runId)) point.RunIds.Add(runId);
        point.Name = (suite, caseName, model);
        if (directions.TryGetValue((runId, metric), out var better)) point.Better = better;
        (_last, _lastMetric, _lastUnit, _lastBuild, _lastRun) = (point, metric, unit, build, runId);
    }

    /// <summary>Takes over the rows <paramref name="other"/> (a group of the same key, read from other builds) collected.</summary>
    public void Absorb(SeriesGroup other)
    {
        if (_key.Length == 0) _key = other._key;
        foreach (var (metricUnit, points) in other._series)
        {
            if (!_series.TryGetValue(metricUnit, out var mine))
            {
                _series[metricUnit] = points;
                continue;
            }
            foreach (var (build, rows) in points)
            {
                if (!mine.TryGetValue(build, out var point))
                {
                    mine[build] = rows;
                    continue;
                }
                point.Samples.AddRange(rows.Samples);
                foreach (var run in rows.RunIds)
                    if (!point.RunIds.Contains(run)) point.RunIds.Add(run);
                point.Better ??= rows.Better;
            }
        }
        other._series.Clear();
        other._last = null;
        _last = null;
    }

    /// <summary>The finished series of the current key, ordered by metric then unit; the group is empty afterwards.</summary>
    public IEnumerable<MetricSeries> Drain()
    {
        var done = new List<MetricSeries>();
        // Sorted as lists of classes, not through LINQ over tuple-keyed pairs: see SeriesKey's remarks on start-up compilation.
        var metrics = new List<MetricPoints>(_series.Count);
        foreach (var ((metric, unit), points) in _series) metrics.Add(new MetricPoints(metric, unit, points));
        metrics.Sort(static (a, b) => a.Metric != b.Metric ? string.CompareOrdinal(a.Metric, b.Metric) : string.CompareOrdinal(a.Unit, b.Unit));
        foreach (var (metric, unit, points) in metrics)
        {
            var ordered = points.Values.ToArray();
            Array.Sort(ordered, static (a, b) => BuildTimeline.Compare(a.Place.Rank, a.Build, b.Place.Rank, b.Build));
            // The newest declaration and names win: a suite may rename a case or fix a direction later.
            Better? better = null;
            for (var i = ordered.Length - 1; i >= 0 && better is null; i--) better = ordered[i].Better;
            if (better is null) continue;
            var (suite, caseName, model) = ordered[^1].Name;
            var built = new BuildPoint[ordered.Length];
            for (var i = 0; i < ordered.Length; i++)
            {
                var rows = ordered[i];
                built[i] = new BuildPoint(rows.Build, rows.Place.Start, rows.Samples, rows.RunIds);
            }
            done.Add(new MetricSeries(new SeriesIdentity(model, suite, caseName, metric, _key), unit, better.Value, built));
        }
        _series.Clear();
        _last = null;
        return done;
    }

    private sealed record MetricPoints(string Metric, string Unit, Dictionary<string, PointRows> Points);

    private sealed class PointRows(string build, (DateTimeOffset Start, int Rank) place, int expectedSamples)
    {
        public string Build { get; } = build;

        public (DateTimeOffset Start, int Rank) Place { get; } = place;

        public List<double> Samples { get; } = new(expectedSamples);

        public List<string> RunIds { get; } = new(1);

        public (string Suite, string Case, string Model) Name { get; set; }

        public Better? Better { get; set; }
    }
}
