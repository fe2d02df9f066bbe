using System.Text.Json;

namespace PerfLab.Results.Import;

/// <summary>Reads one run in PerfLab's own JSON shape ("format": "perflab-run/1", see docs/gating.md). Pure: text in,
/// the run or every problem (with its line and JSON path) out; unknown fields are problems, so a typo is never ignored.</summary>
public static class JsonRunReader
{
    /// <summary>The value of the required "format" field.</summary>
    public const string Format = "perflab-run/1";

    /// <summary>Parses a file's bytes: refuses bytes that are not UTF-8 (with the line of the first bad one) instead of reading
    /// them as U+FFFD, then reads the text as <see cref="Read(string, string, ImportOptions, DateTimeOffset?)"/> does.</summary>
    public static ImportResult Read(byte[] bytes, string file, ImportOptions options, DateTimeOffset? now = null)
    {
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            using var lines = new Utf8Lines(new MemoryStream(bytes));
            while (lines.Next(out var line))
            {
                if (line.Problem is { } bad) return new ImportResult([], [new ImportProblem(file, line.Number, bad)]);
            }
        }
        var text = System.Text.Encoding.UTF8.GetString(bytes.AsSpan(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0));
        return Read(text, file, options, now);
    }

    /// <summary>Parses <paramref name="text"/> into one run, or the problems that stop it from being stored.</summary>
    public static ImportResult Read(string text, string file, ImportOptions options, DateTimeOffset? now = null)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            var message = e.Message.Split(" Path:")[0].Split(" LineNumber:")[0];
            return new ImportResult([], [new ImportProblem(file, (int)(e.LineNumber ?? 0) + 1, "not valid JSON: " + message)]);
        }
        using (doc)
        {
            var index = JsonLineIndex.Build(text);
            if (index.FirstDuplicate is { } duplicate)
                return new ImportResult([], [new ImportProblem(file, duplicate.Line, $"{duplicate.Path}: the key appears twice in one object (which one is meant?)")]);
            var fields = new JsonFieldReader(file, index, now ?? DateTimeOffset.UtcNow);
            var run = new JsonRunMapper(fields, file).ReadRun(doc.RootElement, text, options);
            return fields.ProblemCount > 0 || run is null
                ? new ImportResult([], fields.Problems)
                : new ImportResult([run], []);
        }
    }
}
