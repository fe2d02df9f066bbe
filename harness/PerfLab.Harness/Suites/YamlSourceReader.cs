using PerfLab.Harness.Domain;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PerfLab.Harness.Suites;

/// <summary>Composes a <see cref="SourceNode"/> tree from YamlDotNet's parser events, reporting syntax errors and
/// duplicate keys with their positions.</summary>
internal sealed class YamlSourceReader
{
    private readonly Parser _parser;
    private readonly string _text;
    private readonly SuiteDiagnostics _diagnostics;
    private readonly Dictionary<string, SourceNode> _anchors = new(StringComparer.Ordinal);
    private Mark _lastEnd = Mark.Empty;

    private YamlSourceReader(string text, SuiteDiagnostics diagnostics)
    {
        _parser = new Parser(new StringReader(text));
        _text = text;
        _diagnostics = diagnostics;
    }

    /// <summary>The file's single document, or null when it cannot be read (the reason is in <paramref name="diagnostics"/>).</summary>
    public static SourceNode? Read(string text, SuiteDiagnostics diagnostics) =>
        new YamlSourceReader(text, diagnostics).ReadStream();

    private static SourcePosition At(Mark mark) => new((int)mark.Line, (int)mark.Column);

    private SourceNode? ReadStream()
    {
        try
        {
            Next(); // StreamStart
            var first = Next();
            if (first is StreamEnd)
            {
                _diagnostics.Add(new SourcePosition(1, 1), "the file holds no YAML document");
                return null;
            }
            var root = ReadNode(Next());
            Next(); // DocumentEnd
            if (Next() is DocumentStart second)
            {
                _diagnostics.Add(At(second.Start), "a suite file holds one YAML document; a second one starts here");
            }
            return root;
        }
        catch (YamlException ex)
        {
            var (position, message) = YamlSyntaxError.Describe(_text, ex);
            _diagnostics.Add(position, message);
            return null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // YamlDotNet's scanner throws InvalidOperationException on some malformed input (e.g. an unclosed flow
            // sequence followed by more keys); the last event it read is the best position there is.
            _diagnostics.Add(At(_lastEnd), "invalid YAML: cannot read past this point (an unclosed '[', '{' or quote?)");
            return null;
        }
    }

    private ParsingEvent Next()
    {
        if (!_parser.MoveNext()) throw new YamlException(_lastEnd, _lastEnd, "unexpected end of the file");
        var e = _parser.Current!;
        _lastEnd = e.End;
        return e;
    }

    private SourceNode ReadNode(ParsingEvent e)
    {
        SourceNode node;
        switch (e)
        {
            case AnchorAlias alias:
                if (_anchors.TryGetValue(alias.Value.Value, out var target)) return target;
                _diagnostics.Add(At(alias.Start), $"alias '*{alias.Value.Value}' names no anchor defined before it");
                return new SourceScalar("", ScalarStyle.Plain, At(alias.Start));
            case Scalar s:
                node = new SourceScalar(s.Value, s.Style, At(s.Start));
                break;
            case SequenceStart seq:
                node = ReadSequence(seq);
                break;
            case MappingStart map:
                node = ReadMapping(map);
                break;
            default:
                throw new YamlException(e.Start, e.End, $"unexpected {e.GetType().Name}");
        }
        if (e is NodeEvent { Anchor.IsEmpty: false } anchored) _anchors[anchored.Anchor.Value] = node;
        return node;
    }

    private SourceList ReadSequence(SequenceStart start)
    {
        var items = new List<SourceNode>();
        for (var e = Next(); e is not SequenceEnd; e = Next()) items.Add(ReadNode(e));
        return new SourceList(items, At(start.Start));
    }

    private SourceMap ReadMapping(MappingStart start)
    {
        var entries = new List<SourceEntry>();
        for (var e = Next(); e is not MappingEnd; e = Next())
        {
            var keyNode = ReadNode(e);
            var value = ReadNode(Next());
            if (keyNode is not SourceScalar key)
            {
                _diagnostics.Add(keyNode.Position, $"a key must be a scalar, not {keyNode.KindText}");
                continue;
            }
            var first = entries.FirstOrDefault(x => x.Key == key.Value);
            if (first is not null)
            {
                _diagnostics.Add(key.Position, $"duplicate key '{key.Value}' (first at {first.KeyPosition})");
                continue;
            }
            entries.Add(new SourceEntry(key.Value, key.Position, value));
        }
        return new SourceMap(entries, At(start.Start));
    }
}
