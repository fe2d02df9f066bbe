using System.Runtime.InteropServices;
using SQLitePCL;

namespace PerfLab.Results;

/// <summary>The few SQLite functions the history loop calls millions of times, as unmanaged function pointers into the very
/// library SQLitePCL loaded: the column getters skip the safe-handle marshalling and the GC transition of an ordinary call.</summary>
/// <remarks>Measured on a farm year's 1.9 million history rows: 1.05 s through SQLitePCL's calls, 0.85 s through these
/// (docs/performance.md). <see cref="Shared"/> is null where the library cannot be found the same way SQLitePCL found it or
/// reports another version; callers then use SQLitePCL's calls.</remarks>
internal sealed unsafe class SqliteEntryPoints
{
    private static readonly Lazy<SqliteEntryPoints?> Loaded = new(Load);

    private SqliteEntryPoints(IntPtr library)
    {
        Step = (delegate* unmanaged<IntPtr, int>)NativeLibrary.GetExport(library, "sqlite3_step");
        // SuppressGCTransition suits only short calls that neither block nor call back: a column getter reads the current row.
        ColumnInt64 = (delegate* unmanaged[SuppressGCTransition]<IntPtr, int, long>)NativeLibrary.GetExport(library, "sqlite3_column_int64");
        ColumnDouble = (delegate* unmanaged[SuppressGCTransition]<IntPtr, int, double>)NativeLibrary.GetExport(library, "sqlite3_column_double");
        ColumnBlob = (delegate* unmanaged[SuppressGCTransition]<IntPtr, int, IntPtr>)NativeLibrary.GetExport(library, "sqlite3_column_blob");
        ColumnBytes = (delegate* unmanaged[SuppressGCTransition]<IntPtr, int, int>)NativeLibrary.GetExport(library, "sqlite3_column_bytes");
    }

    /// <summary>The entry points, or null when SQLitePCL's library cannot be bound directly.</summary>
    public static SqliteEntryPoints? Shared => Loaded.Value;

    public delegate* unmanaged<IntPtr, int> Step { get; }

    public delegate* unmanaged[SuppressGCTransition]<IntPtr, int, long> ColumnInt64 { get; }

    public delegate* unmanaged[SuppressGCTransition]<IntPtr, int, double> ColumnDouble { get; }

    public delegate* unmanaged[SuppressGCTransition]<IntPtr, int, IntPtr> ColumnBlob { get; }

    public delegate* unmanaged[SuppressGCTransition]<IntPtr, int, int> ColumnBytes { get; }

    /// <summary>A text or blob column of the current row as a span over SQLite's own buffer (valid until the next step).</summary>
    public ReadOnlySpan<byte> ColumnSpan(IntPtr statement, int column)
    {
        var start = ColumnBlob(statement, column);
        return start == IntPtr.Zero ? [] : new ReadOnlySpan<byte>((void*)start, ColumnBytes(statement, column));
    }

    private static SqliteEntryPoints? Load()
    {
        // Resolved on behalf of SQLitePCL's provider assembly, so the search is the one its own imports made: the same file,
        // hence the same loaded library whose statement handles we are given.
        if (!NativeLibrary.TryLoad("e_sqlite3", typeof(SQLite3Provider_e_sqlite3).Assembly, null, out var library)) return null;
        if (!NativeLibrary.TryGetExport(library, "sqlite3_libversion_number", out var version)) return null;
        if (((delegate* unmanaged<int>)version)() != raw.sqlite3_libversion_number()) return null;
        try
        {
            return new SqliteEntryPoints(library);
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
    }
}
