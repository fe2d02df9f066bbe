using PerfLab.Harness.Domain;
using YamlDotNet.Core;

namespace PerfLab.Harness.Suites;

/// <summary>Where a YAML syntax error really is, and how to say it. YamlDotNet marks an error at the start of the
/// construct it was scanning: right for an unclosed quote (where it opens), useless for a tab that indents line 38 of
/// a mapping (reported at 1:1), so a tab used as indentation is found in the text itself, and where the scanner gave
/// up further on, the message says where.</summary>
public static class YamlSyntaxError
{
    /// <summary>The position and message for <paramref name="error"/> raised while reading <paramref name="text"/>.</summary>
    public static (SourcePosition Position, string Message) Describe(string text, YamlException error)
    {
        var start = new SourcePosition((int)error.Start.Line, (int)error.Start.Column);
        var end = new SourcePosition((int)error.End.Line, (int)error.End.Column);
        var message = error.Message.TrimEnd('.');
        if (message.Contains("tab", StringComparison.OrdinalIgnoreCase) && FirstTabIndent(text, start.Line) is { } tab)
        {
            return (tab, "invalid YAML: a tab indents this line; YAML indents with spaces only");
        }
        if (IsAfter(end, start))
        {
            return (start, $"invalid YAML: {message} (found at line {end.Line}, column {end.Column})");
        }
        return (start, "invalid YAML: " + message);
    }

    /// <summary>The first tab in the indentation of a line at or after <paramref name="fromLine"/> (comments and blank
    /// lines aside, where a tab is harmless), or null when there is none.</summary>
    public static SourcePosition? FirstTabIndent(string text, int fromLine)
    {
        var lines = text.Split('\n');
        for (var i = Math.Max(fromLine, 1) - 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var indent = line.Length - line.TrimStart(' ', '\t').Length;
            var rest = line[indent..];
            if (rest.Length == 0 || rest.StartsWith('#')) continue;
            var tab = line.IndexOf('\t', 0, indent);
            if (tab >= 0) return new SourcePosition(i + 1, tab + 1);
        }
        return null;
    }

    private static bool IsAfter(SourcePosition a, SourcePosition b) => a.Line > b.Line || (a.Line == b.Line && a.Column > b.Column);
}
