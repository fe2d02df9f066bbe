using System.Globalization;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Execution;
using PerfLab.Runners.Cuda.Parsing;
using PerfLab.Runners.Processes;

namespace PerfLab.Runners.Cuda;

/// <summary><c>cuda.decode-benchmark</c>: one invocation of a decode benchmark per repetition, one <c>ms_per_iter</c> sample.</summary>
/// <remarks>
/// Default: <c>python benchmarks/benchmark_hydra_decode.py --repo . ARGS</c> in the Hydra checkout. With <c>script:</c> any
/// script printing the same line (PerfLab's <c>suites/workloads/decode_attention.py</c>). With <c>format: kernels-json</c>,
/// <c>kernels benchmark . --json ARGS</c> (the HF benchmark mean). A crash, or output without exactly one valid result
/// line, gives a failure class and no figure; a line whose Tkv or window differs from what was asked is garbage too.
/// </remarks>
public sealed class CudaDecodeBenchmarkRunner : IStepRunner
{
    public const string HydraScript = "benchmarks/benchmark_hydra_decode.py";
    private readonly CudaStepHost _host;

    public CudaDecodeBenchmarkRunner(IProcessLauncher launcher, CudaHostProbe? probe = null)
    {
        probe ??= new CudaHostProbe(launcher);
        _host = new CudaStepHost(launcher, probe, new GpuTelemetrySampler(launcher));
    }

    public string Name => "cuda.decode-benchmark";

    public string Summary => "Runs the Hydra decode benchmark (or a workload printing its line); one invocation = one ms_per_iter sample";

    private sealed record Options(CudaStepArgs Args, string? Script, bool KernelsJson, string Kernels, string? Workload, string Metric);

    public IReadOnlyList<ArgProblem> Validate(StepSpec step) => Read(new ArgReader(step.With)).Reader.Problems;

    private static (Options Options, ArgReader Reader) Read(ArgReader r)
    {
        var args = CudaStepArgs.Read(r, checkoutRequired: false, telemetryByDefault: true);
        var script = r.String("script");
        var format = r.String("format") ?? "hydra-line";
        var kernelsJson = format == "kernels-json";
        if (format is not ("hydra-line" or "kernels-json"))
            r.Problem(r.Map["format"]!.Position, $"'format' must be hydra-line or kernels-json, got '{format}'");
        var kernels = r.String("kernels") ?? "kernels";
        var workload = r.String("workload");
        var metric = r.String("metric") ?? (kernelsJson ? "hf_mean_ms" : "ms_per_iter");
        if (script is null && args.Checkout is null)
            r.Problem(r.Map.Position, $"give 'checkout' (a Hydra kernel folder holding {HydraScript}) or 'script'");
        if (kernelsJson && script is not null) r.Problem(r.Map["script"]!.Position, "'script' does not apply to format kernels-json");
        r.RejectUnknownKeys();
        return (new Options(args, script, kernelsJson, kernels, workload, metric), r);
    }

    public async Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        var (o, reader) = Read(new ArgReader(context.Step.With));
        if (reader.Problems.Count > 0) return StepOutcome.Failed(FailureClass.InternalError, string.Join("; ", reader.Problems.Select(p => p.Message)), TimeSpan.Zero, null);
        var checkout = o.Args.Checkout is null ? null : context.ResolvePath(o.Args.Checkout);
        var cwd = CudaStepHost.WorkingDirectory(context, checkout);
        var env = CudaStepHost.Environment(context, o.Args);
        ProcessSpec spec = o.KernelsJson
            ? new(o.Kernels, ["benchmark", ".", "--json", .. o.Args.Args], cwd, env, context.Timeout)
            : o.Script is not null
                ? new(o.Args.Python, [context.ResolvePath(o.Script), .. o.Args.Args], cwd, env, context.Timeout)
                : new(o.Args.Python, [HydraScript, "--repo", ".", .. o.Args.Args], cwd, env, context.Timeout);
        var run = await _host.RunAsync(context, o.Args, checkout, spec, probeDependencies: true, cancellationToken).ConfigureAwait(false);
        if (run.ProcessFailure("decode benchmark") is { } broken) return broken;
        if (run.Process.ExitCode != 0) return run.ExitFailure("decode benchmark");
        return o.KernelsJson ? InterpretKernels(run, o) : InterpretLine(run, o);
    }

    private static StepOutcome InterpretLine(CudaStepRun run, Options o)
    {
        var parsed = HydraDecodeLineParser.Parse(run.Process.Stdout.Text);
        if (!parsed.Ok) return run.Failed(FailureClass.GarbageOutput, "decode benchmark output: " + parsed.Error);
        var line = parsed.Value!;
        var mismatch = Requested(o.Args.Args, "--tokens", "--tkv") is { } t && t != line.KvTokens ? $"line reports Tkv={line.KvTokens}, asked for {t}"
            : Requested(o.Args.Args, "--window") is { } w && Math.Max(0, w) != line.Window && !(w <= 0 && line.Window == 0) ? $"line reports window={line.Window}, asked for {w}"
            : null;
        var shape = new Check("decode.shape", mismatch is null, mismatch ?? $"B={line.Batch} H={line.Heads} Hkv={line.KvHeads} Tkv={line.KvTokens} D={line.HeadDim} window={line.Window} iters={line.Iterations}");
        if (mismatch is not null) return run.Failed(FailureClass.GarbageOutput, "decode benchmark: " + mismatch, [shape]);
        foreach (var (k, v) in new[] { ("B", line.Batch), ("H", line.Heads), ("Hkv", line.KvHeads), ("Tkv", line.KvTokens), ("D", line.HeadDim), ("window", line.Window), ("iters", line.Iterations) })
            run.Facts["decode." + k] = v.ToString(CultureInfo.InvariantCulture);
        var samples = new List<Sample> { new(o.Metric, line.MsPerIter, "ms") };
        if (line.PeakMemMb is { } peak) samples.Add(new Sample("peak_mem_mb", peak, "MiB"));
        return run.Success(samples, [shape]);
    }

    private static StepOutcome InterpretKernels(CudaStepRun run, Options o)
    {
        var parsed = KernelsBenchmarkJsonParser.Parse(run.Process.Stdout.Text, o.Workload);
        if (!parsed.Ok) return run.Failed(FailureClass.GarbageOutput, "kernels benchmark output: " + parsed.Error);
        run.Facts["kernels_benchmark.workload"] = parsed.Value!.Workload;
        if (parsed.Value.Iterations is { } n) run.Facts["kernels_benchmark.iterations"] = n.ToString(CultureInfo.InvariantCulture);
        return run.Success([new Sample(o.Metric, parsed.Value.MeanMs, "ms")], [new Check("kernels-benchmark.result", true, $"{parsed.Value.Workload}: mean {parsed.Value.MeanMs.ToString(CultureInfo.InvariantCulture)} ms")]);
    }

    /// <summary>The integer value given for a flag in the script args (<c>--tokens 8192</c> or <c>--tokens=8192</c>), or null.</summary>
    internal static int? Requested(IReadOnlyList<string> args, params string[] flags)
    {
        for (var i = 0; i < args.Count; i++)
        {
            foreach (var flag in flags)
            {
                string? text = args[i] == flag && i + 1 < args.Count ? args[i + 1]
                    : args[i].StartsWith(flag + "=", StringComparison.Ordinal) ? args[i][(flag.Length + 1)..] : null;
                if (text is not null && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)) return v;
            }
        }
        return null;
    }
}
