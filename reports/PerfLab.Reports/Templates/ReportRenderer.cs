using System.Collections.Frozen;
using System.Text.Encodings.Web;
using Fluid;
using Fluid.Values;
using PerfLab.Reports.Interactive;
using PerfLab.Reports.Pages;

namespace PerfLab.Reports.Templates;

/// <summary>Renders a <see cref="ReportSet"/> through the Liquid templates (Fluid) into Markdown or self-contained HTML files.
/// Every template is parsed once, here; an instance holds nothing that changes and renders pages on any number of threads.</summary>
/// <remarks>Every value a template prints is escaped for its format (<see cref="StrictHtmlEncoder"/>, <see cref="MarkdownEncoder"/>).
/// The only values printed as they are: markup PerfLab rendered itself (chart SVG, the interactive view), which the accessors below
/// mark raw by type (see docs/reports.md, "Templates"); the <c>raw</c> filter is refused, so no template can print a stored string unescaped.</remarks>
public sealed class ReportRenderer
{
    private readonly FrozenDictionary<string, IFluidTemplate> _pages;
    private readonly TemplateOptions _options;

    public ReportRenderer(ReportTemplates templates)
    {
        var parser = new FluidParser();
        var assets = TrendViewAssets.Load();
        IFluidTemplate Parse(string file) => parser.TryParse(templates.Source(file), out var template, out var error)
            ? template : throw new InvalidDataException($"template {file}: {error}");
        var partials = ReportTemplates.Partials.Select(p => p + ReportTemplates.Extension)
            .ToFrozenDictionary(file => file, Parse, StringComparer.Ordinal);
        _pages = ReportTemplates.Pages.SelectMany(p => new[] { $"{p}.md", $"{p}.html" })
            .ToFrozenDictionary(name => name, name => Parse(name + ReportTemplates.Extension), StringComparer.Ordinal);
        _options = new TemplateOptionsBuilder()
            // Trimming ({%- and -%}) takes the blanks of the tag's own line only, so a tag alone on its line leaves no blank line.
            .WithGreedy(false)
            .WithFileProvider(new ParsedPartials(partials))
            .WithTemplateCache(new ParsedPartials(partials))
            .AddFilter("raw", (_, _, _) => throw new InvalidDataException("templates may not use the raw filter: stored strings are always escaped"))
            .ConfigureMemberAccess(access =>
            {
                access.Register<ChartView, FluidValue>(nameof(ChartView.Svg), c => StringValue.Create(c.Svg, false));
                // The trend view's data (JSON made safe for a script element by ScriptJson) and the script, style and licence
                // PerfLab embeds; the CSP hash is an attribute value and is escaped like any other.
                access.Register<TrendView, FluidValue>(nameof(TrendView.Json), v => StringValue.Create(v.Json, false));
                access.Register<TrendView, FluidValue>(nameof(TrendViewAssets.Script), _ => StringValue.Create(assets.Script, false));
                access.Register<TrendView, FluidValue>(nameof(TrendViewAssets.Style), _ => StringValue.Create(assets.Style, false));
                access.Register<TrendView, FluidValue>(nameof(TrendViewAssets.Licence), _ => StringValue.Create(assets.Licence, false));
                access.Register<TrendView, FluidValue>(nameof(TrendViewAssets.ScriptHash), _ => StringValue.Create(assets.ScriptHash));
            })
            .Build();
    }

    /// <summary>Renders one page; <paramref name="format"/> is "md" or "html".</summary>
    public string Render(string page, string format, object model)
    {
        var name = $"{page}.{format}";
        var template = _pages.TryGetValue(name, out var t) ? t : throw new InvalidOperationException($"no template named {name}");
        TextEncoder encoder = format == "md" ? MarkdownEncoder.Instance : StrictHtmlEncoder.Instance;
        try { return Normalize(template.Render(new TemplateContext(model, _options), encoder)); }
        catch (Exception e) when (e is FluidException or ParseException or InvalidOperationException or FileNotFoundException or InvalidDataException)
        {
            throw new InvalidDataException($"template {name}{ReportTemplates.Extension}: {e.Message}", e);
        }
    }

    /// <summary>Writes every page of <paramref name="set"/> in <paramref name="format"/> into <paramref name="directory"/>;
    /// Markdown pages get their charts as PNG files under <c>charts/</c>, HTML pages inline them as SVG. Returns the files written, index first.</summary>
    public IReadOnlyList<string> Write(ReportSet set, string format, string directory)
    {
        Directory.CreateDirectory(directory);
        var pages = new List<(string Page, string Stem, object Model, IReadOnlyList<ChartView> Charts)>
        {
            ("index", "index", set.Index, []),
            ("gate", "gate", set.Gate, set.Gate.Charts),
            ("nightly", "nightly", set.Nightly, set.Nightly.Charts),
        };
        pages.AddRange(set.Matrices.Select(m => ("matrix", m.FileStem, (object)m, m.Charts)));
        pages.AddRange(set.Models.Select(m => ("model", m.FileStem, (object)m, (IReadOnlyList<ChartView>)m.Devices.SelectMany(d => d.Charts).ToList())));

        // Drawing the charts is most of a report's work: every chart is drawn on all cores first; each image depends only on its
        // chart, so the order they finish in changes nothing, and pages and files are then written in page order.
        var charts = pages.SelectMany(p => p.Charts).ToList();
        Parallel.ForEach(charts, chart => _ = format == "md" ? chart.Image.Png.Length : chart.Image.Svg.Length);

        var written = new List<string>();
        foreach (var (page, stem, model, pageCharts) in pages)
        {
            var path = Path.Combine(directory, $"{stem}.{format}");
            File.WriteAllText(path, Render(page, format, model));
            written.Add(path);
            if (format != "md") continue;
            foreach (var chart in pageCharts)
            {
                var chartPath = Path.Combine(directory, chart.File);
                Directory.CreateDirectory(Path.GetDirectoryName(chartPath)!);
                File.WriteAllBytes(chartPath, chart.Image.Png);
            }
        }
        return written;
    }

    // Templates are written for readability; runs of blank lines they leave behind are collapsed so pages stay tidy.
    private static string Normalize(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var sb = new System.Text.StringBuilder(text.Length);
        var blank = 0;
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd();
            blank = line.Length == 0 ? blank + 1 : 0;
            if (blank > 1) continue;
            sb.Append(line).Append('\n');
        }
        return sb.ToString().TrimEnd('\n') + "\n";
    }
}

/// <summary>The partials, parsed once: Fluid's <c>include</c> and <c>render</c> find each by file name and take its parsed template
/// from here, so no partial is read or parsed while pages render.</summary>
internal sealed class ParsedPartials(FrozenDictionary<string, IFluidTemplate> parsed) : ITemplateFileProvider, ITemplateCache
{
    public ValueTask<TemplateSourceInfo> GetFileInfoAsync(string path, TemplateContext context, CancellationToken cancellationToken) =>
        // Fluid asks for the name as written, then with ".liquid": only the full file name is known, so a partial is never read twice.
        ValueTask.FromResult(parsed.ContainsKey(path)
            ? new TemplateSourceInfo(DateTimeOffset.UnixEpoch, _ => throw new InvalidOperationException($"partial {path} is parsed once, never read"), path)
            : null!);

    public bool TryGetTemplate(string path, DateTimeOffset lastModified, out IFluidTemplate template) => parsed.TryGetValue(path, out template!);

    public void SetTemplate(string path, DateTimeOffset lastModified, IFluidTemplate template) =>
        throw new InvalidOperationException($"partial {path} was not parsed in advance");
}
