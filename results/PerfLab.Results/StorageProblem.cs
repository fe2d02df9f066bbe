using Microsoft.Data.Sqlite;

namespace PerfLab.Results;

/// <summary>Says what a database error means for the disk under it (full, read-only), so a farm host's operator is told
/// about the disk rather than handed SQLite's error code.</summary>
public static class StorageProblem
{
    private const int SqliteReadOnly = 8;
    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;

    /// <summary>Why <paramref name="folder"/> cannot take writes (read-only file system, no permission), or null when it can.
    /// It writes and deletes one empty probe file: the only portable way to ask.</summary>
    public static string? NotWritable(string folder)
    {
        if (!Directory.Exists(folder)) return null;
        var probe = Path.Combine(folder, $".perflab-write-probe-{Environment.ProcessId}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
            return null;
        }
        catch (IOException e) when (e is not FileNotFoundException)
        {
            return $"the folder {folder} is not writable ({e.Message.Split(" : ")[0].TrimEnd('.')})";
        }
        catch (UnauthorizedAccessException)
        {
            return $"the folder {folder} is not writable (permission denied)";
        }
    }

    /// <summary>The disk's side of <paramref name="e"/> for the database at <paramref name="databasePath"/>, or null when
    /// the error is not about the disk.</summary>
    public static string? Explain(SqliteException e, string databasePath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(databasePath)) ?? ".";
        switch (e.SqliteErrorCode)
        {
            case SqliteFull:
            case SqliteIoError when Free(folder) is 0:
                return $"the disk holding {folder} is full ({Describe(folder)})";
            case SqliteReadOnly or SqliteCantOpen or SqliteIoError:
                return NotWritable(folder);
            default:
                return null;
        }
    }

    private static long? Free(string folder)
    {
        try { return new DriveInfo(folder).AvailableFreeSpace; }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException) { return null; }
    }

    private static string Describe(string folder)
    {
        try
        {
            var drive = new DriveInfo(folder);
            return $"{drive.AvailableFreeSpace:N0} of {drive.TotalSize:N0} bytes free on {drive.Name}";
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return "free space unknown";
        }
    }
}
