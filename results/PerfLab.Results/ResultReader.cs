using Microsoft.Data.Sqlite;

namespace PerfLab.Results;

/// <summary>A second, read-only connection to a results database that a <see cref="SqliteResultStore"/> has already opened
/// (and so migrated), for reading in parallel with the store's own queries.</summary>
/// <remarks>SQLite in WAL mode lets readers on separate connections run side by side; one connection serialises them.</remarks>
public sealed class ResultReader : IDisposable
{
    private readonly SqliteConnection _connection;

    private ResultReader(SqliteConnection connection, StoredRowProblems problems)
    {
        _connection = connection;
        Queries = new ResultQueries(connection, problems);
    }

    /// <summary>The read side over this connection.</summary>
    public ResultQueries Queries { get; }

    /// <summary>Opens a read-only connection (with SQLite's defences for untrusted files) to <paramref name="store"/>'s database
    /// file, whose schema the store checked; rows it leaves out are reported to the store's <see cref="SqliteResultStore.Problems"/>.</summary>
    public static ResultReader Open(SqliteResultStore store)
    {
        try
        {
            return new ResultReader(StoreConnection.Connect(store.Path, SqliteOpenMode.ReadOnly), store.Problems);
        }
        catch (SqliteException e)
        {
            throw new ResultStoreException($"{store.Path}: cannot open results database for reading: {e.Message}", e);
        }
    }

    public void Dispose() => _connection.Dispose();
}
