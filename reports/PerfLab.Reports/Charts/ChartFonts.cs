using System.Reflection;
using ScottPlot;
using SkiaSharp;

namespace PerfLab.Reports.Charts;

/// <summary>The one font every chart draws with: DejaVu Sans (regular and bold, from Debian's fonts-dejavu-core 2.37, licence in
/// Charts/Fonts/LICENSE) embedded in this assembly, so a chart's pixels and text widths never depend on the fonts a machine has.</summary>
internal static class ChartFonts
{
    /// <summary>The family name charts ask for; it is also what the SVG names, and a viewer without it falls back to a sans font.</summary>
    public const string Family = "DejaVu Sans";

    private static readonly Lazy<EmbeddedFontResolver> Resolver = new(Register, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Registers the embedded font with ScottPlot (once per process) before the first chart is drawn.</summary>
    public static void EnsureRegistered() => _ = Resolver.Value;

    private static EmbeddedFontResolver Register()
    {
        var resolver = new EmbeddedFontResolver(Load("DejaVuSans.ttf"), Load("DejaVuSans-Bold.ttf"));
        // ScottPlot asks its resolvers in order and falls back to the system's fonts: ours goes first and answers for every name,
        // so no lookup ever reaches the machine's font list.
        Fonts.FontResolvers.Insert(0, resolver);
        Fonts.Default = Family;
        Fonts.Sans = Family;
        return resolver;
    }

    private static SKTypeface Load(string file)
    {
        var name = "PerfLab.Reports.Charts.Fonts." + file;
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded font {name} is missing");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException($"embedded font {name} could not be read");
    }
}

/// <summary>Answers every typeface request with the embedded DejaVu Sans, bold where bold is asked for.</summary>
internal sealed class EmbeddedFontResolver(SKTypeface regular, SKTypeface bold) : IFontResolver
{
    public SKTypeface CreateTypeface(string fontName, bool boldRequested, bool italic) => boldRequested ? bold : regular;

    public SKTypeface CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing width) =>
        weight >= FontWeight.SemiBold ? bold : regular;
}
