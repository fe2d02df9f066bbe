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
    /// <remarks>By hand, not with ParseExact: a merge checks every stored time of a source and ParseExact took most of that
    /// (about a microsecond each); the result is the same for every input (a test compares the two).</remarks>
    public static bool TryParseTime(string text, out DateTimeOffset at)
    {
        at = default;
        // yyyy-MM-ddTHH:mm:ss.fffffffZ
        if (text.Length != 28 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':'
            || text[19] != '.' || text[27] != 'Z') return false;
        if (!Digits(text, 0, 4, out var year) || !Digits(text, 5, 2, out var month) || !Digits(text, 8, 2, out var day)
            || !Digits(text, 11, 2, out var hour) || !Digits(text, 14, 2, out var minute) || !Digits(text, 17, 2, out var second)
            || !Digits(text, 20, 7, out var fraction)) return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            return false;
        at = new DateTimeOffset(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(fraction), TimeSpan.Zero);
        return true;
    }

    private static bool Digits(string text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var c = text[i];
            if (c is < '0' or > '9') return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }

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
