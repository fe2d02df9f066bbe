namespace PerfLab.Results.Untrusted;

/// <summary>A private copy of a source database (with its leftover <c>-wal</c> or <c>-journal</c>, if any) in a folder only
/// this user can open, so checking and merging it never writes, locks or checkpoints the source, and what is checked is
/// exactly what is merged.</summary>
/// <remarks>SQLite replays a leftover write-ahead log when the copy is first read: its committed transactions are merged,
/// into the copy, not into the source (the agent may have been killed before closing; docs/farm.md).</remarks>
internal sealed class SourceSnapshot : IDisposable
{
    private readonly DirectoryInfo _folder;

    private SourceSnapshot(DirectoryInfo folder, string path, long bytes, bool hadLog)
    {
        _folder = folder;
        Path = path;
        Bytes = bytes;
        HadLog = hadLog;
    }

    /// <summary>The copy of the database file.</summary>
    public string Path { get; }

    /// <summary>Bytes copied (database and log).</summary>
    public long Bytes { get; }

    /// <summary>True when the source had a <c>-wal</c> or <c>-journal</c> beside it, copied too.</summary>
    public bool HadLog { get; }

    /// <summary>Copies <paramref name="source"/> (and its log files) into a new private temporary folder.</summary>
    /// <exception cref="IOException">The source could not be read or the copy written.</exception>
    public static SourceSnapshot Take(string source)
    {
        // CreateTempSubdirectory makes the folder with mode 0700 on Unix: no other account can swap the copy between check and merge.
        var folder = Directory.CreateTempSubdirectory("perflab-merge-");
        try
        {
            var copy = System.IO.Path.Combine(folder.FullName, "source.db");
            File.Copy(source, copy);
            long bytes = new FileInfo(copy).Length;
            var hadLog = false;
            foreach (var suffix in new[] { "-wal", "-journal" })
            {
                if (!File.Exists(source + suffix)) continue;
                File.Copy(source + suffix, copy + suffix);
                bytes += new FileInfo(copy + suffix).Length;
                hadLog = true;
            }
            if (hadLog) ReplayLog(copy);
            return new SourceSnapshot(folder, copy, bytes, hadLog);
        }
        catch
        {
            Delete(folder);
            throw;
        }
    }

    public void Dispose() => Delete(_folder);

    /// <summary>Replays the copied log into the copy and leaves it a plain rollback-journal file without side files, so it can
    /// be read immutably like a source without a log. Runs no schema code: a checkpoint or rollback only copies pages (and the
    /// connection has SQLite's defences); what they produce is checked like any source afterwards.</summary>
    private static void ReplayLog(string copy)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder
        {
            DataSource = copy, Mode = Microsoft.Data.Sqlite.SqliteOpenMode.ReadWrite, Pooling = false,
        }.ToString());
        connection.Open();
        SqliteDefences.ApplyToWriter(connection);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode = DELETE";
        cmd.ExecuteNonQuery();
    }

    private static void Delete(DirectoryInfo folder)
    {
        try
        {
            folder.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
