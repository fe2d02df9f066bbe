using System.Text.Json;
using System.Text.Json.Serialization;

namespace PerfLab.Reports.Interactive;

/// <summary>The interactive trend view of an HTML page: its data as JSON, made safe to sit inside a <c>&lt;script&gt;</c> element.
/// The library and the glue that draw it come from <see cref="TrendViewAssets"/> when the page renders.</summary>
/// <param name="Json">The <see cref="TrendViewData"/>, serialized by <see cref="Of"/>: no <c>&lt;</c>, no U+2028/U+2029.</param>
/// <param name="Series">How many series the view holds.</param>
/// <param name="Omitted">Series left out to keep the page small (the view says so).</param>
public sealed record TrendView(string Json, int Series, int Omitted)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The view of <paramref name="data"/>, or null when it holds no series.</summary>
    public static TrendView? Of(TrendViewData data) =>
        data.Series.Count == 0 ? null : new TrendView(ScriptJson.Embed(JsonSerializer.Serialize(data, Options)), data.Series.Count, data.Omitted);
}

/// <summary>Makes JSON text safe inside an HTML <c>&lt;script type="application/json"&gt;</c> element: a stored string can
/// neither close the element (<c>&lt;/script</c>) nor open a comment or CDATA state, and U+2028/U+2029 (line breaks to
/// older JavaScript parsers) never appear raw.</summary>
public static class ScriptJson
{
    /// <summary><paramref name="json"/> with every <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c>, U+2028 and U+2029 written as a JSON
    /// <c>\uXXXX</c> escape. Outside strings JSON has none of these characters, so the value it parses to is unchanged.</summary>
    public static string Embed(string json)
    {
        var sb = new System.Text.StringBuilder(json.Length);
        foreach (var c in json)
        {
            sb.Append(c switch
            {
                '<' => "\\u003c",
                '>' => "\\u003e",
                '&' => "\\u0026",
                '\u2028' => "\\u2028",
                '\u2029' => "\\u2029",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }
}

/// <summary>What the interactive trend view plots: builds in order (the x axis), the metrics and devices a reader can toggle, and
/// one series per comparability key × metric.</summary>
/// <param name="Omitted">Series that matched but were left out (the view holds at most <see cref="TrendViewBuilder.MaxSeries"/>).</param>
public sealed record TrendViewData(
    IReadOnlyList<string> Builds, IReadOnlyList<TrendMetric> Metrics, IReadOnlyList<string> Devices, IReadOnlyList<TrendSeries> Series, int Omitted);

/// <summary>A metric of the view, with the unit its axis shows; <paramref name="Shown"/>: ticked when the page opens;
/// <paramref name="FromZero"/>: a higher-is-better rate, whose value axis starts at zero as on the static charts (ValueAxis).</summary>
public sealed record TrendMetric(string Id, string Label, string Unit, bool Shown, bool FromZero);

/// <summary>One series: a comparability key × metric on one device; <paramref name="Flagged"/>: the page reports a regression or
/// change point in it.</summary>
public sealed record TrendSeries(string Device, string Metric, string Suite, string Case, string Key, bool Flagged, IReadOnlyList<TrendPoint> Points);

/// <summary>One build of a series: <paramref name="Build"/> indexes <see cref="TrendViewData.Builds"/>; the median and IQR of the
/// build's pooled samples, their count and the runs they come from.</summary>
public sealed record TrendPoint(int Build, double Median, double Q1, double Q3, int N, IReadOnlyList<string> Runs);
