using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PerfLab.Results;

/// <summary>How timestamps and maps are written into and read back from text columns.</summary>
internal static class StoredText
{
    // Fixed width with a trailing Z: text order is time order, so indexes on these columns sort chronologically.
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

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

    // Maps and lists are read and written with the JSON reader and writer, not JsonSerializer: the serializer's reflection set-up
    // (converters for every primitive type, compiled at start-up) cost a short command such as `perflab gate` more than its
    // whole window of tags. What is read and written is the same: strings and nulls only, the last of a repeated key wins.
    private static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A JSON object with keys in ordinal order, so equal maps are equal text.</summary>
    public static string Map(IReadOnlyDictionary<string, string> map)
    {
        var keys = map.Keys.ToArray();
        Array.Sort(keys, StringComparer.Ordinal);
        return Write(w =>
        {
            w.WriteStartObject();
            foreach (var k in keys) w.WriteString(k, map[k]);
            w.WriteEndObject();
        });
    }

    /// <summary>A map written by <see cref="Map"/>; JSON <c>null</c> reads as an empty map; anything else is a <see cref="JsonException"/>.</summary>
    public static IReadOnlyDictionary<string, string> ParseMap(string json)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var r = Reader(json);
        if (r.TokenType == JsonTokenType.Null) return End(ref r, map);
        if (r.TokenType != JsonTokenType.StartObject) throw new JsonException($"a map must be a JSON object, not {r.TokenType}");
        while (Next(ref r) == JsonTokenType.PropertyName)
        {
            var key = r.GetString()!;
            Next(ref r);
            map[key] = StringOrNull(ref r);
        }
        return End(ref r, map);
    }

    /// <summary>A JSON array of strings.</summary>
    public static string List(IEnumerable<string> items) => Write(w =>
    {
        w.WriteStartArray();
        foreach (var item in items) w.WriteStringValue(item);
        w.WriteEndArray();
    });

    /// <summary>A list written by <see cref="List"/>; JSON <c>null</c> reads as an empty list; anything else is a <see cref="JsonException"/>.</summary>
    public static IReadOnlyList<string> ParseList(string json)
    {
        var list = new List<string>();
        var r = Reader(json);
        if (r.TokenType == JsonTokenType.Null) return End(ref r, list);
        if (r.TokenType != JsonTokenType.StartArray) throw new JsonException($"a list must be a JSON array, not {r.TokenType}");
        while (Next(ref r) != JsonTokenType.EndArray) list.Add(StringOrNull(ref r));
        return End(ref r, list);
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, Writer)) write(w);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static Utf8JsonReader Reader(string json)
    {
        var r = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        if (!r.Read()) throw new JsonException("empty text where JSON was expected");
        return r;
    }

    private static JsonTokenType Next(ref Utf8JsonReader r) =>
        r.Read() ? r.TokenType : throw new JsonException("the JSON text ends early");

    private static string StringOrNull(ref Utf8JsonReader r) => r.TokenType switch
    {
        JsonTokenType.String => r.GetString()!,
        JsonTokenType.Null => null!,
        _ => throw new JsonException($"expected a string, found {r.TokenType}"),
    };

    /// <summary>The value, once nothing but white space follows it (the reader throws on anything else).</summary>
    private static T End<T>(ref Utf8JsonReader r, T value)
    {
        if (r.Read()) throw new JsonException($"text after the JSON value ({r.TokenType})");
        return value;
    }
}
