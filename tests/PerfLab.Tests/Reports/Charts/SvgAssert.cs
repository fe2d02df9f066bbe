using System.Xml.Linq;
using NUnit.Framework;
using PerfLab.Reports.Charts;
using SkiaSharp;

namespace PerfLab.Tests.Reports.Charts;

/// <summary>Parses a rendered chart and checks what every chart must be: well-formed, accessible, self-contained, script-free.</summary>
internal static class SvgAssert
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static XDocument WellFormed(ChartImage image)
    {
        var svg = image.Svg;
        Assert.That(svg, Does.StartWith("<svg"), "no XML declaration: the SVG is inlined into HTML");
        var doc = XDocument.Parse(svg);
        var root = doc.Root!;
        Assert.That(root.Name, Is.EqualTo(Svg + "svg"));
        Assert.That((string?)root.Attribute("role"), Is.EqualTo("img"));
        Assert.That((string?)root.Attribute("aria-label"), Is.EqualTo(image.Description).And.Not.Empty);
        Assert.That((string?)root.Attribute("viewBox"), Does.Match(@"^0 0 \d+ \d+$"));
        Assert.That(root.Elements().First().Name, Is.EqualTo(Svg + "title"));
        Assert.That(root.Elements().First().Value, Is.EqualTo(image.Title));
        var all = doc.Descendants().ToList();
        Assert.That(all.Where(e => e.Name.LocalName is "script" or "style" or "foreignObject" or "image"), Is.Empty);
        Assert.That(all.SelectMany(e => e.Attributes()).Where(a => a.Name.LocalName.StartsWith("on", StringComparison.Ordinal)), Is.Empty);
        // References stay inside the chart: clip paths by local id only.
        var ids = all.Select(e => (string?)e.Attribute("id")).OfType<string>().ToList();
        Assert.That(ids, Is.Unique);
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(svg, @"url\(([^)]*)\)"))
            Assert.That(ids, Does.Contain(m.Groups[1].Value.TrimStart('#')), $"reference {m.Value} points inside the chart");
        Assert.That(svg, Does.Not.Contain("@import").And.Not.Contain("http://www.w3.org/1999/xlink\" href").And.Not.Contain("javascript:"));
        Assert.That(all.Where(e => e.Attribute("font-family") is not null).Select(e => (string)e.Attribute("font-family")!).Distinct(),
            Is.SubsetOf(new[] { ChartFonts.Family }), "one font, the embedded one");
        return doc;
    }

    public static List<string> Texts(XDocument doc) => doc.Descendants(Svg + "text").Select(t => t.Value).ToList();

    /// <summary>Decodes the PNG and checks it is the drawn size and not blank; returns the share of pixels that are not white.</summary>
    public static double Ink(byte[] png, int width)
    {
        Assert.That(png.Take(8), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "PNG signature");
        using var bitmap = SKBitmap.Decode(png);
        Assert.That(bitmap, Is.Not.Null);
        Assert.That(bitmap.Width, Is.EqualTo(width));
        var ink = 0;
        for (var y = 0; y < bitmap.Height; y += 2)
        {
            for (var x = 0; x < bitmap.Width; x += 2)
            {
                var c = bitmap.GetPixel(x, y);
                if (c.Red < 240 || c.Green < 240 || c.Blue < 240) ink++;
            }
        }
        return ink / (double)((bitmap.Width + 1) / 2 * ((bitmap.Height + 1) / 2));
    }

    /// <summary>Whether the PNG has pixels close to <paramref name="hex"/> (a series drawn in its colour).</summary>
    public static bool HasColour(byte[] png, string hex)
    {
        var want = SKColor.Parse(hex);
        using var bitmap = SKBitmap.Decode(png);
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                if (Math.Abs(c.Red - want.Red) + Math.Abs(c.Green - want.Green) + Math.Abs(c.Blue - want.Blue) < 12) return true;
            }
        }
        return false;
    }
}
