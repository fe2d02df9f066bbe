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
        var executable = ResolveExecutable(spec.FileName, spec.Environment);
        if (!File.Exists(executable)) return SpawnFailure(spec, "no such file");
        if (!IsExecutable(executable)) return SpawnFailure(spec, "it is not executable");
        if (!Directory.Exists(spec.WorkingDirectory)) return SpawnFailure(spec, $"working directory '{spec.WorkingDirectory}' does not exist");

        var psi = BuildStartInfo(spec, executable);
        using var process = new Process { StartInfo = psi };
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
        await WriteInputAsync(process, spec.StandardInput).ConfigureAwait(false);

        using var timeout = new CancellationTokenSource(spec.Timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
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

        // A killed group closes its pipes; a grandchild that escaped the group might hold them open, so the
        // drain is bounded rather than awaited forever.
        if (timedOut || cancelled) KillTree(process);
        await Task.WhenAny(Task.WhenAll(stdout.Completion, stderr.Completion), Task.Delay(DrainGrace)).ConfigureAwait(false);

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

    /// <summary>Finds a bare program name on the PATH the process will get, so a fake tool placed first wins.</summary>
    internal static string ResolveExecutable(string fileName, IReadOnlyDictionary<string, string?> environment)
    {
        if (fileName.Contains('/')) return fileName;
        var path = environment.TryGetValue("PATH", out var p) && p is not null ? p : System.Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, fileName);
            if (File.Exists(candidate) && IsExecutable(candidate)) return candidate;
        }
        return fileName; // let the start fail with the OS's own message
    }

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
    }

    private void KillTree(Process process)
    {
        if (_setsid is not null) ProcessGroup.KillGroup(process.Id);
        try { process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { /* already gone */ }
        catch (Win32Exception) { }
    }

    private ProcessResult SpawnFailure(ProcessSpec spec, string message)
    {
        var missing = !spec.FileName.Contains('/') && ResolveExecutable(spec.FileName, spec.Environment) == spec.FileName;
        var reason = missing ? $"'{spec.FileName}' was not found on PATH" : $"'{spec.FileName}' could not be started: {message}";
        return new ProcessResult(null, false, false, reason, CapturedOutput.Empty, CapturedOutput.Empty, TimeSpan.Zero, 0);
    }

    private static string? FindSetsid()
    {
        foreach (var p in new[] { "/usr/bin/setsid", "/bin/setsid" })
        {
            if (File.Exists(p)) return p;
        }
        return null;
    }
}
