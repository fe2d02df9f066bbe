using System.Globalization;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Execution;
using PerfLab.Runners.Cuda.Parsing;
using PerfLab.Runners.Processes;

namespace PerfLab.Runners.Cuda;

/// <summary>What every CUDA runner does around its own process: environment, GPU and Python facts, telemetry, logs.</summary>
internal sealed class CudaStepHost(IProcessLauncher launcher, CudaHostProbe probe, GpuTelemetrySampler sampler)
{
    public IProcessLauncher Launcher => launcher;

    public CudaHostProbe Probe => probe;

    /// <summary>The engine's and device's variables, the step's <c>env:</c>, and the GPU pinned by uuid where the device has one.</summary>
    public static IReadOnlyDictionary<string, string?> Environment(StepContext context, CudaStepArgs args)
    {
        var env = new Dictionary<string, string?>(context.ProcessEnvironment(), StringComparer.Ordinal);
        foreach (var (k, v) in args.Env) env[k] = v;
        if (GpuSelector(context.Device) is { } gpu && !env.ContainsKey("CUDA_VISIBLE_DEVICES")) env["CUDA_VISIBLE_DEVICES"] = gpu;
        // Python must not write __pycache__ into the checkout under test, and must not buffer the result line.
        env["PYTHONDONTWRITEBYTECODE"] = "1";
        env["PYTHONUNBUFFERED"] = "1";
        return env;
    }

    /// <summary>The uuid (or index) nvidia-smi and CUDA know the case's GPU by; null for a device that names none.</summary>
    public static string? GpuSelector(Device device) =>
        device.Properties.TryGetValue("uuid", out var uuid) && uuid.Length > 0 ? uuid
        : device.Properties.TryGetValue("index", out var index) && index.Length > 0 ? index : null;

    /// <summary>Gathers facts, then runs <paramref name="main"/> (with telemetry when asked) and keeps its output as artifacts.</summary>
    /// <param name="probeDependencies">Run (or reuse) the Python dependency probe for torch/triton/CUDA facts.</param>
    public async Task<CudaStepRun> RunAsync(StepContext context, CudaStepArgs args, string? checkout, ProcessSpec main,
        bool probeDependencies, CancellationToken ct)
    {
        var env = main.Environment;
        var facts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in env.Where(kv => kv.Key.StartsWith("HYDRA_", StringComparison.Ordinal) && kv.Value is not null))
            facts[CudaFactNames.EnvPrefix + k] = v!;

        var gpu = GpuSelector(context.Device);
        var fields = await probe.DiscoverFieldsAsync(env, main.WorkingDirectory, ct).ConfigureAwait(false);
        if (fields.Ok)
        {
            var id = await probe.QueryIdentityAsync(fields.Value!, gpu, env, main.WorkingDirectory, ct).ConfigureAwait(false);
            if (id.Ok) AddGpuFacts(facts, id.Value!);
            else facts[CudaFactNames.GpuQueryError] = id.Error!;
        }
        else
        {
            facts[CudaFactNames.GpuQueryError] = fields.Error!;
        }

        DependencyProbeReport? deps = null;
        if (probeDependencies)
        {
            var (report, _) = await probe.ProbeDependenciesAsync(args.Python, checkout, env, main.WorkingDirectory,
                CudaHostProbe.DefaultProbeTimeout, useCache: true, ct).ConfigureAwait(false);
            if (report.Ok) AddDependencyFacts(facts, deps = report.Value!);
            else facts[CudaFactNames.ProbeError] = report.Error!;
        }

        ProcessResult result;
        GpuTelemetryCapture telemetry;
        if (args.Telemetry && fields.Ok)
        {
            (result, telemetry) = await sampler.SampleDuringAsync(fields.Value!, gpu, env, main.WorkingDirectory, args.TelemetryInterval,
                main.Timeout, () => launcher.RunAsync(main, ct), ct).ConfigureAwait(false);
        }
        else
        {
            result = await launcher.RunAsync(main, ct).ConfigureAwait(false);
            telemetry = GpuTelemetryCapture.None(args.Telemetry ? "no telemetry: " + fields.Error : "telemetry off for this step");
        }
        if (telemetry.Problem is not null && args.Telemetry) facts["telemetry.problem"] = telemetry.Problem;

        var artifacts = new List<Artifact>();
        AddLog(artifacts, context.Step.Name + ".stdout.log", result.Stdout);
        AddLog(artifacts, context.Step.Name + ".stderr.log", result.Stderr);
        facts["command"] = main.Display;
        return new CudaStepRun(result, facts, telemetry, artifacts, deps);
    }

    public static void AddGpuFacts(IDictionary<string, string> facts, GpuIdentity id)
    {
        facts[CudaFactNames.GpuName] = id.Name;
        if (id.Uuid is { } u) facts[CudaFactNames.GpuUuid] = u;
        if (id.Driver is { } d) facts[CudaFactNames.GpuDriver] = d;
        if (id.ComputeCapability is { } c) facts[CudaFactNames.GpuComputeCapability] = c;
        if (id.MemoryTotalMib is { } m) facts[CudaFactNames.GpuMemoryTotalMib] = m.ToString(CultureInfo.InvariantCulture);
        if (id.PciBusId is { } p) facts[CudaFactNames.GpuPciBusId] = p;
        if (id.Serial is { } s) facts[CudaFactNames.GpuSerial] = s;
        if (id.VbiosVersion is { } v) facts[CudaFactNames.GpuVbios] = v;
    }

    public static void AddDependencyFacts(IDictionary<string, string> facts, DependencyProbeReport r)
    {
        facts[CudaFactNames.PythonVersion] = r.Python;
        facts[CudaFactNames.CudaAvailable] = r.CudaAvailable ? "true" : "false";
        if (r.Torch is { } t) facts[CudaFactNames.TorchVersion] = t;
        if (r.TorchCuda is { } c) facts[CudaFactNames.CudaVersion] = c;
        if (r.Triton is { } tr) facts[CudaFactNames.TritonVersion] = tr;
        if (r.Kernels is { } k) facts[CudaFactNames.KernelsVersion] = k;
        if (r.HydraCore is { } hc) facts[CudaFactNames.HydraCoreVersion] = hc;
        if (r.HydraOrigin is { } o) facts[CudaFactNames.HydraOrigin] = o;
    }

    public static void AddLog(List<Artifact> artifacts, string name, CapturedOutput output)
    {
        if (output.TotalBytes == 0) return;
        artifacts.Add(new Artifact(name, "text/plain", output.Bytes, output.Sha256, output.TotalBytes));
    }

    /// <summary>The folder a step runs in: the checkout when given, else the suite's folder.</summary>
    public static string WorkingDirectory(StepContext context, string? checkout) => checkout ?? context.SuiteDirectory;
}
