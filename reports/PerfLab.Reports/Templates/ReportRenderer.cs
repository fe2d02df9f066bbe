using HandlebarsDotNet;
using PerfLab.Reports.Pages;

namespace PerfLab.Reports.Templates;

/// <summary>Renders a <see cref="ReportSet"/> through the templates into Markdown or self-contained HTML files.</summary>
public sealed class ReportRenderer
{
    private readonly Dictionary<string, HandlebarsTemplate<object, object>> _compiled = new(StringComparer.Ordinal);

    public ReportRenderer(ReportTemplates templates)
    {
        foreach (var format in new[] { "md", "html" })
        {
            var hb = Handlebars.Create(new HandlebarsConfiguration
            {
                TextEncoder = format == "md" ? new MarkdownEncoder() : new StrictHtmlEncoder(),
                ThrowOnUnresolvedBindingExpression = false,
            });
            foreach (var partial in ReportTemplates.Partials.Where(p => p.EndsWith("." + format, StringComparison.Ordinal)))
                hb.RegisterTemplate(partial.Replace('.', '_'), templates.Source(partial + ".hbs"));
            hb.RegisterHelper("eq", (in HelperOptions _, in Context _, in Arguments args) => Equals(args[0]?.ToString(), args[1]?.ToString()));
            hb.RegisterHelper("ne", (in HelperOptions _, in Context _, in Arguments args) => !Equals(args[0]?.ToString(), args[1]?.ToString()));
            foreach (var page in ReportTemplates.Pages)
            {
                var name = $"{page}.{format}.hbs";
                try { _compiled[$"{page}.{format}"] = hb.Compile(templates.Source(name)); }
                catch (HandlebarsException e) { throw new InvalidDataException($"template {name}: {e.Message}", e); }
            }
        }
    }

    /// <summary>Renders one page; <paramref name="format"/> is "md" or "html".</summary>
    public string Render(string page, string format, object model)
    {
        try { return Normalize(_compiled[$"{page}.{format}"](model)); }
        catch (HandlebarsException e) { throw new InvalidDataException($"template {page}.{format}.hbs: {e.Message}", e); }
    }

    /// <summary>Writes every page of <paramref name="set"/> in <paramref name="format"/> into <paramref name="directory"/>;
    /// Markdown pages get their charts as SVG files under <c>charts/</c>. Returns the files written, index first.</summary>
    public IReadOnlyList<string> Write(ReportSet set, string format, string directory)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        void Page(string page, string stem, object model, IEnumerable<ChartView> charts)
        {
            var path = Path.Combine(directory, $"{stem}.{format}");
            File.WriteAllText(path, Render(page, format, model));
            written.Add(path);
            if (format != "md") return;
            foreach (var chart in charts)
            {
                var chartPath = Path.Combine(directory, chart.File);
                Directory.CreateDirectory(Path.GetDirectoryName(chartPath)!);
                File.WriteAllText(chartPath, chart.Svg);
            }
        }
        Page("index", "index", set.Index, []);
        Page("gate", "gate", set.Gate, set.Gate.Charts);
        Page("nightly", "nightly", set.Nightly, set.Nightly.Charts);
        foreach (var m in set.Matrices) Page("matrix", m.FileStem, m, m.Charts);
        foreach (var m in set.Models) Page("model", m.FileStem, m, m.Devices.SelectMany(d => d.Charts));
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
