using System.Text.Json;
using PerfLab.Harness.Domain;

namespace PerfLab.Results.Import;

/// <summary>Reads github-action-benchmark's custom JSON (<c>customBiggerIsBetter</c> / <c>customSmallerIsBetter</c>): an array
/// of <c>{ name, unit, value, range?, extra? }</c>. A name is a case; its unit names the metric (as a Bencher measure is a unit
/// dimension), so benchmarks in seconds and in milliseconds sit side by side; the direction comes from the variant; a range
/// becomes bounds; <c>extra</c> is tooltip text and is not stored. The file names no build, device or suite.
/// Pure: text in, runs or problems out.</summary>
public static class GabCustomReader
{
    /// <summary>The <c>--format</c> name of customBiggerIsBetter.</summary>
    public const string BiggerFormat = "gab-bigger";

    /// <summary>The <c>--format</c> name of customSmallerIsBetter.</summary>
    public const string SmallerFormat = "gab-smaller";

    /// <summary>Metric name of a benchmark that states no unit.</summary>
    public const string UnitlessMetric = "value";

    private static readonly string[] BenchFields = ["name", "unit", "value", "range", "extra"];

    /// <summary>Parses <paramref name="text"/>; <paramref name="better"/> is the variant's direction.</summary>
    public static ImportResult Read(string text, string file, Better better, ImportOptions options, PeerImportOptions peer)
    {
        var problems = new List<ImportProblem>();
        var figures = new List<PeerFigure>();
        using var json = PeerJson.Parse(text, file, problems);
        if (json is not null && json.IsArray(json.Root, "$"))
        {
            var i = 0;
            foreach (var bench in json.Root.EnumerateArray())
            {
                if (ReadBench(json, bench, $"$[{i++}]", better) is { } f) figures.Add(f);
            }
        }
        return PeerRunAssembler.Assemble(better == Better.Higher ? BiggerFormat : SmallerFormat,
            "a github-action-benchmark custom JSON file", file, text, new PeerSource(), figures, problems, options, peer);
    }

    /// <summary>One <c>{ name, unit, value, range?, extra? }</c> (shared with the data.js history, whose benches have this shape).</summary>
    internal static PeerFigure? ReadBench(PeerJson json, JsonElement bench, string path, Better? better,
        string? suite = null, string? build = null, DateTimeOffset? at = null)
    {
        if (!json.IsObject(bench, path)) return null;
        json.OnlyKnown(bench, path, BenchFields);
        var name = json.String(bench, path, "name", required: true);
        var unit = json.String(bench, path, "unit") ?? "";
        var value = json.NumberProperty(bench, path, "value", required: true, numericText: true);
        ReportedBounds? bounds = null;
        if (bench.TryGetProperty("range", out var range) && value is { } v)
        {
            bounds = range.ValueKind switch
            {
                JsonValueKind.String => RangeText.Bounds(v, range.GetString()!),
                JsonValueKind.Number when json.Number(range, path + ".range") is { } r => RangeText.Bounds(v, r),
                JsonValueKind.Null => null,
                _ => Invalid(json, path + ".range"),
            };
        }
        if (bench.TryGetProperty("extra", out var extra) && extra.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            json.Problem(path + ".extra", "must be a string");
        if (name is null || value is null) return null;
        return new PeerFigure(json.LineOf(path), name, new Dictionary<string, string>(), unit.Length == 0 ? UnitlessMetric : unit, unit,
            better, [value.Value], bounds, suite, build, at);
    }

    private static ReportedBounds? Invalid(PeerJson json, string path)
    {
        json.Problem(path, "must be a string or a number");
        return null;
    }
}
