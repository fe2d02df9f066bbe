using System.ComponentModel;
using System.Diagnostics;

namespace PerfLab.Runners.Processes;

/// <summary>Starts real processes with a timeout that kills the whole tree, capturing both output streams.</summary>
/// <remarks>
/// On Linux each process is started through <c>setsid</c>, which makes it the leader of a new process group
/// (its pid is the group id). A timeout then signals the group, which reaches grandchildren that a shell
/// left behind, and <see cref="Process.Kill(bool)"/> follows as a second net for processes that moved group.
/// </remarks>
public sealed class ProcessLauncher : IProcessLauncher
{
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(2);
    private readonly string? _setsid;

    public ProcessLauncher() => _setsid = OperatingSystem.IsLinux() ? FindSetsid() : null;

    public async Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken)
    {
        // Checked before starting because through setsid a missing program is an exit code, not a start failure.
        if (!Directory.Exists(spec.WorkingDirectory)) return SpawnFailure(spec, $"working directory '{spec.WorkingDirectory}' does not exist");
        var executable = ResolveExecutable(spec.FileName, spec.WorkingDirectory, spec.Environment);
        if (executable is null) return SpawnFailure(spec, "it was not found on PATH") with { NotInstalled = true };
        if (Directory.Exists(executable)) return SpawnFailure(spec, $"'{executable}' is a directory");
        if (!File.Exists(executable)) return SpawnFailure(spec, $"'{executable}' does not exist");
        if (!IsExecutable(executable)) return SpawnFailure(spec, $"'{executable}' is not executable");
        if (cancellationToken.IsCancellationRequested)
        {
            return new ProcessResult(null, false, true, null, CapturedOutput.Empty, CapturedOutput.Empty, TimeSpan.Zero, 0);
        }

        var psi = BuildStartInfo(spec, executable);
        using var process = new Process { StartInfo = psi };
        // The timeout is armed before anything can block (the stdin write waits on a full pipe).
        using var timeout = new CancellationTokenSource(spec.Timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        var stopwatch = Stopwatch.StartNew();
        try
        {
            if (!process.Start()) return SpawnFailure(spec, "the process did not start");
        }
        catch (Win32Exception e)
        {
            return SpawnFailure(spec, e.Message);
        }

        var stdout = new StreamCapture(process.StandardOutput.BaseStream, spec.OutputCapBytes);
        var stderr = new StreamCapture(process.StandardError.BaseStream, spec.OutputCapBytes);
        // Written beside the wait, not before it: a process that never reads its input must still time out.
        var input = WriteInputAsync(process, spec.StandardInput);

        var timedOut = false;
        var cancelled = false;
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            timedOut = timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested;
            cancelled = !timedOut;
            KillTree(process);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        stopwatch.Stop();

        // Whatever the step left behind in its group (a backgrounded child, a hung grandchild) ends with the
        // step: it would skew the next measurement and hold our pipes open. Linux keeps a group's id from
        // being reused while any member lives, so signalling it after the leader exited is safe.
        if (_setsid is not null) ProcessGroup.KillGroup(process.Id);
        if (timedOut || cancelled) KillTree(process);

        // A grandchild that escaped the group might hold the pipes open, so the drain is bounded.
        try
        {
            await Task.WhenAll(stdout.Completion, stderr.Completion, input).WaitAsync(DrainGrace, CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException) { /* keep what arrived */ }

        int? exitCode = timedOut || cancelled ? null : process.ExitCode;
        return new ProcessResult(exitCode, timedOut, cancelled, null, stdout.Snapshot(), stderr.Snapshot(),
            stopwatch.Elapsed, process.Id);
    }

    private ProcessStartInfo BuildStartInfo(ProcessSpec spec, string executable)
    {
        var psi = new ProcessStartInfo
        {
            WorkingDirectory = spec.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (_setsid is not null)
        {
            psi.FileName = _setsid;
            psi.ArgumentList.Add("--wait");
            psi.ArgumentList.Add(executable);
        }
        else
        {
            psi.FileName = executable;
        }
        foreach (var a in spec.Arguments) psi.ArgumentList.Add(a);
        foreach (var (k, v) in spec.Environment)
        {
            if (v is null) psi.Environment.Remove(k);
            else psi.Environment[k] = v;
        }
        psi.Environment["LC_ALL"] = psi.Environment.TryGetValue("LC_ALL", out var lc) && lc is not null ? lc : "C";
        return psi;
    }

    /// <summary>The program the process will run: a bare name is looked up on the PATH the process will get
    /// (so a fake tool placed first wins), a relative path is taken from the working directory as exec would;
    /// null when a bare name is on no PATH folder.</summary>
    internal static string? ResolveExecutable(string fileName, string workingDirectory, IReadOnlyDictionary<string, string?> environment)
    {
        if (fileName.Length == 0) return null;
        if (fileName.Contains('/')) return Path.GetFullPath(fileName, Path.GetFullPath(workingDirectory));
        var path = environment.TryGetValue("PATH", out var p) && p is not null ? p : System.Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, fileName);
            if (File.Exists(candidate) && IsExecutable(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>As above from this process's own folder, falling back to the name itself (for display and older callers).</summary>
    internal static string ResolveExecutable(string fileName, IReadOnlyDictionary<string, string?> environment) =>
        ResolveExecutable(fileName, System.Environment.CurrentDirectory, environment) ?? fileName;

    private static bool IsExecutable(string path) =>
        OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;

    private static async Task WriteInputAsync(Process process, string? input)
    {
        try
        {
            if (input is not null) await process.StandardInput.WriteAsync(input).ConfigureAwait(false);
            process.StandardInput.Close();
        }
        catch (IOException) { /* the process exited before reading its input */ }
        catch (ObjectDisposedException) { }
    }

    private void KillTree(Process process)
    {
        if (_setsid is not null) ProcessGroup.KillGroup(process.Id);
        try { process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { /* already gone */ }
        catch (Win32Exception) { }
    }

    private static ProcessResult SpawnFailure(ProcessSpec spec, string message) =>
        new(null, false, false, $"'{spec.FileName}' could not be started: {message}",
            CapturedOutput.Empty, CapturedOutput.Empty, TimeSpan.Zero, 0);

    private static string? FindSetsid()
    {
        foreach (var p in new[] { "/usr/bin/setsid", "/bin/setsid" })
        {
            if (File.Exists(p)) return p;
        }
        return null;
    }
}
