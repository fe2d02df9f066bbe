using System.Text.Json;
using PerfLab.Harness.Text;

namespace PerfLab.Results;

/// <summary>Decodes the columns of one stored row at a time and remembers the first that does not decode, so a reader can
/// leave that row out (reporting it to <see cref="StoredRowProblems"/>) instead of failing the whole read.</summary>
/// <remarks>The happy path costs a null check per column; a bad row costs a message. A database PerfLab merged or wrote holds
/// no such row (values are checked where they enter); a file handed to a read verb with <c>--db</c> may.</remarks>
internal sealed class StoredRowDecoder(StoredRowProblems? problems)
{
    private string _table = "";
    private string _key = "";
    private string? _problem;

    /// <summary>Starts a row of <paramref name="table"/> known by <paramref name="key"/> (its run id, case id, build).</summary>
    public void Begin(string table, string key)
    {
        _table = table;
        _key = key;
        _problem = null;
    }

    /// <summary>Ends the row: true when every column decoded; otherwise the first problem is reported and the row is to be left out.</summary>
    public bool End()
    {
        if (_problem is null) return true;
        problems?.Report(_table, _key, _problem);
        return false;
    }

    public DateTimeOffset Time(string column, string text)
    {
        if (StoredText.TryParseTime(text, out var at)) return at;
        Fail(column, $"'{Cut(text)}' is not a stored time");
        return default;
    }

    public DateTimeOffset? NullableTime(string column, string? text) => text is null ? null : Time(column, text);

    public IReadOnlyDictionary<string, string> Map(string column, string json)
    {
        try
        {
            return StoredText.ParseMap(json);
        }
        catch (JsonException)
        {
            Fail(column, $"'{Cut(json)}' is not a JSON object of strings");
            return new Dictionary<string, string>();
        }
    }

    public IReadOnlyList<string> List(string column, string json)
    {
        try
        {
            return StoredText.ParseList(json);
        }
        catch (JsonException)
        {
            Fail(column, $"'{Cut(json)}' is not a JSON array of strings");
            return [];
        }
    }

    /// <summary>An enum stored as its code, known when within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public T Code<T>(string column, long code, long min, long max) where T : struct, Enum
    {
        if (code < min || code > max) Fail(column, $"{code} is not a known code ({min}–{max})");
        return (T)Enum.ToObject(typeof(T), code);
    }

    /// <summary>A figure that must pass <paramref name="rule"/> (e.g. <see cref="StoredValueRules.Sample"/>).</summary>
    public double Figure(string column, double value, Func<double, string?> rule)
    {
        if (rule(value) is { } bad) Fail(column, bad);
        return value;
    }

    public double? NullableFigure(string column, double? value, Func<double, string?> rule) =>
        value is { } v ? Figure(column, v, rule) : null;

    private void Fail(string column, string problem) => _problem ??= $"{column} {problem}";

    private static string Cut(string s) => PrintableText.Escape(s.Length <= 60 ? s : s[..57] + "...");
}
