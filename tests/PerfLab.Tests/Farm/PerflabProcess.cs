using NUnit.Framework;
using System.Diagnostics;
using System.Text;

namespace PerfLab.Tests.Farm;

/// <summary>Starts the built perflab executable (the apphost beside the tests) as a real child process, capturing its output.</summary>
internal sealed class PerflabProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private PerflabProcess(Process process)
    {
        _process = process;
    }

    public static string Executable => Path.Combine(AppContext.BaseDirectory, "perflab");

    public int Pid => _process.Id;

    public static PerflabProcess Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo(Executable, args)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["CI"] = "true";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        var p = new PerflabProcess(Process.Start(start)!);
        p._process.OutputDataReceived += (_, e) => p.Append(e.Data);
        p._process.ErrorDataReceived += (_, e) => p.Append(e.Data);
        p._process.BeginOutputReadLine();
        p._process.BeginErrorReadLine();
        return p;
    }

    /// <summary>Runs to the end (killing it past <paramref name="timeout"/>) and returns exit code and all output.</summary>
    public static (int Exit, string Output) Run(string workingDirectory, IReadOnlyDictionary<string, string>? environment, TimeSpan timeout, params string[] args)
    {
        using var p = Start(workingDirectory, environment, args);
        return p.WaitForExit(timeout);
    }

    public (int Exit, string Output) WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
            Assert.Fail($"perflab did not finish within {timeout}:\n{Output}");
        }
        _process.WaitForExit();
        return (_process.ExitCode, Output);
    }

    /// <summary>Sends SIGINT, as Ctrl-C in a terminal does, to perflab alone (not to its children).</summary>
    public void Interrupt()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
        Assert.That(kill.ExitCode, Is.Zero, "kill -INT failed");
    }

    /// <summary>SIGKILL, as a power cut or the OOM killer would: no handler runs.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}
