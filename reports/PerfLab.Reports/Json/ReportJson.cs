using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using PerfLab.Reports.Pages;

namespace PerfLab.Reports.Json;

/// <summary>The same content as the Markdown and HTML pages, as one JSON document (charts excluded: they are views of the
/// figures that are already in it). snake_case names; NaN printed as null.</summary>
public static class ReportJson
{
    public const string Schema = "perflab.report/1";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.Default,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new NaNAsNull() },
    };

    public static string Render(ReportSet set) => JsonSerializer.Serialize(Document(set), Options) + "\n";

    public const string Notice = "Emulated results demonstrate the pipeline and are not evidence about any hardware.";

    /// <summary>Writes <c>report.json</c> into <paramref name="directory"/>.</summary>
    public static string Write(ReportSet set, string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "report.json");
        // Straight to the file as UTF-8: a farm's document is tens of megabytes, and a string of it would be built twice over.
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            JsonSerializer.Serialize(file, Document(set), Options);
            file.WriteByte((byte)'\n');
        }
        return path;
    }

    private static object Document(ReportSet set) => new
    {
        schema = Schema,
        generated_at = set.GeneratedAt,
        emulated = set.Emulated,
        emulated_notice = set.Emulated ? Notice : null,
        gate = set.Gate,
        nightly = set.Nightly,
        matrices = set.Matrices,
        models = set.Models,
    };

    private sealed class NaNAsNull : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (double.IsFinite(value)) writer.WriteNumberValue(value);
            else writer.WriteNullValue();
        }
    }
}
