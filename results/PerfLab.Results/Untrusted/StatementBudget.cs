using SQLitePCL;

namespace PerfLab.Results.Untrusted;

/// <summary>Bounds the work of each statement on a connection and lets a cancellation (Ctrl-C, SIGTERM) stop a statement
/// that is running inside SQLite: a progress handler counts virtual-machine instructions since the latest statement began
/// (SQLite's trace hook marks each start) and interrupts past the budget or once cancelled.</summary>
/// <remarks>Without it a statement over a hostile file (a recursive view, a planted trigger the schema check somehow missed)
/// could run forever inside one native call, deaf to signals, holding the farm's write lock. The budget is counted in
/// steps of <see cref="StepsPerTick"/> instructions; the interrupted statement fails with SQLITE_INTERRUPT and
/// <see cref="Reason"/> says why.</remarks>
internal sealed class StatementBudget
{
    /// <summary>Instructions between two calls of the progress handler: rare enough to cost nothing measurable.</summary>
    public const int StepsPerTick = 10_000;

    private readonly CancellationToken _cancellation;
    private long _maxTicks;
    private long _ticks;

    /// <param name="maxSteps">Largest number of VM instructions one statement may take.</param>
    public StatementBudget(long maxSteps, CancellationToken cancellation)
    {
        _cancellation = cancellation;
        SetLimit(maxSteps);
    }

    /// <summary>The bound, in VM instructions per statement.</summary>
    public long MaxSteps { get; private set; }

    /// <summary>Changes the bound for the statements that start from now on (the merge sizes it to each source).</summary>
    public void SetLimit(long maxSteps)
    {
        MaxSteps = maxSteps;
        _maxTicks = Math.Max(1, maxSteps / StepsPerTick);
        Reason = null;
    }

    /// <summary>Why the last statement was interrupted, or null.</summary>
    public string? Reason { get; private set; }

    /// <summary>True when the last interruption was a cancellation.</summary>
    public bool Cancelled { get; private set; }

    /// <summary>Hooks the budget into <paramref name="db"/>; it stays until the connection closes.</summary>
    public void Install(sqlite3 db)
    {
        raw.sqlite3_progress_handler(db, StepsPerTick, static state => ((StatementBudget)state).Tick(), this);
        // The utf8z overload: the statement text is never turned into a string.
        raw.sqlite3_trace(db, (delegate_trace)(static (state, _) => ((StatementBudget)state).StatementStarted()), this);
    }

    private void StatementStarted() => _ticks = 0;

    private int Tick()
    {
        if (_cancellation.IsCancellationRequested)
        {
            Cancelled = true;
            Reason = "interrupted (cancelled)";
            return 1;
        }
        if (++_ticks <= _maxTicks) return 0;
        Reason = $"a statement exceeded its budget of {MaxSteps:N0} SQLite instructions (a hostile or damaged file?)";
        return 1;
    }
}
