using System.Globalization;
using System.Text.Json;

using PerfLab.Harness.Analysis;

namespace PerfLab.Benchmarks.Detection;

/// <summary>Reads the TCPD files (manifest, annotations, series JSON) into univariate series ready to score.</summary>
public static class TcpdDatasetReader
{
    /// <summary>The series flagged <c>benchmark_univariate_set</c> in the manifest, in manifest order.</summary>
    public static IReadOnlyList<TcpdSeries> ReadBenchmarkSet(string tcpdDir)
    {
        var manifest = Path.Combine(tcpdDir, "manifest.csv");
        if (!File.Exists(manifest)) throw new FileNotFoundException($"TCPD manifest not found: {manifest}", manifest);
        var names = BenchmarkNames(File.ReadAllLines(manifest), manifest);
        var annotations = ParseAnnotations(File.ReadAllText(Path.Combine(tcpdDir, "annotations.json")));
        return names.Select(n =>
        {
            var file = Path.Combine(tcpdDir, "series", n + ".json");
            if (!annotations.TryGetValue(n, out var a)) throw new InvalidDataException($"{Path.Combine(tcpdDir, "annotations.json")}: no annotations for '{n}'");
            var (values, filled) = ParseSeries(File.ReadAllText(file), file);
            return new TcpdSeries(n, values, a, filled);
        }).ToArray();
    }

    /// <summary>Names in the manifest whose <c>benchmark_univariate_set</c> column is True.</summary>
    public static IReadOnlyList<string> BenchmarkNames(IReadOnlyList<string> manifestLines, string source = "manifest.csv")
    {
        if (manifestLines.Count == 0) throw new InvalidDataException($"{source}: empty");
        var header = SplitCsv(manifestLines[0]);
        var nameCol = header.IndexOf("name");
        var setCol = header.IndexOf("benchmark_univariate_set");
        if (nameCol < 0 || setCol < 0) throw new InvalidDataException($"{source}:1: needs columns 'name' and 'benchmark_univariate_set'");
        var names = new List<string>();
        for (var i = 1; i < manifestLines.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(manifestLines[i])) continue;
            var cells = SplitCsv(manifestLines[i]);
            if (cells.Count <= Math.Max(nameCol, setCol)) throw new InvalidDataException($"{source}:{i + 1}: too few columns");
            if (string.Equals(cells[setCol], "True", StringComparison.OrdinalIgnoreCase)) names.Add(cells[nameCol]);
        }
        return names;
    }

    /// <summary>Annotations: series name → annotator id → 0-based change points.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<int>>> ParseAnnotations(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var result = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<int>>>();
        foreach (var series in doc.RootElement.EnumerateObject())
        {
            var byAnnotator = new SortedDictionary<string, IReadOnlyList<int>>(StringComparer.Ordinal);
            foreach (var annotator in series.Value.EnumerateObject())
                byAnnotator[annotator.Name] = annotator.Value.EnumerateArray().Select(e => e.GetInt32()).ToArray();
            result[series.Name] = byAnnotator;
        }
        return result;
    }

    /// <summary>The first (only) dimension of a series file; nulls are filled by linear interpolation between their neighbours
    /// (carried from the nearest value at the ends) so that indices stay aligned with the annotations.</summary>
    public static (IReadOnlyList<double> Values, int MissingFilled) ParseSeries(string json, string source = "series")
    {
        using var doc = JsonDocument.Parse(json);
        if (!doc.RootElement.TryGetProperty("series", out var series) || series.GetArrayLength() == 0)
            throw new InvalidDataException($"{source}: no 'series' array");
        var raw = series[0].GetProperty("raw").EnumerateArray()
            .Select(e => e.ValueKind == JsonValueKind.Null ? (double?)null : e.GetDouble()).ToArray();
        return FillMissing(raw, source);
    }

    /// <summary>Linear interpolation of missing values; a series with no value at all is an error.</summary>
    public static (IReadOnlyList<double> Values, int MissingFilled) FillMissing(IReadOnlyList<double?> raw, string source = "series")
    {
        var known = Enumerable.Range(0, raw.Count).Where(i => raw[i] is not null).ToArray();
        if (known.Length == 0) throw new InvalidDataException($"{source}: every value is missing");
        var values = new double[raw.Count];
        var filled = 0;
        for (var i = 0; i < raw.Count; i++)
        {
            if (raw[i] is { } v) { values[i] = v; continue; }
            filled++;
            var after = Array.BinarySearch(known, i);
            after = ~after;
            if (after == 0) values[i] = raw[known[0]]!.Value;
            else if (after == known.Length) values[i] = raw[known[^1]]!.Value;
            else
            {
                int a = known[after - 1], b = known[after];
                values[i] = raw[a]!.Value + (raw[b]!.Value - raw[a]!.Value) * (i - a) / (b - a);
            }
        }
        return (values, filled);
    }

    private static List<string> SplitCsv(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(c);
        }
        cells.Add(cell.ToString());
        return cells;
    }

}
