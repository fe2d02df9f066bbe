using System.Globalization;
using System.Text;
using System.Text.Json;
using PerfLab.Harness.Text;

namespace PerfLab.Results;

/// <summary>What a stored value must be to mean something, beyond the column type STRICT tables enforce: times in the store's
/// own format and not in the future, JSON maps without duplicate keys, known enum codes, finite figures of a plausible size,
/// identifiers of bounded length without control characters. Checked where data enters: merge, ingest and the readers.</summary>
/// <remarks>Each check returns null when the value is acceptable, else the problem in words (without the field name, which
/// the caller adds). docs/schema.md, "Value rules", lists the same limits.</remarks>
public static class StoredValueRules
{
    /// <summary>Longest identifier or name: suite, build, branch, host, device, case, metric, unit, step, channel, check, artifact.</summary>
    public const int MaxNameLength = 256;

    /// <summary>Longest free text: failure messages, check details, metric descriptions, telemetry flags.</summary>
    public const int MaxTextLength = 65_536;

    /// <summary>Longest JSON document (tags, environment, parameters, key parts, facts, labels, properties).</summary>
    public const int MaxJsonLength = 65_536;

    /// <summary>Largest artifact a store keeps, in bytes (the runners' default capture cap is 4 MiB).</summary>
    public const int MaxArtifactBytes = 64 * 1024 * 1024;

    /// <summary>Largest magnitude of a figure: anything beyond is not a measurement, and sums and axis ranges of such values overflow.</summary>
    public const double MaxMagnitude = 1e15;

    /// <summary>How far in the future a stored time may lie (clock skew between an agent and the farm).</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromHours(1);

