namespace PerfLab.Reports.Markdown;

/// <summary>Makes stored strings safe inside Markdown tables: no stray pipes, newlines or raw HTML.</summary>
public static class MarkdownText
{
    public static string Cell(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var s = text.Replace("\r", " ").Replace("\n", " ");
        var sb = new System.Text.StringBuilder(s.Length);
        foreach (var ch in s)
        {
            sb.Append(ch switch
            {
                '|' => "\\|",
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                '`' => "\\`",
                '*' => "\\*",
                '_' => "\\_",
                '[' => "\\[",
                ']' => "\\]",
                // Control and invisible characters visibly (\x1b), the backslash escaped for Markdown.
                _ when PerfLab.Harness.Text.PrintableText.NeedsEscape(ch) && !char.IsSurrogate(ch) => "\\" + PerfLab.Harness.Text.PrintableText.Escape(ch.ToString()),
                _ => ch.ToString(),
            });
        }
        return sb.ToString();
    }
}
