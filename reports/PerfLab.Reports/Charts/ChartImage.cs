using System.Security.Cryptography;
using System.Text;
using ScottPlot;

namespace PerfLab.Reports.Charts;

/// <summary>A drawn chart: SVG to inline into HTML pages and PNG to save beside Markdown pages, each rendered on first use and
/// kept; <see cref="Description"/> states the figure in words (the image's alt text).</summary>
public sealed class ChartImage
{
    private readonly Plot? _plot;
    private readonly int _width;
    private readonly int _height;
    private readonly Lock _gate = new();
    private string? _svg;
    private byte[]? _png;

    internal ChartImage(Plot plot, int width, int height, string title, string description)
    {
        _plot = plot;
        Title = title;
        _width = width;
        _height = height;
        Description = description;
    }

    private ChartImage(string svg, byte[] png, string title, string description)
    {
        Title = title;
        _svg = svg;
        _png = png;
        Description = description;
    }

    /// <summary>The chart's title, as drawn and as the SVG's &lt;title&gt; (shown on hover).</summary>
    public string Title { get; }

    /// <summary>What the chart shows, in one or two sentences, for readers who cannot see it.</summary>
    public string Description { get; }

    /// <summary>The chart as an SVG element (no XML declaration), its ids unique to this chart's content.</summary>
    public string Svg
    {
        get
        {
            lock (_gate)
            {
                if (_svg is not null) return _svg;
                ChartFonts.EnsureRegistered();
                var raw = _plot!.GetSvgXml(_width, _height);
                // Ids derive from the drawing itself, so two renders of one chart agree and two charts on a page never collide.
                var prefix = "c" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(SvgIds.Normalize(raw, "c"))))[..10];
                return _svg = Labelled(SvgIds.Normalize(raw, prefix));
            }
        }
    }

    // The root gets a viewBox (so a page may scale the chart to its column), role="img", the description as its accessible name
    // and the title as its first child.
    private string Labelled(string svg)
    {
        var end = svg.IndexOf('>', StringComparison.Ordinal);
        var root = svg[..end].TrimEnd('/');
        var attributes = $" viewBox=\"0 0 {_width} {_height}\" role=\"img\" aria-label=\"{SvgText.Escape(Description)}\"";
        return root + attributes + ">\n<title>" + SvgText.Escape(Title) + "</title>" + svg[(end + 1)..];
    }

    /// <summary>The chart as a PNG file's bytes.</summary>
    public byte[] Png
    {
        get
        {
            lock (_gate)
            {
                if (_png is not null) return _png;
                ChartFonts.EnsureRegistered();
                using var image = _plot!.GetImage(_width, _height);
                return _png = image.GetImageBytes(ImageFormat.Png);
            }
        }
    }

    /// <summary>A chart drawn elsewhere (tests, a custom renderer): its SVG and PNG as they are.</summary>
    public static ChartImage Of(string svg, byte[] png, string title, string description) => new(svg, png, title, description);
}