    /// <summary>Earliest stored time accepted.</summary>
    public static readonly DateTimeOffset EarliestTime = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A run id: 1–128 of letters, digits and <c>. _ : + @ = / -</c>, starting with a letter or digit.</summary>
    public static string? RunId(string? id)
    {
        if (string.IsNullOrEmpty(id)) return "is empty";
        if (id.Length > 128) return $"is {id.Length} characters long (at most 128)";
        if (!char.IsAsciiLetterOrDigit(id[0])) return $"'{PrintableText.Escape(Cut(id))}' does not start with a letter or digit";
        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or ':' or '+' or '@' or '=' or '/' or '-'))
                return $"'{PrintableText.Escape(Cut(id))}' holds '{PrintableText.Escape(c.ToString())}' (letters, digits and . _ : + @ = / - only)";
        }
        return null;
    }

    /// <summary>An identifier or name: at most <see cref="MaxNameLength"/> characters, no control or invisible formatting character.</summary>
    public static string? Name(string? value, bool required = true)
    {
        if (value is null) return required ? "is missing" : null;
        if (required && value.Trim().Length == 0) return "is empty";
        if (value.Length > MaxNameLength) return $"is {value.Length} characters long (at most {MaxNameLength})";
        if (HasInvalidUtf16(value)) return "holds a broken UTF-16 surrogate";
        foreach (var c in value)
        {
            if (PrintableText.NeedsEscape(c) && !char.IsSurrogate(c))
                return $"'{PrintableText.Escape(Cut(value))}' holds the control character {PrintableText.Escape(c.ToString())}";
        }
        return null;
    }

    /// <summary>Free text: at most <see cref="MaxTextLength"/> characters (control characters are kept; printing escapes them).</summary>
    public static string? Text(string? value)
    {
        if (value is null) return null;
        if (value.Length > MaxTextLength) return $"is {value.Length} characters long (at most {MaxTextLength})";
        return HasInvalidUtf16(value) ? "holds a broken UTF-16 surrogate" : null;
    }

    /// <summary>A stored time: the store's fixed format <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c>, a real date, from
    /// <see cref="EarliestTime"/> to <paramref name="now"/> + <see cref="FutureTolerance"/>.</summary>
    public static string? StoredTime(string? text, DateTimeOffset now)
    {
        if (text is null) return "is missing";
        if (!StoredText.TryParseTime(text, out var at)) return $"'{PrintableText.Escape(Cut(text))}' is not a time in the store's format (yyyy-MM-ddTHH:mm:ss.fffffffZ)";
        return Time(at, now);
    }

    /// <summary>A time from <see cref="EarliestTime"/> to <paramref name="now"/> + <see cref="FutureTolerance"/>.</summary>
    public static string? Time(DateTimeOffset at, DateTimeOffset now)
    {
        if (at < EarliestTime) return $"{StoredText.Time(at)} is before {EarliestTime:yyyy-MM-dd}";
        if (at > now + FutureTolerance) return $"{StoredText.Time(at)} is in the future (now {StoredText.Time(now)})";
        return null;
    }

    /// <summary>A JSON object of string → string (keys non-empty names, no key twice), at most <see cref="MaxJsonLength"/> characters.</summary>
    public static string? JsonMap(string? json)
    {
        if (json is null) return "is missing";
        if (json.Length > MaxJsonLength) return $"is {json.Length} characters long (at most {MaxJsonLength})";
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return "is not a JSON object";
            var keys = new HashSet<string>(StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var key = reader.GetString()!;
                if (Name(key) is { } bad) return $"has a key that {bad}";
                if (!keys.Add(key)) return $"has the key '{PrintableText.Escape(Cut(key))}' twice";
                if (!reader.Read() || reader.TokenType != JsonTokenType.String) return $"has a value of '{PrintableText.Escape(Cut(key))}' that is not a string";
                if (Text(reader.GetString()) is { } badValue) return $"has a value of '{PrintableText.Escape(Cut(key))}' that {badValue}";
            }
            if (reader.Read()) return "has text after the JSON object";
            return null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return "is not valid JSON";
        }
    }

    /// <summary>A JSON array of names, at most <see cref="MaxJsonLength"/> characters.</summary>
    public static string? JsonNameList(string? json)
    {
        if (json is null) return "is missing";
        if (json.Length > MaxJsonLength) return $"is {json.Length} characters long (at most {MaxJsonLength})";
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) return "is not a JSON array";
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.String) return "holds an item that is not a string";
                if (Name(reader.GetString()) is { } bad) return $"holds an item that {bad}";
            }
            if (reader.Read()) return "has text after the JSON array";
            return null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return "is not valid JSON";
        }
    }

    /// <summary>A sample: finite, magnitude at most <see cref="MaxMagnitude"/>. Negative figures are kept: some tools report
    /// signed ones (a delta in %), and the store has always round-tripped them.</summary>
    public static string? Sample(double value) => Figure(value);

    /// <summary>A reading or limit that may be negative: finite, magnitude at most <see cref="MaxMagnitude"/>.</summary>
    public static string? Figure(double value)
    {
        if (!double.IsFinite(value)) return $"{Show(value)} is not a finite number";
        if (Math.Abs(value) > MaxMagnitude) return $"{Show(value)} is beyond ±{Show(MaxMagnitude)}";
        return null;
    }

    /// <summary>A duration in seconds: finite, not negative, at most <see cref="MaxMagnitude"/>.</summary>
    public static string? Seconds(double value) =>
        Figure(value) ?? (value < 0 ? $"{Show(value)} is negative (a duration is not)" : null);

    /// <summary>An integer enum code within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static string? Code(long value, long min, long max) =>
        value >= min && value <= max ? null : $"{value} is not a known code ({min}–{max})";

    /// <summary>An integer within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static string? Integer(long value, long min, long max) =>
        value >= min && value <= max ? null : $"{value} is outside {min}–{max}";

    /// <summary>A SHA-256 in lower-case hex.</summary>
    public static string? Sha256(string? text) =>
        text is { Length: 64 } && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f') ? null : $"'{PrintableText.Escape(Cut(text ?? ""))}' is not a SHA-256 in lower-case hex";

    private static bool HasInvalidUtf16(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { i++; continue; }
            if (char.IsSurrogate(s[i])) return true;
        }
        return false;
    }

    private static string Show(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    private static string Cut(string s) => s.Length <= 60 ? s : s[..57] + "...";
}
