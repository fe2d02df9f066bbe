namespace PerfLab.Harness.Farm;

/// <summary>An exclusive hold on one device, taken by <see cref="DeviceLocks"/>; disposing it (or the process dying) releases it.</summary>
public sealed class DeviceLease : IDisposable
{
    private readonly FileStream _lock;
    private readonly string _holderFile;
    private bool _disposed;

    internal DeviceLease(string deviceId, string lockFile, FileStream @lock, string holderFile)
    {
        DeviceId = deviceId;
        LockFile = lockFile;
        _lock = @lock;
        _holderFile = holderFile;
    }

    /// <summary>The device held.</summary>
    public string DeviceId { get; }

    /// <summary>The file whose OS lock is the hold.</summary>
    public string LockFile { get; }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        // The holder note goes first: a waiter that takes the lock right after must not read our stale note as its own.
        try { File.Delete(_holderFile); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        _lock.Dispose();
    }
}
