using PerfLab.Harness.Domain;
using PerfLab.Runners.Cuda.Parsing;
using PerfLab.Runners.Processes;

namespace PerfLab.Runners.Cuda;

/// <summary>Samples GPU telemetry with <c>nvidia-smi --query-gpu=... -lms N</c> as a second process while a step runs.</summary>
/// <remarks>A one-shot reading is taken before the step and after it, so even a step shorter than one sampling interval
/// leaves a before/after trace; the looping sampler is stopped (its process group killed) when the step ends.</remarks>
public sealed class GpuTelemetrySampler(IProcessLauncher launcher)
{
    private static readonly TimeSpan SnapshotTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Runs <paramref name="step"/> while sampling; returns its result with the telemetry.</summary>
    public async Task<(T Result, GpuTelemetryCapture Telemetry)> SampleDuringAsync<T>(
        GpuQueryFields fields, string? gpu, IReadOnlyDictionary<string, string?> env, string cwd, TimeSpan interval,
        TimeSpan longest, Func<Task<T>> step, CancellationToken ct)
    {
        var problems = new List<string>();
        var points = new List<TelemetryPoint>();
        points.AddRange(await SnapshotAsync(fields, gpu, env, cwd, problems, ct).ConfigureAwait(false));

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var started = DateTimeOffset.Now;
        var argv = QueryArgs(fields, gpu);
        argv.AddRange(["-lms", ((int)Math.Max(1, interval.TotalMilliseconds)).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        var loop = launcher.RunAsync(new ProcessSpec("nvidia-smi", argv, cwd, env, longest + TimeSpan.FromMinutes(1)), stop.Token);
        T result;
        try
        {
            result = await step().ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }
        var sampled = await loop.ConfigureAwait(false);
        if (!sampled.Started) problems.Add("telemetry sampler: " + sampled.SpawnError);
        else if (sampled.ExitCode is { } code and not 0) problems.Add("telemetry sampler: " + CudaHostProbe.Describe(sampled));
        var parsed = GpuTelemetryParser.Parse(sampled.Stdout.Text, fields, i => started + interval * i);
        if (parsed.Ok) points.AddRange(parsed.Value!);
        else problems.Add("telemetry sampler output: " + parsed.Error);

        points.AddRange(await SnapshotAsync(fields, gpu, env, cwd, problems, ct).ConfigureAwait(false));
        return (result, new GpuTelemetryCapture(points, problems.Count == 0 ? null : string.Join("; ", problems)));
    }

    private async Task<IReadOnlyList<TelemetryPoint>> SnapshotAsync(
        GpuQueryFields fields, string? gpu, IReadOnlyDictionary<string, string?> env, string cwd, List<string> problems, CancellationToken ct)
    {
        var at = DateTimeOffset.Now;
        var r = await launcher.RunAsync(new ProcessSpec("nvidia-smi", QueryArgs(fields, gpu), cwd, env, SnapshotTimeout), ct).ConfigureAwait(false);
        if (!r.ExitedCleanly)
        {
            problems.Add("telemetry snapshot: " + CudaHostProbe.Describe(r));
            return [];
        }
        var parsed = GpuTelemetryParser.Parse(r.Stdout.Text, fields, _ => at);
        if (parsed.Ok) return parsed.Value!;
        problems.Add("telemetry snapshot output: " + parsed.Error);
        return [];
    }

    private static List<string> QueryArgs(GpuQueryFields fields, string? gpu)
    {
        var argv = new List<string> { "--query-gpu=" + fields.TelemetryQuery, "--format=csv,noheader,nounits" };
        if (gpu is not null) argv.AddRange(["-i", gpu]);
        return argv;
    }
}
