using Microsoft.Data.Sqlite;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Storage;
using PerfLab.Results.Schema;
using PerfLab.Results.Untrusted;

namespace PerfLab.Results;

/// <summary>The SQLite results store: schema migration on open, crash recovery, atomic case writes and bulk ingest; or, opened
/// with <see cref="OpenReadOnly"/>, a reader of a file PerfLab does not own.</summary>
/// <remarks>One connection per store; the write methods are serialised by a lock, so one store may be shared by threads.
/// Every connection runs with SQLite's defences for untrusted files and only after the file's schema is found to be exactly
/// PerfLab's (<see cref="ExpectedSchema"/>): no trigger or view of a planted file can run.</remarks>
public sealed class SqliteResultStore : IResultStore
{
    private readonly SqliteConnection _connection;
    private readonly ResultRowWriter? _writer;
    private readonly PreparedCommand? _runState;
    private readonly Lock _gate = new();

    private SqliteResultStore(string path, SqliteConnection connection, AgentProcess agent, IReadOnlyList<int> applied, StoredRowProblems problems, bool readOnly)
    {
        Path = path;
        _connection = connection;
        Agent = agent;
        AppliedMigrations = applied;
        Problems = problems;
        ReadOnly = readOnly;
        Queries = new ResultQueries(connection, problems);
        if (readOnly)
        {
            RecoveredRunIds = [];
            return;
        }
        _writer = new ResultRowWriter(connection);
        _runState = new PreparedCommand(connection, "SELECT host, status FROM runs WHERE id = $id", ["$id"]);
        RecoveredRunIds = RecoverAbandonedRuns();
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>The process recorded as owner of the runs this store begins.</summary>
    public AgentProcess Agent { get; }

    /// <summary>Schema versions migrated to while opening (empty when the file was already current).</summary>
    public IReadOnlyList<int> AppliedMigrations { get; }

    /// <summary>Runs that <see cref="Open(string)"/> found abandoned and marked aborted.</summary>
    public IReadOnlyList<string> RecoveredRunIds { get; }

    /// <summary>The read side (runs, cases, history series) over this store's connection.</summary>
    public ResultQueries Queries { get; }

    /// <summary>True when opened with <see cref="OpenReadOnly"/>: nothing is written, not even crash recovery.</summary>
    public bool ReadOnly { get; }

    /// <summary>Stored rows the readers of this store (and its <see cref="ResultReader"/>s) could not use and left out.</summary>
    public StoredRowProblems Problems { get; }

    /// <summary>Opens a results database that this process may not write and does not trust (the <c>--db</c> of a read verb):
    /// read-only, with SQLite's defences for untrusted files, after checking that it is a PerfLab database of a known schema
    /// version whose tables and indexes are exactly PerfLab's. Nothing is migrated or recovered.</summary>
    /// <param name="onProblem">Told about each stored row a query leaves out because it does not decode.</param>
    /// <param name="cancellation">Interrupts a statement in progress when cancelled.</param>
    /// <exception cref="ResultStoreException">The file is missing, empty, not a PerfLab database, newer than this build, or
    /// its schema has objects PerfLab's has not (a view, a trigger, an altered table); the message says which.</exception>
    public static SqliteResultStore OpenReadOnly(string path, Action<StoredRowProblem>? onProblem = null, CancellationToken cancellation = default)
    {
        var (connection, full) = StoreConnection.OpenUntrusted(path, cancellation);
        return new SqliteResultStore(full, connection, AgentProcess.Current(), [], new StoredRowProblems(full, onProblem), readOnly: true);
    }

    /// <summary>Where this database was made: the host that created (or first upgraded) it for itself; null when it records none.</summary>
    public DatabaseOrigin? Origin
    {
        get
        {
            lock (_gate) return DatabaseOrigin.Read(_connection, "main");
        }
    }

    /// <summary>Opens (creating and migrating when needed) the store at <paramref name="path"/> as this process, and recovers abandoned runs.</summary>
    /// <exception cref="ResultStoreException">The file has a newer schema than this build, or is not a PerfLab database.</exception>
    public static SqliteResultStore Open(string path) => Open(path, AgentProcess.Current());

    /// <summary>Opens the store on behalf of <paramref name="agent"/>: its pid and start token are written into runs it begins,
    /// and recovery looks at runs whose agent host is <see cref="AgentProcess.HostName"/>.</summary>
    public static SqliteResultStore Open(string path, AgentProcess agent)
    {
        var (connection, full, applied) = StoreConnection.OpenOwned(path, agent);
        return new SqliteResultStore(full, connection, agent, applied, new StoredRowProblems(full), readOnly: false);
    }

    /// <inheritdoc />
    public void BeginRun(RunInfo run)
    {
        var writer = Writer();
        lock (_gate)
        {
            InTransaction($"beginning run '{run.Id}'", tx => writer.WriteRun(tx, run, RunStatus.Running, null, Agent));
        }
    }

    /// <inheritdoc />
    public void RecordCase(string runId, CaseResult result) => RecordCaseReturningId(runId, result);

    /// <summary><see cref="RecordCase"/>, returning the stored case's id.</summary>
    public long RecordCaseReturningId(string runId, CaseResult result)
    {
        var writer = Writer();
        lock (_gate)
        {
            return InTransaction($"recording case '{result.Name}' of run '{runId}'", tx =>
            {
                var host = RunningRunHost(tx, runId);
                return writer.WriteCase(tx, runId, host, result);
            });
        }
    }

    /// <inheritdoc />
    public void EndRun(string runId, RunStatus status, DateTimeOffset endedAt)
    {
        if (status == RunStatus.Running) throw new ArgumentException("a run cannot end with status running", nameof(status));
        Writer();
        lock (_gate)
        {
            InTransaction($"ending run '{runId}'", tx =>
            {
                RunningRunHost(tx, runId);
                using var cmd = Command(tx, "UPDATE runs SET status = $s, ended_at = $e WHERE id = $id");
                cmd.Parameters.AddWithValue("$s", (long)status);
                cmd.Parameters.AddWithValue("$e", StoredText.Time(endedAt));
                cmd.Parameters.AddWithValue("$id", runId);
                cmd.ExecuteNonQuery();
            });
        }
    }

    /// <summary>Stores a whole finished run (e.g. from an imported history) and its cases in one transaction.</summary>
    /// <remarks>No agent is recorded: an ingested run was never running here. Uses the same row writer as <see cref="RecordCase"/>.</remarks>
    /// <returns>The number of cases stored.</returns>
    /// <exception cref="ResultStoreException">The run id exists already, or a row was refused; nothing of the run is kept.</exception>
    public int IngestRun(RunInfo run, RunStatus status, DateTimeOffset endedAt, IEnumerable<CaseResult> cases)
    {
        if (status == RunStatus.Running) throw new ArgumentException("an ingested run must have ended", nameof(status));
        var writer = Writer();
        lock (_gate)
        {
            return InTransaction($"ingesting run '{run.Id}'", tx =>
            {
                if (RunExists(tx, run.Id)) throw new ResultStoreException($"run '{run.Id}' is already in {Path}");
                writer.WriteRun(tx, run, status, endedAt, null);
                var n = 0;
                foreach (var c in cases) { writer.WriteCase(tx, run.Id, run.Host.Name, c); n++; }
                return n;
            });
        }
    }

    /// <summary>Stores several finished runs (e.g. every run of one imported file) in ONE transaction: all of them or none.</summary>
    /// <returns>The number of cases stored.</returns>
    /// <exception cref="ResultStoreException">A run id exists already, or a row was refused; nothing of any run is kept.</exception>
    public int IngestRuns(IEnumerable<(RunInfo Run, RunStatus Status, DateTimeOffset EndedAt, IEnumerable<CaseResult> Cases)> runs)
    {
        var list = runs.ToList();
        if (list.Any(r => r.Status == RunStatus.Running)) throw new ArgumentException("an ingested run must have ended", nameof(runs));
        var writer = Writer();
        lock (_gate)
        {
            return InTransaction($"ingesting {list.Count} run(s)", tx =>
            {
                var n = 0;
                foreach (var (run, status, endedAt, cases) in list)
                {
                    if (RunExists(tx, run.Id)) throw new ResultStoreException($"run '{run.Id}' is already in {Path}");
                    writer.WriteRun(tx, run, status, endedAt, null);
                    foreach (var c in cases) { writer.WriteCase(tx, run.Id, run.Host.Name, c); n++; }
                }
                return n;
            });
        }
    }

    /// <summary>True when a run with this id is stored.</summary>
    public bool RunExists(string runId)
    {
        lock (_gate)
        {
            using var tx = _connection.BeginTransaction(deferred: true);
            return RunExists(tx, runId);
        }
    }

    /// <summary>Marks aborted every run of this agent's host still running whose agent process is gone
    /// (no such pid, or the pid now belongs to a process with another start time). Runs of other hosts are left alone,
    /// as are runs whose live agent cannot be told apart (no start token recorded).</summary>
    /// <returns>The ids of the runs marked aborted; ended_at is set to their last case's end, or their start when they have none.</returns>
    public IReadOnlyList<string> RecoverAbandonedRuns()
    {
        Writer();
        lock (_gate)
        {
            return InTransaction("recovering abandoned runs", tx => AbandonedRunRecovery.MarkAborted(tx, Agent.HostName));
        }
    }

    private ResultRowWriter Writer() =>
        _writer ?? throw new InvalidOperationException($"{Path} was opened read-only; nothing may be written to it");

    private string RunningRunHost(SqliteTransaction tx, string runId)
    {
        var state = _runState!;
        state.Begin(tx);
        state.Parameters[0].Value = runId;
        using var r = state.Command.ExecuteReader();
        if (!r.Read()) throw new ResultStoreException($"run '{runId}' is not in {Path}; call BeginRun first");
        var status = (RunStatus)r.GetInt64(1);
        if (status != RunStatus.Running) throw new ResultStoreException($"run '{runId}' has ended ({status}); it takes no more cases");
        return r.GetString(0);
    }

    private bool RunExists(SqliteTransaction tx, string runId)
    {
        using var cmd = Command(tx, "SELECT 1 FROM runs WHERE id = $id");
        cmd.Parameters.AddWithValue("$id", runId);
        return cmd.ExecuteScalar() is not null;
    }

    private T InTransaction<T>(string what, Func<SqliteTransaction, T> work)
    {
        using var tx = _connection.BeginTransaction(deferred: ReadOnly);
        try
        {
            var result = work(tx);
            tx.Commit();
            return result;
        }
        catch (SqliteException e)
        {
            tx.Rollback();
            var disk = StorageProblem.Explain(e, Path);
            throw new ResultStoreException($"{Path}: {what} failed, nothing of it was stored: {(disk is null ? "" : disk + ": ")}{e.Message}", e)
                { IsStorageFault = disk is not null };
        }
        catch
        {
            tx.Rollback();
            throw;
        }
    }

    private void InTransaction(string what, Action<SqliteTransaction> work) =>
        InTransaction<bool>(what, tx => { work(tx); return true; });

    private SqliteCommand Command(SqliteTransaction tx, string sql)
    {
        var cmd = _connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _runState?.Dispose();
            _writer?.Dispose();
            _connection.Dispose();
        }
    }
}
