using System.Reflection;

namespace PerfLab.Reports.Templates;

/// <summary>The Liquid sources of every page in both formats: the embedded defaults, each replaceable by a file of the
/// same name in an override folder (<c>perflab report --templates DIR</c>).</summary>
public sealed class ReportTemplates
{
    /// <summary>Page templates: <c>{page}.{md|html}.liquid</c>.</summary>
    public static readonly string[] Pages = ["index", "model", "matrix", "nightly", "gate"];

    /// <summary>Partials every page may use: <c>{% include 'name' %}</c> or <c>{% render 'name', ... %}</c>.</summary>
    public static readonly string[] Partials = ["head.html", "foot.html", "excluded.html", "verdicts.html", "trends.html", "head.md", "foot.md", "excluded.md", "verdicts.md"];

    private readonly Dictionary<string, string> _sources;

    private ReportTemplates(Dictionary<string, string> sources, IReadOnlyList<string> overridden)
    {
        _sources = sources;
        Overridden = overridden;
    }

    /// <summary>File names taken from the override folder.</summary>
    public IReadOnlyList<string> Overridden { get; }

    /// <summary>The source of a template file name such as "model.html.liquid".</summary>
    public string Source(string fileName) => _sources.TryGetValue(fileName, out var s)
        ? s : throw new InvalidOperationException($"no template named {fileName}");

    /// <summary>Every template file name, pages first.</summary>
    public static IEnumerable<string> FileNames() =>
        Pages.SelectMany(p => new[] { p + ".md" + Extension, p + ".html" + Extension }).Concat(Partials.Select(p => p + Extension));

    /// <summary>The extension of every template file.</summary>
    public const string Extension = ".liquid";

    /// <summary>The defaults, with any file of the same name in <paramref name="overrideDirectory"/> taking their place.</summary>
    /// <exception cref="DirectoryNotFoundException">The override folder does not exist.</exception>
    /// <exception cref="InvalidDataException">The folder holds a .liquid file that is not a known template name (a typo would be ignored silently
    /// otherwise), or a Handlebars .hbs template of an earlier PerfLab (it would be ignored silently too).</exception>
    public static ReportTemplates Load(string? overrideDirectory = null)
    {
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        var assembly = typeof(ReportTemplates).Assembly;
        foreach (var name in FileNames()) sources[name] = ReadEmbedded(assembly, name);
        var overridden = new List<string>();
        if (overrideDirectory is not null)
        {
            if (!Directory.Exists(overrideDirectory)) throw new DirectoryNotFoundException($"{overrideDirectory}: no such templates folder");
            var known = FileNames().ToHashSet(StringComparer.Ordinal);
            if (Directory.GetFiles(overrideDirectory, "*.hbs").Order(StringComparer.Ordinal).FirstOrDefault() is { } handlebars)
                throw new InvalidDataException($"{handlebars}: a Handlebars template; PerfLab's templates are Liquid now (name.liquid, see docs/reports.md, \"Templates\")");
            foreach (var path in Directory.GetFiles(overrideDirectory, "*" + Extension).Order(StringComparer.Ordinal))
            {
                var file = Path.GetFileName(path);
                if (!known.Contains(file))
                    throw new InvalidDataException($"{path}: not a PerfLab template name (known: {string.Join(", ", known.Order(StringComparer.Ordinal))})");
                sources[file] = File.ReadAllText(path);
                overridden.Add(file);
            }
        }
        return new ReportTemplates(sources, overridden);
    }

    private static string ReadEmbedded(Assembly assembly, string fileName)
    {
        using var stream = assembly.GetManifestResourceStream("PerfLab.Reports.Templates." + fileName)
                           ?? throw new InvalidOperationException($"embedded template {fileName} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
