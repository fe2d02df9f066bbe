using System.Runtime.InteropServices;

namespace PerfLab.Cli;

/// <summary>Turns the first SIGINT (Ctrl-C) or SIGTERM into a cancellation the verb unwinds from, so runs in flight are
/// stored as aborted and the database is closed cleanly; a second signal ends the process at once, as a user pressing
/// Ctrl-C twice expects.</summary>
public sealed class InterruptSignal : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private int _signals;

    public InterruptSignal()
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    /// <summary>Cancelled on the first signal.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>"SIGINT" or "SIGTERM" once one arrived, else null.</summary>
    public string? Received { get; private set; }

    private void OnSignal(PosixSignalContext context)
    {
        // Leaving Cancel false on the second signal lets the runtime's default action end the process.
        if (Interlocked.Increment(ref _signals) > 1) return;
        context.Cancel = true;
        Received = context.Signal == PosixSignal.SIGINT ? "SIGINT" : "SIGTERM";
        _cancel.Cancel();
    }

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _cancel.Dispose();
    }
}
