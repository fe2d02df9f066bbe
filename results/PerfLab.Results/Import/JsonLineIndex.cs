using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PerfLab.Results.Import;

/// <summary>The 1-based line of every value in a JSON text by its path ($.cases[0].samples.fps[2]), so problems found after
/// parsing can still name their line.</summary>
public sealed class JsonLineIndex
{
    private readonly Dictionary<string, int> _lines;

    private JsonLineIndex(Dictionary<string, int> lines, (string Path, int Line)? duplicate)
    {
        _lines = lines;
        FirstDuplicate = duplicate;
    }

    /// <summary>The first key that appears twice in one object (its path and line), or null. JSON parsers keep one of the two
    /// silently; an imported file with one is refused instead.</summary>
    public (string Path, int Line)? FirstDuplicate { get; }

    /// <summary>The line of <paramref name="path"/>, or of its nearest ancestor that has one, else 1.</summary>
    public int LineOf(string path)
    {
        while (true)
        {
            if (_lines.TryGetValue(path, out var line)) return line;
            var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            if (cut <= 0) return 1;
            path = path[..cut];
        }
    }

    /// <summary>Indexes a JSON text that is known to parse (call after <see cref="JsonDocument.Parse(string, JsonDocumentOptions)"/> succeeded).</summary>
    public static JsonLineIndex Build(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var newlines = new List<long>();
        for (var i = 0; i < bytes.Length; i++) if (bytes[i] == (byte)'\n') newlines.Add(i);
        int Line(long offset)
        {
            var at = newlines.BinarySearch(offset);
            return (at < 0 ? ~at : at) + 1;
        }

        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        (string Path, int Line)? duplicate = null;
        var stack = new Stack<Frame>();
        string? pendingName = null;
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });

        string CurrentPath()
        {
            if (stack.Count == 0) return "$";
            var top = stack.Peek();
            return top.IsArray ? top.Path + "[" + top.Index.ToString(CultureInfo.InvariantCulture) + "]" : top.Path + "." + pendingName;
        }

        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    pendingName = reader.GetString();
                    lines.TryAdd(stack.Peek().Path + "." + pendingName, Line(reader.TokenStartIndex));
                    if (!stack.Peek().Keys.Add(pendingName!)) duplicate ??= (stack.Peek().Path + "." + pendingName, Line(reader.TokenStartIndex));
                    continue;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    stack.Pop();
                    Advance(stack);
                    continue;
            }
            var path = CurrentPath();
            lines[path] = Line(reader.TokenStartIndex);
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                stack.Push(new Frame(path, reader.TokenType == JsonTokenType.StartArray));
            else Advance(stack);
        }
        return new JsonLineIndex(lines, duplicate);
    }

    private static void Advance(Stack<Frame> stack)
    {
        if (stack.Count > 0 && stack.Peek().IsArray) stack.Peek().Index++;
    }

    private sealed class Frame(string path, bool isArray)
    {
        public string Path { get; } = path;

        public bool IsArray { get; } = isArray;

        public int Index { get; set; }

        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);
    }
}
