using PerfLab.Harness.Domain;
using PerfLab.Harness.Execution;
using PerfLab.Runners.Cuda.Parsing;
using PerfLab.Runners.Processes;

namespace PerfLab.Runners.Cuda;

/// <summary><c>cuda.readme-example</c>: runs <c>readme_example.py</c> and checks the shapes line it prints.</summary>
public sealed class CudaReadmeExampleRunner : IStepRunner
{
    private readonly CudaStepHost _host;

    public CudaReadmeExampleRunner(IProcessLauncher launcher, CudaHostProbe? probe = null)
    {
        probe ??= new CudaHostProbe(launcher);
        _host = new CudaStepHost(launcher, probe, new GpuTelemetrySampler(launcher));
    }

    public string Name => "cuda.readme-example";

    public string Summary => "Runs the Hydra README example and checks its 'Hydra decode: q x k -> out' shapes line";

    public IReadOnlyList<ArgProblem> Validate(StepSpec step) => Read(new ArgReader(step.With)).Reader.Problems;

    private static (CudaStepArgs Args, string Script, int? Tokens, ArgReader Reader) Read(ArgReader r)
    {
        var args = CudaStepArgs.Read(r, checkoutRequired: true, telemetryByDefault: true);
        var script = r.String("script") ?? "readme_example.py";
        var tokens = r.Integer("expect_tokens", min: 1) ?? 8192;
        r.RejectUnknownKeys();
        return (args, script, tokens, r);
    }

    public async Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        var (args, script, tokens, reader) = Read(new ArgReader(context.Step.With));
        if (reader.Problems.Count > 0) return StepOutcome.Failed(FailureClass.InternalError, string.Join("; ", reader.Problems.Select(p => p.Message)), TimeSpan.Zero, null);
        var checkout = context.ResolvePath(args.Checkout!);
        var spec = new ProcessSpec(args.Python, [script, .. args.Args], checkout, CudaStepHost.Environment(context, args), context.Timeout);
        var run = await _host.RunAsync(context, args, checkout, spec, probeDependencies: true, cancellationToken).ConfigureAwait(false);
        if (run.ProcessFailure("readme example") is { } broken) return broken;
        if (run.Process.ExitCode != 0) return run.ExitFailure("readme example");
        var shapes = ReadmeExampleParser.Parse(run.Process.Stdout.Text);
        if (!shapes.Ok) return run.Failed(FailureClass.GarbageOutput, "readme example output: " + shapes.Error);
        var problems = shapes.Value!.Problems(tokens);
        var s = shapes.Value;
        var check = new Check("readme.shapes", problems.Count == 0,
            problems.Count == 0 ? $"{ReadmeShapes.Show(s.Query)} x {ReadmeShapes.Show(s.Key)} -> {ReadmeShapes.Show(s.Output)}" : string.Join("; ", problems));
        return problems.Count == 0 ? run.Success([], [check]) : run.Failed(FailureClass.CheckFailed, "readme example: " + check.Detail, [check]);
    }
}
