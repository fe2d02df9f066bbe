using PerfLab.Reports.Pages;
using PerfLab.Reports.Templates;
using PerfLab.Results;

namespace PerfLab.Cli;

/// <summary>Writes the evidence reports for what a database holds (model pages, cross-device matrices, nightly summary,
/// release gate, index) in Markdown, self-contained HTML and/or JSON.</summary>
public static class ReportWriter
{
    /// <summary>The default folder of model cards (<c>*.card.yaml</c>), relative to the current folder.</summary>
    public const string DefaultModelsDirectory = "suites/models";

    public sealed record Request(
        string OutDirectory,
        ReportFormats Formats = ReportFormats.All,
        string? TemplatesDirectory = null,
        string? ModelsDirectory = null,
        IReadOnlySet<string>? Suites = null,
        string? Candidate = null,
        string? Baseline = null,
        int HistoryBuilds = ReportInputs.DefaultHistoryBuilds);

    public static IReadOnlyList<string> Write(SqliteResultStore store, Request request)
    {
        ReportTemplates templates;
        try { templates = ReportTemplates.Load(request.TemplatesDirectory); }
        catch (Exception e) when (e is DirectoryNotFoundException or InvalidDataException) { throw new UsageException(e.Message); }
        IReadOnlyDictionary<string, ModelCard> cards;
        try { cards = ModelCard.LoadAll(request.ModelsDirectory ?? DefaultModelsDirectory); }
        catch (InvalidDataException e) { throw new UsageException(e.Message); }
        var pinned = new[] { request.Candidate, request.Baseline }.OfType<string>().ToList();
        // Compiling the templates needs no data: it runs while the store is read.
        var compiling = ReportOutput.CompileTemplates(templates);
        var inputs = ReportInputs.Load(store, cards, request.HistoryBuilds, pinned, request.Candidate).OnlySuites(request.Suites);
        try
        {
            return ReportOutput.Write(inputs, request.OutDirectory, request.Formats, DateTimeOffset.UtcNow, compiling,
                new ReportSet.Options(request.Candidate, request.Baseline));
        }
        catch (InvalidDataException e) { throw new UsageException(e.Message); }
    }

    /// <summary>Every page in every format, as the demo writes them (what <c>perflab run --report</c> writes).</summary>
    public static IReadOnlyList<string> WriteAll(SqliteResultStore store, string outDirectory, IReadOnlySet<string>? suites = null) =>
        Write(store, new Request(outDirectory, ReportFormats.All, Suites: suites));
}
