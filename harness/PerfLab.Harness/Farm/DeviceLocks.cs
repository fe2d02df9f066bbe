using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace PerfLab.Harness.Farm;

/// <summary>One exclusive OS file lock per device id in a lock folder, so two agents on a host never measure on one device at once.</summary>
/// <remarks>
/// A lock is a file opened with <see cref="FileShare.None"/>, which .NET on Linux and macOS takes as
/// <c>flock(LOCK_EX | LOCK_NB)</c>: the kernel drops it when the process exits, however it exits (kill -9 included),
/// so a dead agent never leaves a device locked. The lock folder must be on a local file system shared by every
/// agent of the host (not per-user TMPDIR, not systemd PrivateTmp, not NFS). A note beside each lock names the holder
/// for messages; it is advice, the OS lock is the truth.
/// </remarks>
public sealed class DeviceLocks(string directory)
{
    /// <summary>Where agents lock devices unless told otherwise: $PERFLAB_LOCK_DIR, else /run/lock/perflab when /run/lock is writable, else $TMPDIR/perflab-locks.</summary>
    public static string DefaultDirectory()
    {
        if (Environment.GetEnvironmentVariable("PERFLAB_LOCK_DIR") is { Length: > 0 } configured) return configured;
        const string runLock = "/run/lock";
        if (System.IO.Directory.Exists(runLock) && IsWritable(runLock)) return Path.Combine(runLock, "perflab");
        return Path.Combine(Path.GetTempPath(), "perflab-locks");
    }

    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>The lock file of a device: a readable form of the id plus a hash, so ids differing only in odd characters never share a file.</summary>
    public string LockFileFor(string deviceId)
    {
        var readable = new StringBuilder();
        foreach (var c in deviceId) readable.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '_');
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(deviceId)))[..10];
        var name = readable.Length > 80 ? readable.ToString(0, 80) : readable.ToString();
        return Path.Combine(Directory, $"{name}-{hash}.lock");
    }

    /// <summary>Takes the device's lock now, or returns null when another process (or another lease of this one) holds it.</summary>
    public DeviceLease? TryAcquire(string deviceId, string purpose)
    {
        EnsureDirectory();
        var file = LockFileFor(deviceId);
        FileStream stream;
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
            // Agents of several users (CI runner accounts) share one lock folder.
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite
                                         | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
            }
            stream = new FileStream(file, options);
        }
        catch (IOException)
        {
            return null;
        }
        var holderFile = file + ".holder";
        var holder = new LockHolder(Environment.ProcessId, Environment.MachineName, DateTimeOffset.UtcNow, purpose);
        try { File.WriteAllText(holderFile, holder.ToText()); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return new DeviceLease(deviceId, file, stream, holderFile);
    }

    /// <summary>Waits up to <paramref name="maxWait"/> for the device's lock, polling; null when the wait ran out.</summary>
    /// <param name="waiting">Called once, before the first wait, with the current holder (null when unknown).</param>
    public async Task<DeviceLease?> AcquireAsync(
        string deviceId, string purpose, TimeSpan maxWait, TimeSpan poll, Action<LockHolder?>? waiting, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var told = false;
        while (true)
        {
            if (TryAcquire(deviceId, purpose) is { } lease) return lease;
            if (clock.Elapsed >= maxWait) return null;
            if (!told)
            {
                waiting?.Invoke(Holder(deviceId));
                told = true;
            }
            var left = maxWait - clock.Elapsed;
            await Task.Delay(left < poll ? left : poll, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The holder note of a device's lock, or null when there is none or it cannot be read.</summary>
    public LockHolder? Holder(string deviceId)
    {
        try { return LockHolder.Parse(File.ReadAllText(LockFileFor(deviceId) + ".holder")); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    private void EnsureDirectory()
    {
        if (System.IO.Directory.Exists(Directory)) return;
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Directory);
            return;
        }
        // World-writable with the sticky bit, like /tmp: every CI runner account can add its lock files, none can delete another's.
        const UnixFileMode shared = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                                    | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                                    | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute | UnixFileMode.StickyBit;
        System.IO.Directory.CreateDirectory(Directory, shared);
        try { File.SetUnixFileMode(Directory, shared); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static bool IsWritable(string dir)
    {
        try
        {
            var probe = Path.Combine(dir, $".perflab-probe-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return true;
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }
}
