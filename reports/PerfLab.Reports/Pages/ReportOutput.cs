using PerfLab.Reports.Charts;
using PerfLab.Reports.Json;
using PerfLab.Reports.Templates;

namespace PerfLab.Reports.Pages;

/// <summary>Which files <see cref="ReportOutput.Write"/> produces.</summary>
[Flags]
public enum ReportFormats
{
    Markdown = 1,
    Html = 2,
    Json = 4,
    All = Markdown | Html | Json,
}

/// <summary>Builds the report set from inputs and writes it in the requested formats: the one call the CLI makes.</summary>
public static class ReportOutput
{
    /// <summary>Parses "md", "html", "json" or "all" (case-insensitive); null when unknown.</summary>
    public static ReportFormats? ParseFormat(string text) => text.ToLowerInvariant() switch
    {
        "md" or "markdown" => ReportFormats.Markdown,
        "html" => ReportFormats.Html,
        "json" => ReportFormats.Json,
        "all" => ReportFormats.All,
        _ => null,
    };

    /// <summary>Writes every page; returns the files written (the index of each format first).</summary>
    public static IReadOnlyList<string> Write(ReportInputs inputs, string directory, ReportFormats formats, DateTimeOffset generatedAt,
        ReportTemplates? templates = null, ReportSet.Options? options = null, IChartRenderer? charts = null)
    {
        var set = ReportSet.Build(inputs, charts ?? new SvgChartRenderer(), generatedAt, options);
        var renderer = new ReportRenderer(templates ?? ReportTemplates.Load());
        var written = new List<string>();
        if (formats.HasFlag(ReportFormats.Html)) written.AddRange(renderer.Write(set, "html", directory));
        if (formats.HasFlag(ReportFormats.Markdown)) written.AddRange(renderer.Write(set, "md", directory));
        if (formats.HasFlag(ReportFormats.Json)) written.Add(ReportJson.Write(set, directory));
        return written;
    }
}
