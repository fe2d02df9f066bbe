using PerfLab.Harness.Domain;
using PerfLab.Harness.Execution;
using PerfLab.Runners.Cuda.Parsing;
using PerfLab.Runners.Processes;

namespace PerfLab.Runners.Cuda;

/// <summary><c>cuda.dependency-check</c>: Python, torch with CUDA, triton, and <c>hydra</c> resolving to the kernel under the checkout.</summary>
/// <remarks>A failure is stored with class dependency-check-failed and its checks, so the audit shows why nothing
/// measured on that host may be cited; the import of <c>hydra</c> landing in hydra-core is one such failure.</remarks>
public sealed class CudaDependencyCheckRunner : IStepRunner
{
    private readonly CudaStepHost _host;

    public CudaDependencyCheckRunner(IProcessLauncher launcher, CudaHostProbe? probe = null)
    {
        probe ??= new CudaHostProbe(launcher);
        _host = new CudaStepHost(launcher, probe, new GpuTelemetrySampler(launcher));
    }

    public string Name => "cuda.dependency-check";

    public string Summary => "Checks python, torch with CUDA, triton and that 'import hydra' is the kernel under the checkout (not hydra-core)";

    public IReadOnlyList<ArgProblem> Validate(StepSpec step) => Read(new ArgReader(step.With)).Reader.Problems;

    private static (CudaStepArgs Args, bool Cuda, bool Triton, bool Hydra, ArgReader Reader) Read(ArgReader r)
    {
        var args = CudaStepArgs.Read(r, checkoutRequired: false, telemetryByDefault: false);
        var cuda = r.Bool("require_cuda") ?? true;
        var triton = r.Bool("require_triton") ?? true;
        var hydra = r.Bool("require_hydra") ?? args.Checkout is not null;
        if (hydra && args.Checkout is null && r.Map.Has("require_hydra"))
            r.Problem(r.Map["require_hydra"]!.Position, "'require_hydra: true' needs 'checkout' (the folder hydra must resolve under)");
        r.RejectUnknownKeys();
        return (args, cuda, triton, hydra, r);
    }

    public async Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        var (args, cuda, triton, hydra, reader) = Read(new ArgReader(context.Step.With));
        if (reader.Problems.Count > 0) return StepOutcome.Failed(FailureClass.InternalError, string.Join("; ", reader.Problems.Select(p => p.Message)), TimeSpan.Zero, null);
        var checkout = args.Checkout is null ? null : context.ResolvePath(args.Checkout);
        var cwd = CudaStepHost.WorkingDirectory(context, checkout);
        var env = CudaStepHost.Environment(context, args);
        var spec = new ProcessSpec(args.Python, ["-c", DependencyProbeScript.Source, checkout ?? ""], cwd, env, context.Timeout);

        // The probe is this step's own process, so it always runs afresh rather than from the host cache.
        var run = await _host.RunAsync(context, args, checkout, spec, probeDependencies: false, cancellationToken).ConfigureAwait(false);
        if (run.ProcessFailure("dependency probe") is { } broken)
        {
            return run.Process.SpawnError is not null
                ? run.Failed(FailureClass.DependencyCheckFailed, $"interpreter '{args.Python}' unavailable: {run.Process.SpawnError}",
                    [new Check("dependency.python", false, run.Process.SpawnError)])
                : broken;
        }
        var report = DependencyProbeReport.Parse(run.Process.Stdout.Text);
        if (!report.Ok)
        {
            return run.Failed(FailureClass.DependencyCheckFailed, "dependency probe: " + (run.Process.ExitCode != 0 ? CudaHostProbe.Describe(run.Process) : report.Error),
                [new Check("dependency.probe", false, report.Error!)]);
        }
        CudaStepHost.AddDependencyFacts(run.Facts, report.Value!);
        var checks = new List<Check> { new("dependency.python", true, $"python {report.Value!.Python}") };
        checks.AddRange(new DependencyRequirements(cuda, triton, hydra ? checkout : null).Evaluate(report.Value!));
        var failed = checks.Where(c => !c.Passed).ToList();
        return failed.Count == 0
            ? run.Success([], checks)
            : run.Failed(FailureClass.DependencyCheckFailed, string.Join("; ", failed.Select(c => c.Detail)), checks);
    }
}
