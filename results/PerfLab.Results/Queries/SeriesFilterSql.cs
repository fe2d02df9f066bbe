using Microsoft.Data.Sqlite;
using static PerfLab.Results.Queries.QuerySql;

namespace PerfLab.Results.Queries;

/// <summary>The SQL terms and parameters of a <see cref="SeriesFilter"/>, written out only for the filters in use.</summary>
internal static class SeriesFilterSql
{
    public static string FilterSql(SeriesFilter f)
    {
        // Only the filters in use are written out, so the planner sees plain equality terms.
        var parts = new List<string>();
        if (f.Suite is not null) parts.Add("AND r.suite = $suite");
        if (f.Branch is not null) parts.Add("AND r.branch = $branch");
        if (f.Builds is not null) parts.Add("AND r.build IN (SELECT value FROM json_each($builds))");
        if (f.Metric is not null) parts.Add("AND s.metric = $metric");
        if (f.ComparabilityKey is not null) parts.Add("AND c.comparability_key = $key");
        if (f.DeviceModel is not null) parts.Add("AND d.model = $model");
        return string.Join("\n", parts);
    }

    public static void AddFilter(SqliteCommand cmd, SeriesFilter f)
    {
        foreach (var (name, value) in FilterParameters(f)) Add(cmd, name, value);
    }

    public static void AddFilter(RawStatement statement, SeriesFilter f)
    {
        foreach (var (name, value) in FilterParameters(f)) statement.Bind(name, value);
    }

    public static IEnumerable<(string Name, string? Value)> FilterParameters(SeriesFilter f) =>
    [
        ("$suite", f.Suite), ("$branch", f.Branch), ("$builds", f.Builds is null ? null : StoredText.List(f.Builds)),
        ("$metric", f.Metric), ("$key", f.ComparabilityKey), ("$model", f.DeviceModel),
    ];
}
