using System.Text;

namespace PerfLab.Results.Untrusted;

/// <summary>Looks at a file's first bytes before SQLite is let near it: a missing, empty or non-SQLite file is refused with a
/// plain reason instead of being created, "migrated from schema 0" or parsed.</summary>
internal static class DatabaseFileHeader
{
    private static readonly byte[] Magic = "SQLite format 3\0"u8.ToArray();

    /// <summary>Null when <paramref name="path"/> starts like an SQLite database; else why it is not one.</summary>
    public static string? Problem(string path)
    {
        FileInfo info;
        try
        {
            info = new FileInfo(path);
            if (!info.Exists) return "no such database file";
            if (info.Length == 0) return "the file is empty (0 bytes): not a PerfLab results database";
            if (info.Length < 100) return $"the file is {info.Length} bytes long: not an SQLite database";
            var head = new byte[Magic.Length];
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.ReadExactly(head);
            if (!head.AsSpan().SequenceEqual(Magic))
                return $"not an SQLite database (it starts with '{Harness.Text.PrintableText.Escape(Encoding.Latin1.GetString(head))}')";
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot be read: {e.Message}";
        }
    }
}
