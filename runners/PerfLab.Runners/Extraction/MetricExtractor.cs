using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using PerfLab.Harness.Domain;

namespace PerfLab.Runners.Extraction;

/// <summary>Reads a metric's figure out of a tool's stdout (regex or JSON path) or its wall-clock time; pure.</summary>
/// <remarks>
/// A regex takes its first match; the number is the named group <c>value</c>, or else the first named group.
/// A JSON path reads stdout as one JSON document or, failing that, the last line that starts with '{' or '['
/// and parses (tools often print logs before a final JSON summary). Numbers are parsed with the invariant
/// culture and must be finite; a JSON string holding such a number is accepted.
/// </remarks>
public static class MetricExtractor
{
    private static readonly TimeSpan RegexBudget = TimeSpan.FromSeconds(2);

    /// <summary>What is wrong with an extract's expression, or null when it can be used.</summary>
    public static string? Problem(ExtractSpec spec)
    {
        if (!double.IsFinite(spec.Scale) || spec.Scale == 0) return $"scale must be a finite, non-zero number, got {spec.Scale.ToString(CultureInfo.InvariantCulture)}";
        switch (spec.Kind)
        {
            case ExtractKind.Regex:
                Regex regex;
                try { regex = BuildRegex(spec.Expression); }
                catch (ArgumentException e) { return $"invalid regex: {e.Message}"; }
                return ValueGroup(regex) is null ? "the regex needs a named group holding the number, e.g. (?<value>[0-9.]+)" : null;
            case ExtractKind.JsonPath:
                return JsonPathExpression.TryParse(spec.Expression, out _, out var error) ? null : $"invalid JSON path '{spec.Expression}': {error}";
            case ExtractKind.WallClock:
                return null;
            default:
                return $"unknown extract kind {spec.Kind}";
        }
    }

    /// <summary>Extracts one metric. The spec must have passed <see cref="Problem"/>.</summary>
    public static ExtractionResult Extract(ExtractSpec spec, string stdout, TimeSpan wall) => spec.Kind switch
    {
        ExtractKind.Regex => FromRegex(spec, stdout),
        ExtractKind.JsonPath => FromJson(spec, stdout),
        ExtractKind.WallClock => ExtractionResult.Of(spec.Metric, wall.TotalSeconds * spec.Scale),
        _ => throw new ArgumentException($"unknown extract kind {spec.Kind}", nameof(spec)),
    };

    /// <summary>Parses a figure as printed by a tool: invariant culture, finite, surrounding blanks allowed.</summary>
    public static bool TryParseFinite(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static ExtractionResult FromRegex(ExtractSpec spec, string stdout)
    {
        var regex = BuildRegex(spec.Expression);
        var group = ValueGroup(regex) ?? throw new ArgumentException("the regex has no named group", nameof(spec));
        Match match;
        try { match = regex.Match(stdout); }
        catch (RegexMatchTimeoutException)
        {
            return ExtractionResult.Garbage(spec.Metric, $"metric '{spec.Metric}': regex /{spec.Expression}/ took longer than {RegexBudget.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s on stdout");
        }
        if (!match.Success || !match.Groups[group].Success)
        {
            return ExtractionResult.NotFound(spec.Metric, $"metric '{spec.Metric}': regex /{spec.Expression}/ found nothing in stdout {OutputPreview.Head(stdout)}");
        }
        var text = match.Groups[group].Value;
        return TryParseFinite(text, out var value)
            ? ExtractionResult.Of(spec.Metric, value * spec.Scale)
            : ExtractionResult.Garbage(spec.Metric, $"metric '{spec.Metric}': regex /{spec.Expression}/ matched '{text}', which is not a finite number");
    }

    private static ExtractionResult FromJson(ExtractSpec spec, string stdout)
    {
        if (!JsonPathExpression.TryParse(spec.Expression, out var path, out var error))
        {
            throw new ArgumentException($"invalid JSON path: {error}", nameof(spec));
        }
        using var document = ParseJsonOutput(stdout);
        if (document is null)
        {
            return ExtractionResult.NotFound(spec.Metric, $"metric '{spec.Metric}': stdout is not JSON and has no line that parses as JSON {OutputPreview.Head(stdout)}");
        }
        var selected = path!.Select(document.RootElement, out var missing);
        if (selected is not { } element)
        {
            return ExtractionResult.NotFound(spec.Metric, $"metric '{spec.Metric}': JSON path {path} selects nothing: no {missing}");
        }
        double value;
        switch (element.ValueKind)
        {
            case JsonValueKind.Number when element.TryGetDouble(out value) && double.IsFinite(value):
            case JsonValueKind.String when TryParseFinite(element.GetString()!, out value):
                return ExtractionResult.Of(spec.Metric, value * spec.Scale);
            default:
                return ExtractionResult.Garbage(spec.Metric, $"metric '{spec.Metric}': JSON path {path} holds {Shorten(element.GetRawText())}, which is not a finite number");
        }
    }

    /// <summary>stdout as one JSON document, else its last line that looks like and parses as JSON; null if neither.</summary>
    internal static JsonDocument? ParseJsonOutput(string stdout)
    {
        if (TryParse(stdout) is { } whole) return whole;
        foreach (var line in stdout.Split('\n').Reverse())
        {
            var t = line.Trim();
            if (t.Length > 0 && t[0] is '{' or '[' && TryParse(t) is { } document) return document;
        }
        return null;
    }

    private static JsonDocument? TryParse(string text)
    {
        if (text.AsSpan().Trim().Length == 0) return null;
        try { return JsonDocument.Parse(text); }
        catch (JsonException) { return null; }
    }

    private static Regex BuildRegex(string pattern) =>
        new(pattern, RegexOptions.Multiline | RegexOptions.CultureInvariant, RegexBudget);

    private static string? ValueGroup(Regex regex)
    {
        var named = regex.GetGroupNames().Where(n => !int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out _)).ToList();
        return named.Contains("value") ? "value" : named.FirstOrDefault();
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
