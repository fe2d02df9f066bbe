using System.Globalization;
using System.Text;

namespace PerfLab.Harness.Text;

/// <summary>Makes a stored or imported string safe to print in a terminal, a CI log, Markdown, JUnit or a job summary: every
/// control or invisible formatting character is shown as an escape (<c>\x1b</c>, <c>\u202e</c>), so the text stays on one
/// line, moves no cursor and hides nothing; and it cannot start a CI workflow command.</summary>
/// <remarks>
/// Stored strings come from agents and imported files, which the farm does not trust (docs/farm.md, "Trust model"). A
/// newline in a run id would print as two lines; ESC sequences repaint a terminal; a line that begins with <c>::</c> (after
/// blanks) is a GitHub Actions workflow command (<c>::warning</c>, <c>::add-mask</c>, <c>::stop-commands</c>) and
/// <c>##[</c> is the runner's older form of one. Escaping the line breaks means no stored text can begin a line of its own;
/// escaping a leading <c>::</c> and every <c>##[</c> covers stored text that a listing prints first on its line.
/// Backslashes are left alone: the escapes are for people reading, not a reversible encoding.
/// </remarks>
public static class PrintableText
{
    /// <summary>The text with control and invisible formatting characters escaped and no workflow-command start; null prints as empty.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (IsPlain(text)) return text;
        var sb = new StringBuilder(text.Length + 16);
        var atStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
                atStart = false;
                continue;
            }
            if (NeedsEscape(c))
            {
                Append(sb, c);
                atStart = false;
                continue;
            }
            if (atStart && c == ':' && i + 1 < text.Length && text[i + 1] == ':')
            {
                Append(sb, c);
                atStart = false;
                continue;
            }
            if (c == '#' && i + 2 < text.Length && text[i + 1] == '#' && text[i + 2] == '[')
            {
                Append(sb, c);
                atStart = false;
                continue;
            }
            if (c is not (' ' or '\t')) atStart = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>True when <paramref name="c"/> is a character <see cref="Escape"/> never prints as itself.</summary>
    public static bool NeedsEscape(char c) =>
        c < 0x20 || c is >= '\u007f' and <= '\u009f'
        || c is '\u061c' or '\u200b' or '\u200c' or '\u200d' or '\u200e' or '\u200f' or '\u2028' or '\u2029' or '\u2060' or '\ufeff'
        || c is >= '\u202a' and <= '\u202e'
        || c is >= '\u2066' and <= '\u2069'
        || char.IsSurrogate(c);

    private static bool IsPlain(string text)
    {
        foreach (var c in text)
        {
            if (NeedsEscape(c) || c is ':' or '#') return false;
        }
        return true;
    }

    private static void Append(StringBuilder sb, char c)
    {
        if (c <= 0xff) sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
        else sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
    }
}
