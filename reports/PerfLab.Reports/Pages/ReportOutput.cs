using PerfLab.Reports.Charts;
using PerfLab.Reports.Json;
using PerfLab.Reports.Templates;

namespace PerfLab.Reports.Pages;

/// <summary>Which files <see cref="ReportOutput"/> writes.</summary>
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
        ReportTemplates? templates = null, ReportSet.Options? options = null, IChartRenderer? charts = null) =>
        Write(inputs, directory, formats, generatedAt, CompileTemplates(templates), options, charts);

    /// <summary>Starts compiling the templates (the embedded ones when null) on the thread pool. Compiling needs nothing from the
    /// data, so a caller starts it before reading the store and hands the task to <see cref="Write(ReportInputs, string, ReportFormats, DateTimeOffset, Task{ReportRenderer}, ReportSet.Options?, IChartRenderer?)"/>.</summary>
    public static Task<ReportRenderer> CompileTemplates(ReportTemplates? templates) =>
        Task.Run(() => new ReportRenderer(templates ?? ReportTemplates.Load()));

    /// <summary>Writes every page with templates being compiled by <paramref name="compiling"/>; returns the files written.</summary>
    public static IReadOnlyList<string> Write(ReportInputs inputs, string directory, ReportFormats formats, DateTimeOffset generatedAt,
        Task<ReportRenderer> compiling, ReportSet.Options? options = null, IChartRenderer? charts = null)
    {
        var set = ReportSet.Build(inputs, charts ?? new ScottPlotChartRenderer(), generatedAt, options);
        var renderer = compiling.GetAwaiter().GetResult();
        var writers = new List<Func<IReadOnlyList<string>>>();
        if (formats.HasFlag(ReportFormats.Html)) writers.Add(() => renderer.Write(set, "html", directory));
        if (formats.HasFlag(ReportFormats.Markdown)) writers.Add(() => renderer.Write(set, "md", directory));
        if (formats.HasFlag(ReportFormats.Json)) writers.Add(() => [ReportJson.Write(set, directory)]);
        // Each format has its own template environment and files, so they render side by side; a farm's pages are
        // megabytes of table rows and this is a third of the report's time on one core.
        var files = new IReadOnlyList<string>[writers.Count];
        Parallel.For(0, writers.Count, i => files[i] = writers[i]());
        return files.SelectMany(f => f).ToList();
    }
}
