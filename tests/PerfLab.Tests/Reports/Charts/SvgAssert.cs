using System.Xml.Linq;
using NUnit.Framework;

namespace PerfLab.Tests.Reports.Charts;

/// <summary>Parses a rendered chart and checks what every chart must be: well-formed, accessible, self-contained, script-free.</summary>
internal static class SvgAssert
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static XDocument WellFormed(string svg)
    {
        var doc = XDocument.Parse(svg);
        var root = doc.Root!;
        Assert.That(root.Name, Is.EqualTo(Svg + "svg"));
        Assert.That((string?)root.Attribute("role"), Is.EqualTo("img"));
        Assert.That((string?)root.Attribute("viewBox"), Does.Match(@"^0 0 \d+\.\d \d+\.\d$"));
        var children = root.Elements().ToList();
        Assert.That(children[0].Name, Is.EqualTo(Svg + "title"));
        Assert.That(children[1].Name, Is.EqualTo(Svg + "desc"));
        Assert.That(children[1].Value, Is.Not.Empty);
        var all = doc.Descendants().ToList();
        Assert.That(all.Where(e => e.Name.LocalName is "script" or "style" or "foreignObject" or "image" or "use"), Is.Empty);
        Assert.That(all.SelectMany(e => e.Attributes()).Where(a => a.Name.LocalName == "href" || a.Name.LocalName.StartsWith("on", StringComparison.Ordinal)), Is.Empty);
        Assert.That(svg, Does.Not.Contain("url(").And.Not.Contain("@import"));
        return doc;
    }

    public static List<XElement> Role(XDocument doc, string role) =>
        doc.Descendants().Where(e => (string?)e.Attribute("data-role") == role).ToList();

    public static double Number(XElement element, string attribute) =>
        double.Parse((string)element.Attribute(attribute)!, System.Globalization.CultureInfo.InvariantCulture);

    public static List<string> Texts(XDocument doc) => doc.Descendants(Svg + "text").Select(t => t.Value).ToList();
}
