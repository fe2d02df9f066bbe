namespace PerfLab.Runners.Processes;

/// <summary>How a started process ended, with its captured output.</summary>
/// <param name="ExitCode">The exit code; null when it never started or was killed.</param>
/// <param name="SpawnError">Why the process could not be started (missing executable, permissions), else null.</param>
/// <param name="Wall">Wall-clock time from start to exit, as measured around the process alone.</param>
public sealed record ProcessResult(
    int? ExitCode,
    bool TimedOut,
    bool Cancelled,
    string? SpawnError,
    CapturedOutput Stdout,
    CapturedOutput Stderr,
    TimeSpan Wall,
    int ProcessId)
{
    public bool Started => SpawnError is null;

    /// <summary>The program is not installed here (not found on PATH): for a device tool, the host simply has no such devices.</summary>
    public bool NotInstalled { get; init; }

    public bool ExitedCleanly => ExitCode == 0 && !TimedOut && !Cancelled;
}

/// <summary>One output stream: the kept text (capped), the full size and the SHA-256 of all bytes written.</summary>
public sealed record CapturedOutput(string Text, byte[] Bytes, long TotalBytes, string Sha256)
{
    public static CapturedOutput Empty { get; } = new("", [], 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

    public bool Truncated => Bytes.LongLength < TotalBytes;
}
