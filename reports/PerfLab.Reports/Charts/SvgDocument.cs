using System.Text;

namespace PerfLab.Reports.Charts;

/// <summary>Writes one standalone SVG: every attribute value and text node goes through <see cref="SvgText.Escape"/>, numbers through <see cref="SvgText.Coordinate"/>.</summary>
internal sealed class SvgDocument
{
    private readonly StringBuilder _sb = new();
    private readonly Stack<string> _open = new();

    public SvgDocument(double width, double height, string title, string description)
    {
        Width = width;
        Height = height;
        _sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\"");
        AppendAttributes([
            ("width", width), ("height", height), ("viewBox", $"0 0 {SvgText.Coordinate(width)} {SvgText.Coordinate(height)}"),
            ("role", "img"), ("font-family", ChartPalette.FontStack), ("font-size", 12), ("fill", ChartPalette.Text),
        ]);
        _sb.Append(">\n");
        _open.Push("svg");
        Leaf("title", title);
        Leaf("desc", description);
        Empty("rect", ("x", 0.0), ("y", 0.0), ("width", width), ("height", height), ("fill", ChartPalette.Background));
    }

    public double Width { get; }

    public double Height { get; }

    public void Open(string element, params (string Name, object? Value)[] attributes)
    {
        Indent();
        _sb.Append('<').Append(element);
        AppendAttributes(attributes);
        _sb.Append(">\n");
        _open.Push(element);
    }

    public void Close()
    {
        var element = _open.Pop();
        Indent();
        _sb.Append("</").Append(element).Append(">\n");
    }

    public void Empty(string element, params (string Name, object? Value)[] attributes)
    {
        Indent();
        _sb.Append('<').Append(element);
        AppendAttributes(attributes);
        _sb.Append("/>\n");
    }

    /// <summary>An element holding only text (text, title, desc).</summary>
    public void Leaf(string element, string text, params (string Name, object? Value)[] attributes)
    {
        Indent();
        _sb.Append('<').Append(element);
        AppendAttributes(attributes);
        _sb.Append('>').Append(SvgText.Escape(text)).Append("</").Append(element).Append(">\n");
    }

    public void Text(double x, double y, string text, params (string Name, object? Value)[] attributes) =>
        Leaf("text", text, [("x", x), ("y", y), .. attributes]);

    /// <summary>A polyline through the points, broken wherever a point is missing (NaN) so gaps stay visible.</summary>
    public void BrokenLine(IEnumerable<(double X, double Y)> points, params (string Name, object? Value)[] attributes)
    {
        var d = new StringBuilder();
        var penDown = false;
        foreach (var (x, y) in points)
        {
            if (!double.IsFinite(x) || !double.IsFinite(y)) { penDown = false; continue; }
            d.Append(penDown ? " L" : (d.Length == 0 ? "M" : " M")).Append(SvgText.Coordinate(x)).Append(' ').Append(SvgText.Coordinate(y));
            penDown = true;
        }
        if (d.Length == 0) return;
        Empty("path", [("d", d.ToString()), ("fill", "none"), .. attributes]);
    }

    public string Finish()
    {
        while (_open.Count > 0) Close();
        return _sb.ToString();
    }

    private void Indent() => _sb.Append(' ', _open.Count * 2);

    private void AppendAttributes((string Name, object? Value)[] attributes)
    {
        foreach (var (name, value) in attributes)
        {
            if (value is null) continue;
            var text = value switch
            {
                double d => SvgText.Coordinate(d),
                int i => i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                string s => SvgText.Escape(s),
                _ => throw new ArgumentException($"Unsupported attribute value type {value.GetType().Name} for '{name}'."),
            };
            _sb.Append(' ').Append(name).Append("=\"").Append(text).Append('"');
        }
    }
}
