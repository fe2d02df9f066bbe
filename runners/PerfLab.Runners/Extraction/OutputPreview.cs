using System.Text;

namespace PerfLab.Runners.Extraction;

/// <summary>Short, one-line excerpts of a tool's output for failure messages.</summary>
public static class OutputPreview
{
    /// <summary>The first <paramref name="maxChars"/> characters, line breaks shown as <c>\n</c>.</summary>
    public static string Head(string text, int maxChars = 200)
    {
        if (text.Length == 0) return "(empty)";
        var head = text.Length > maxChars ? text[..maxChars] : text;
        return "\"" + OneLine(head) + (text.Length > maxChars ? "…" : "") + "\"";
    }

    /// <summary>The last non-blank lines (at most <paramref name="lines"/> and <paramref name="maxChars"/>), joined with <c> | </c>.</summary>
    public static string Tail(string text, int lines = 5, int maxChars = 600)
    {
        var kept = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).TakeLast(lines).ToList();
        if (kept.Count == 0) return "(empty)";
        var joined = string.Join(" | ", kept);
        return joined.Length > maxChars ? "…" + joined[^maxChars..] : joined;
    }

    private static string OneLine(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '"' => "\\\"",
                _ when char.IsControl(c) => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }
}
