using PerfLab.Runners.Cuda.Parsing;
using PerfLab.Runners.Processes;

namespace PerfLab.Runners.Cuda;

/// <summary>Learns a CUDA host's facts (nvidia-smi fields and GPU identity, the Python dependency probe), once per setting.</summary>
/// <remarks>Discovering fields and probing Python costs a process start each (a torch import takes seconds on real hosts),
/// so successful answers are kept per PATH / interpreter / checkout for the life of this object; failures are retried.</remarks>
public sealed class CudaHostProbe(IProcessLauncher launcher)
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromMinutes(2);
    private readonly Dictionary<string, object> _cache = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>The <c>--query-gpu</c> fields this host's nvidia-smi knows, from <c>--help-query-gpu</c>.</summary>
    public async Task<Parsed<GpuQueryFields>> DiscoverFieldsAsync(IReadOnlyDictionary<string, string?> env, string cwd, CancellationToken ct)
    {
        var key = "fields|" + env.GetValueOrDefault("PATH");
        if (Cached<GpuQueryFields>(key) is { } hit) return Parsed<GpuQueryFields>.Of(hit);
        var r = await launcher.RunAsync(new ProcessSpec("nvidia-smi", ["--help-query-gpu"], cwd, env, QueryTimeout), ct).ConfigureAwait(false);
        if (!r.ExitedCleanly) return Parsed<GpuQueryFields>.Fail("nvidia-smi --help-query-gpu: " + Describe(r));
        var names = NvidiaSmiHelpQueryParser.Parse(r.Stdout.Text);
        if (!names.Ok) return Parsed<GpuQueryFields>.Fail(names.Error!);
        var fields = GpuQueryFields.Select(names.Value!);
        if (!fields.Identity.Contains("name")) return Parsed<GpuQueryFields>.Fail("nvidia-smi lists no 'name' query field");
        return Parsed<GpuQueryFields>.Of(Remember(key, fields));
    }

    /// <summary>The identity of the GPU <paramref name="gpu"/> names (uuid or index), or of GPU 0 when null.</summary>
    public async Task<Parsed<GpuIdentity>> QueryIdentityAsync(GpuQueryFields fields, string? gpu, IReadOnlyDictionary<string, string?> env, string cwd, CancellationToken ct)
    {
        var key = $"identity|{env.GetValueOrDefault("PATH")}|{gpu}";
        if (Cached<GpuIdentity>(key) is { } hit) return Parsed<GpuIdentity>.Of(hit);
        var argv = new List<string> { "--query-gpu=" + fields.IdentityQuery, "--format=csv,noheader,nounits" };
        if (gpu is not null) argv.AddRange(["-i", gpu]);
        var r = await launcher.RunAsync(new ProcessSpec("nvidia-smi", argv, cwd, env, QueryTimeout), ct).ConfigureAwait(false);
        if (!r.ExitedCleanly) return Parsed<GpuIdentity>.Fail("nvidia-smi --query-gpu: " + Describe(r));
        var ids = GpuIdentity.Parse(r.Stdout.Text, fields.Identity);
        if (!ids.Ok) return Parsed<GpuIdentity>.Fail(ids.Error!);
        return Parsed<GpuIdentity>.Of(Remember(key, ids.Value![0]));
    }

    /// <summary>Runs the dependency probe with <paramref name="python"/>; <paramref name="useCache"/> false always runs it afresh.</summary>
    public async Task<(Parsed<DependencyProbeReport> Report, ProcessResult? Process)> ProbeDependenciesAsync(
        string python, string? checkout, IReadOnlyDictionary<string, string?> env, string cwd, TimeSpan timeout, bool useCache, CancellationToken ct)
    {
        var key = $"probe|{python}|{checkout}|{string.Join(";", env.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value))}";
        if (useCache && Cached<DependencyProbeReport>(key) is { } hit) return (Parsed<DependencyProbeReport>.Of(hit), null);
        var r = await launcher.RunAsync(new ProcessSpec(python, ["-c", DependencyProbeScript.Source, checkout ?? ""], cwd, env, timeout), ct).ConfigureAwait(false);
        if (!r.Started || r.TimedOut || r.Cancelled) return (Parsed<DependencyProbeReport>.Fail($"dependency probe ({python}): " + Describe(r)), r);
        var report = DependencyProbeReport.Parse(r.Stdout.Text);
        if (!report.Ok)
        {
            var why = r.ExitCode != 0 ? Describe(r) : report.Error!;
            return (Parsed<DependencyProbeReport>.Fail($"dependency probe ({python}): {why}"), r);
        }
        return (Parsed<DependencyProbeReport>.Of(Remember(key, report.Value!)), r);
    }

    internal static TimeSpan DefaultProbeTimeout => ProbeTimeout;

    /// <summary>A process failure in one phrase, with the last stderr line where there is one.</summary>
    internal static string Describe(ProcessResult r)
    {
        if (r.SpawnError is not null) return r.SpawnError;
        if (r.TimedOut) return $"timed out after {r.Wall.TotalSeconds:0.#}s";
        if (r.Cancelled) return "cancelled";
        var last = LastLine(r.Stderr.Text) ?? LastLine(r.Stdout.Text);
        return $"exit code {r.ExitCode}" + (last is null ? "" : ": " + last);
    }

    internal static string? LastLine(string text) =>
        text.Split('\n').Select(l => l.TrimEnd('\r').Trim()).LastOrDefault(l => l.Length > 0);

    private T? Cached<T>(string key) where T : class
    {
        lock (_lock) return _cache.GetValueOrDefault(key) as T;
    }

    private T Remember<T>(string key, T value) where T : class
    {
        lock (_lock) _cache[key] = value;
        return value;
    }
}
