using System.Collections;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using PerfLab.Runners.Emulation.Cuda;
using PerfLab.Runners.Emulation.Hailo;
using PerfLab.Runners.Processes;

namespace PerfLab.Cli.Demo;

/// <summary>Runs the emulated farm's tools (the PATH shims of the emulated Hailo and CUDA devices) inside this process instead
/// of starting <c>perflab emulate ...</c> for every call; every other program goes to the real launcher.</summary>
/// <remarks>
/// The demo makes thousands of tool calls; starting a .NET process for each costs about 0.15 s here, which alone would take the
/// demo past its two-minute budget. The runners, parsers, engine and store see exactly what the shims would give them (same
/// emulator classes, same argv, same environment); only the process boundary is skipped, and that boundary is covered by the
/// emulation tests and by <c>perflab run --emulate</c>.
/// </remarks>
public sealed class InProcessEmulationLauncher(IProcessLauncher fallback, IReadOnlyDictionary<string, string> defaults) : IProcessLauncher
{
    private readonly Dictionary<string, string> _hailoShims = new(StringComparer.Ordinal);
    private readonly HashSet<string> _cudaShims = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HailoDeviceProfile> _profiles = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Calls answered in this process (for the demo's summary line).</summary>
    public long InProcessCalls => Interlocked.Read(ref _calls);

    private long _calls;

    /// <summary>Routes calls of <c>hailortcli</c> found in <paramref name="shimDirectory"/> to the profile's emulator.</summary>
    public void AddHailoShim(string shimDirectory, string profilePath) => _hailoShims[Path.GetFullPath(shimDirectory)] = profilePath;

    /// <summary>Routes calls of <c>nvidia-smi</c>, <c>python3</c>, <c>python</c> and <c>kernels</c> found in <paramref name="shimDirectory"/> to the CUDA emulator.</summary>
    public void AddCudaShim(string shimDirectory) => _cudaShims.Add(Path.GetFullPath(shimDirectory));

    public Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken)
    {
        var dir = ShimDirectory(spec);
        if (dir is null) return fallback.RunAsync(spec, cancellationToken);
        if (!Directory.Exists(spec.WorkingDirectory))
            return Task.FromResult(Failure(spec, $"working directory '{spec.WorkingDirectory}' does not exist"));
        Interlocked.Increment(ref _calls);
        var env = Environment(spec);
        if (_hailoShims.TryGetValue(dir, out var profilePath))
        {
            var settings = HailoEmulatorSettings.FromEnvironment(name => env.GetValueOrDefault(name));
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var watch = Stopwatch.StartNew();
            var code = new HailoEmulator(Profile(profilePath), settings).Run([.. spec.Arguments], stdout, stderr);
            return Task.FromResult(new ProcessResult(code, false, false, null, Captured(stdout.ToString(), spec.OutputCapBytes),
                Captured(stderr.ToString(), spec.OutputCapBytes), watch.Elapsed, 0));
        }
        var tool = Path.GetFileName(spec.FileName) switch
        {
            "nvidia-smi" => new[] { CudaEmulator.NvidiaSmiTool },
            "kernels" => [CudaEmulator.HydraBenchmarkTool, EmulatedHydraPython.KernelsCliFlag],
            _ => [CudaEmulator.HydraBenchmarkTool],
        };
        return RunCudaAsync(spec, env, [.. tool, .. spec.Arguments], cancellationToken);
    }

    private async Task<ProcessResult> RunCudaAsync(ProcessSpec spec, Dictionary<string, string?> env, string[] argv, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(spec.Timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        var token = linked.Token;
        // nvidia-smi -lms samples until killed: its sleeps end the call when the step stops it, as a kill would.
        void Sleep(TimeSpan span)
        {
            if (token.WaitHandle.WaitOne(span)) throw new OperationCanceledException(token);
        }
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var watch = Stopwatch.StartNew();
        int? code;
        try
        {
            code = await Task.Run(() => new CudaEmulator(env, Sleep).Run(argv, stdout, stderr), CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            code = null;
        }
        var timedOut = code is null && timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested;
        var cancelled = code is null && !timedOut;
        string outText, errText;
        lock (_gate) { outText = stdout.ToString(); errText = stderr.ToString(); }
        return new ProcessResult(code, timedOut, cancelled, null, Captured(outText, spec.OutputCapBytes), Captured(errText, spec.OutputCapBytes), watch.Elapsed, 0);
    }

    private HailoDeviceProfile Profile(string path)
    {
        lock (_gate)
        {
            if (!_profiles.TryGetValue(path, out var p)) _profiles[path] = p = HailoDeviceProfile.Load(path);
            return p;
        }
    }

    /// <summary>The registered shim folder the program resolves to on the spec's PATH, or null.</summary>
    private string? ShimDirectory(ProcessSpec spec)
    {
        if (spec.FileName.Contains('/'))
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(spec.FileName, spec.WorkingDirectory));
            return dir is not null && (_hailoShims.ContainsKey(dir) || _cudaShims.Contains(dir)) ? dir : null;
        }
        var path = spec.Environment.TryGetValue("PATH", out var p) && p is not null ? p : System.Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var entry in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!File.Exists(Path.Combine(entry, spec.FileName))) continue;
            var full = Path.GetFullPath(entry);
            return _hailoShims.ContainsKey(full) || _cudaShims.Contains(full) ? full : null;
        }
        return null;
    }

    private Dictionary<string, string?> Environment(ProcessSpec spec)
    {
        var env = System.Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
        foreach (var (k, v) in defaults) env[k] = v;
        foreach (var (k, v) in spec.Environment)
        {
            if (v is null) env.Remove(k);
            else env[k] = v;
        }
        return env;
    }

    private static ProcessResult Failure(ProcessSpec spec, string message) =>
        new(null, false, false, $"'{spec.FileName}' could not be started: {message}", CapturedOutput.Empty, CapturedOutput.Empty, TimeSpan.Zero, 0);

    private static CapturedOutput Captured(string text, long cap)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var kept = bytes.LongLength <= cap ? bytes : bytes[..(int)cap];
        return new CapturedOutput(Encoding.UTF8.GetString(kept), kept, bytes.LongLength, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }
}
