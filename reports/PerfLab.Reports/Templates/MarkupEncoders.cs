using System.Text;
using HandlebarsDotNet;
using PerfLab.Harness.Text;

namespace PerfLab.Reports.Templates;

/// <summary>Escapes every value a Markdown template prints with <c>{{x}}</c>: no table-breaking pipes or newlines, no raw
/// HTML (Markdown viewers render inline HTML), no emphasis, link or code syntax from stored strings.</summary>
public sealed class MarkdownEncoder : ITextEncoder
{
    public void Encode(StringBuilder? text, TextWriter target) => Encode(text?.ToString(), target);

    public void Encode(string? text, TextWriter target)
    {
        if (text is null) return;
        foreach (var c in text) Write(c, target);
    }

    public void Encode<T>(T? text, TextWriter target) where T : IEnumerator<char>
    {
        if (text is null) return;
        while (text.MoveNext()) Write(text.Current, target);
    }

    /// <summary>The escaped form of <paramref name="text"/>.</summary>
    public static string Escape(string text)
    {
        var w = new StringWriter();
        new MarkdownEncoder().Encode(text, w);
        return w.ToString();
    }

    private static void Write(char c, TextWriter target)
    {
        switch (c)
        {
            case '\r' or '\n': target.Write(' '); break;
            // Other control and invisible characters shown as \x1b (the backslash escaped for Markdown): never raw in a file.
            case var _ when PrintableText.NeedsEscape(c) && !char.IsSurrogate(c):
                target.Write('\\');
                target.Write(PrintableText.Escape(c.ToString()));
                break;
            case '<': target.Write("&lt;"); break;
            case '>': target.Write("&gt;"); break;
            case '&': target.Write("&amp;"); break;
            case '|' or '\\' or '`' or '*' or '_' or '[' or ']' or '#' or '!' or '~':
                target.Write('\\');
                target.Write(c);
                break;
            default: target.Write(c); break;
        }
    }
}

/// <summary>Escapes every value an HTML template prints with <c>{{x}}</c>, in text and in quoted attributes alike.</summary>
public sealed class StrictHtmlEncoder : ITextEncoder
{
    public void Encode(StringBuilder? text, TextWriter target) => Encode(text?.ToString(), target);

    public void Encode(string? text, TextWriter target)
    {
        if (text is null) return;
        foreach (var c in text) Write(c, target);
    }

    public void Encode<T>(T? text, TextWriter target) where T : IEnumerator<char>
    {
        if (text is null) return;
        while (text.MoveNext()) Write(text.Current, target);
    }

    private static void Write(char c, TextWriter target) => target.Write(c switch
    {
        _ when PrintableText.NeedsEscape(c) && !char.IsSurrogate(c) => PrintableText.Escape(c.ToString()),
        '&' => "&amp;",
        '<' => "&lt;",
        '>' => "&gt;",
        '"' => "&quot;",
        '\'' => "&#39;",
        '`' => "&#96;",
        '=' => "&#61;",
        _ => c.ToString(),
    });
}
