using System.Text;
using System.Text.Json;
using PerfLab.Harness.Domain;

namespace PerfLab.Results.Export;

/// <summary>Writes samples as a JSON array of flat records (one per sample), the shape a spreadsheet's JSON import turns into a
/// table; every string value is neutralised like a CSV cell. Pure: rows in, text out.</summary>
public static class SpreadsheetJsonWriter
{
    /// <summary>The JSON text.</summary>
    public static string Write(IEnumerable<ExportRow> rows)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartArray();
            foreach (var r in rows)
            {
                w.WriteStartObject();
                Text(w, "run_id", r.RunId);
                w.WriteString("timestamp", r.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
                Text(w, "build", r.Build);
                Text(w, "branch", r.Branch);
                Text(w, "host", r.Host);
                Text(w, "device_id", r.DeviceId);
                Text(w, "device", r.DeviceModel);
                Text(w, "suite", r.Suite);
                Text(w, "case", r.Case);
                w.WriteStartObject("parameters");
                foreach (var (k, v) in r.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal)) Text(w, SpreadsheetCell.Neutralise(k), v);
                w.WriteEndObject();
                Text(w, "comparability_key", r.ComparabilityKey);
                Text(w, "metric", r.Metric);
                Text(w, "unit", r.Unit);
                w.WriteString("better", r.Better == Better.Higher ? "higher" : "lower");
                w.WriteNumber("repetition", r.Repetition);
                w.WriteNumber("value", r.Value);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Text(Utf8JsonWriter w, string name, string value) => w.WriteString(name, SpreadsheetCell.Neutralise(value));
}
