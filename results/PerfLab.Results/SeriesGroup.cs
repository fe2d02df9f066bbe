using System.Runtime.CompilerServices;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Storage;

namespace PerfLab.Results;

/// <summary>Collects the sample rows of one comparability key and turns them into series, points in build order.</summary>
internal sealed class SeriesGroup(
    IReadOnlyDictionary<string, DateTimeOffset> buildStart,
    IReadOnlyDictionary<(string Run, string Metric), Better> directions)
{
    private readonly Dictionary<(string Metric, string Unit), Dictionary<string, PointRows>> _series = [];
    private string _key = "";
    private PointRows? _last;
    private string? _lastMetric, _lastUnit, _lastBuild, _lastRun;

    /// <summary>Adds one sample row. Rows of one case share their build and run id strings, so consecutive samples of
    /// one metric find their point without any dictionary lookup.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(string key, string metric, string unit, string build, string runId, string suite, string caseName, string model, double value)
    {
        if (_last is not null && ReferenceEquals(build, _lastBuild) && ReferenceEquals(runId, _lastRun) && metric == _lastMetric && unit == _lastUnit)
        {
            _last.Samples.Add(value);
            return;
        }
        _key = key;
        if (!_series.TryGetValue((metric, unit), out var points)) _series[(metric, unit)] = points = new(StringComparer.Ordinal);
        if (!points.TryGetValue(build, out var point)) points[build] = point = new PointRows();
        point.Samples.Add(value);
        if (!point.RunIds.Contains(runId)) point.RunIds.Add(runId);
        point.Name = (suite, caseName, model);
        if (directions.TryGetValue((runId, metric), out var better)) point.Better = better;
        (_last, _lastMetric, _lastUnit, _lastBuild, _lastRun) = (point, metric, unit, build, runId);
    }

    /// <summary>The finished series of the current key, ordered by metric then unit; the group is empty afterwards.</summary>
    public IEnumerable<MetricSeries> Drain()
    {
        var done = new List<MetricSeries>();
        foreach (var ((metric, unit), points) in _series.OrderBy(s => s.Key.Metric, StringComparer.Ordinal).ThenBy(s => s.Key.Unit, StringComparer.Ordinal))
        {
            var ordered = points
                .Select(p => (Build: p.Key, At: buildStart.TryGetValue(p.Key, out var at) ? at : DateTimeOffset.MaxValue, Rows: p.Value))
                .OrderBy(p => p.At).ThenBy(p => p.Build, StringComparer.Ordinal)
                .ToList();
            // The newest declaration and names win: a suite may rename a case or fix a direction later.
            var better = ordered.LastOrDefault(p => p.Rows.Better is not null).Rows?.Better;
            if (better is null) continue;
            var (suite, caseName, model) = ordered[^1].Rows.Name;
            done.Add(new MetricSeries(
                new SeriesIdentity(model, suite, caseName, metric, _key), unit, better.Value,
                ordered.Select(p => new BuildPoint(p.Build, p.At, p.Rows.Samples, p.Rows.RunIds)).ToList()));
        }
        _series.Clear();
        _last = null;
        return done;
    }

    private sealed class PointRows
    {
        public List<double> Samples { get; } = [];

        public List<string> RunIds { get; } = [];

        public (string Suite, string Case, string Model) Name { get; set; }

        public Better? Better { get; set; }
    }
}
