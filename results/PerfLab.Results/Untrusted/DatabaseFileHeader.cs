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
        try
        {
            if (!File.Exists(path)) return "no such database file";
            // One open and one read: the merge looks at every source's header.
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var length = RandomAccess.GetLength(handle);
            if (length == 0) return "the file is empty (0 bytes): not a PerfLab results database";
            if (length < 100) return $"the file is {length} bytes long: not an SQLite database";
            Span<byte> head = stackalloc byte[16];
            if (RandomAccess.Read(handle, head, 0) < head.Length || !head.SequenceEqual(Magic))
                return $"not an SQLite database (it starts with '{Harness.Text.PrintableText.Escape(Encoding.Latin1.GetString(head))}')";
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot be read: {e.Message}";
        }
    }
}
