using System.Text.Encodings.Web;
using PerfLab.Harness.Text;

namespace PerfLab.Reports.Templates;

/// <summary>Escapes every value a Markdown template prints with <c>{{ x }}</c>: no table-breaking pipes or newlines, no raw
/// HTML (Markdown viewers render inline HTML), no emphasis, link or code syntax from stored strings.</summary>
public sealed class MarkdownEncoder : TextEncoder
{
    /// <summary>The one instance (the encoder holds no state).</summary>
    public static readonly MarkdownEncoder Instance = new();

    /// <summary>The escaped form of <paramref name="text"/>.</summary>
    public static string Escape(string text) => Instance.Encode(text);

    /// <summary>What <paramref name="c"/> prints as, or null when it prints as itself.</summary>
    internal static string? Replacement(char c) => c switch
    {
        '\r' or '\n' => " ",
        // Other control and invisible characters shown as \x1b (the backslash escaped for Markdown): never raw in a file.
        _ when PrintableText.NeedsEscape(c) && !char.IsSurrogate(c) => "\\" + PrintableText.Escape(c.ToString()),
        '<' => "&lt;",
        '>' => "&gt;",
        '&' => "&amp;",
        '|' or '\\' or '`' or '*' or '_' or '[' or ']' or '#' or '!' or '~' => "\\" + c,
        _ => null,
    };

    public override int MaxOutputCharactersPerInputCharacter => ScalarEncoding.MaxOutput;

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength) => ScalarEncoding.FindFirst(text, textLength, Replacement);

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten) =>
        ScalarEncoding.TryEncode(unicodeScalar, buffer, bufferLength, out numberOfCharactersWritten, Replacement);

    public override bool WillEncode(int unicodeScalar) => ScalarEncoding.WillEncode(unicodeScalar, Replacement);
}

/// <summary>Escapes every value an HTML template prints with <c>{{ x }}</c>, in text and in quoted attributes alike
/// (<c>&amp; &lt; &gt; " ' ` =</c> and control characters); other characters, non-ASCII included, print as themselves.</summary>
public sealed class StrictHtmlEncoder : HtmlEncoder
{
    /// <summary>The one instance (the encoder holds no state).</summary>
    public static readonly StrictHtmlEncoder Instance = new();

    /// <summary>What <paramref name="c"/> prints as, or null when it prints as itself.</summary>
    internal static string? Replacement(char c) => c switch
    {
        _ when PrintableText.NeedsEscape(c) && !char.IsSurrogate(c) => PrintableText.Escape(c.ToString()),
        '&' => "&amp;",
        '<' => "&lt;",
        '>' => "&gt;",
        '"' => "&quot;",
        '\'' => "&#39;",
        '`' => "&#96;",
        '=' => "&#61;",
        _ => null,
    };

    public override int MaxOutputCharactersPerInputCharacter => ScalarEncoding.MaxOutput;

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength) => ScalarEncoding.FindFirst(text, textLength, Replacement);

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten) =>
        ScalarEncoding.TryEncode(unicodeScalar, buffer, bufferLength, out numberOfCharactersWritten, Replacement);

    public override bool WillEncode(int unicodeScalar) => ScalarEncoding.WillEncode(unicodeScalar, Replacement);
}

/// <summary>The <see cref="TextEncoder"/> primitives for an encoder defined by a per-character replacement: only characters of
/// the Basic Multilingual Plane are replaced; a well-formed surrogate pair (emoji, rare scripts) prints as itself.</summary>
internal static class ScalarEncoding
{
    /// <summary>The longest replacement: <c>\\u202e</c> (Markdown's backslash before the escape).</summary>
    public const int MaxOutput = 7;

    public static unsafe int FindFirst(char* text, int length, Func<char, string?> replacement)
    {
        for (var i = 0; i < length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            // A lone surrogate is left to the base encoder, which replaces it (U+FFFD), as writing it as UTF-8 would.
            if (char.IsSurrogate(c) || replacement(c) is not null) return i;
        }
        return -1;
    }

    public static bool WillEncode(int scalar, Func<char, string?> replacement) =>
        scalar <= char.MaxValue && !char.IsSurrogate((char)scalar) && replacement((char)scalar) is not null;

    public static unsafe bool TryEncode(int scalar, char* buffer, int length, out int written, Func<char, string?> replacement)
    {
        var text = scalar <= char.MaxValue && !char.IsSurrogate((char)scalar) ? replacement((char)scalar) ?? ((char)scalar).ToString()
            : char.ConvertFromUtf32(scalar);
        if (text.Length > length)
        {
            written = 0;
            return false;
        }
        for (var i = 0; i < text.Length; i++) buffer[i] = text[i];
        written = text.Length;
        return true;
    }
}
