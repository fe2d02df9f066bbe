using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PerfLab.Results;

/// <summary>How timestamps and maps are written into and read back from text columns.</summary>
internal static class StoredText
{
    // Fixed width with a trailing Z: text order is time order, so indexes on these columns sort chronologically.
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.ParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>Parses a stored time; false for anything but the exact stored format and a real date.</summary>
    public static bool TryParseTime(string text, out DateTimeOffset at) =>
        DateTimeOffset.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at);

    /// <summary>A JSON object with keys in ordinal order, so equal maps are equal text.</summary>
    public static string Map(IReadOnlyDictionary<string, string> map)
    {
        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in map) sorted[k] = v;
        return JsonSerializer.Serialize(sorted, Json);
    }

    public static IReadOnlyDictionary<string, string> ParseMap(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json, Json) ?? new Dictionary<string, string>();

    public static string List(IReadOnlyList<string> items) => JsonSerializer.Serialize(items, Json);

    public static IReadOnlyList<string> ParseList(string json) =>
        JsonSerializer.Deserialize<List<string>>(json, Json) ?? [];
}
