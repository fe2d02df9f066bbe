using System.Globalization;
using System.Text;
using System.Text.Json;
using PerfLab.Results.Import;

namespace PerfLab.Results.Export;

/// <summary>Writes the samples of one build on one device as Bencher Metric Format, so a Bencher instance can receive them
/// (<c>bencher run --adapter json --file ...</c>). A case is a benchmark (named <c>suite/case</c>, or the case alone when one
/// suite is exported), a metric a measure. <c>value</c> is the median of the build's samples; <c>lower_value</c> and
/// <c>upper_value</c> are the bounds a tool reported where the build has that one value (a BMF ingest comes back as it went
/// in), else the smallest and largest sample. Pure: rows in, text out.</summary>
public static class BmfWriter
{
    /// <summary>The BMF document of <paramref name="rows"/> (one build × device).</summary>
    /// <param name="plainNames">Name benchmarks by case alone (the export is of one suite).</param>
    public static string Write(IReadOnlyList<ExportRow> rows, bool plainNames)
    {
        var benchmarks = rows.GroupBy(r => (r.Suite, r.Case, r.ComparabilityKey)).ToList();
        // two cases of one name (another job, another parameter set) are told apart by their parameters
        var shared = benchmarks.GroupBy(g => Name(g.Key.Suite, g.Key.Case, plainNames)).Where(n => n.Count() > 1).Select(n => n.Key).ToHashSet(StringComparer.Ordinal);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            foreach (var b in benchmarks)
            {
                var name = Name(b.Key.Suite, b.Key.Case, plainNames);
                if (shared.Contains(name))
                    name += " [" + string.Join(", ", b.First().Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value)) + "]";
                w.WriteStartObject(name);
                foreach (var metric in b.GroupBy(r => r.Metric, StringComparer.Ordinal))
                {
                    var values = metric.Select(r => r.Value).ToList();
                    w.WriteStartObject(metric.Key);
                    w.WriteNumber("value", Median(values));
                    var facts = metric.First().Facts;
                    double? lower = values.Count == 1 ? Fact(facts, PeerRunAssembler.LowerFact(metric.Key)) : values.Min();
                    double? upper = values.Count == 1 ? Fact(facts, PeerRunAssembler.UpperFact(metric.Key)) : values.Max();
                    if (lower is { } lo) w.WriteNumber("lower_value", lo);
                    if (upper is { } hi) w.WriteNumber("upper_value", hi);
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static string Name(string suite, string caseName, bool plain) => plain ? caseName : $"{suite}/{caseName}";

    private static double? Fact(IReadOnlyDictionary<string, string> facts, string name) =>
        facts.TryGetValue(name, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
