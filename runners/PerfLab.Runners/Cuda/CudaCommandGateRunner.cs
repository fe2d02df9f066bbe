using PerfLab.Harness.Domain;
using PerfLab.Harness.Execution;
using PerfLab.Runners.Cuda.Parsing;
using PerfLab.Runners.Processes;

namespace PerfLab.Runners.Cuda;

/// <summary><c>cuda.command-gate</c>: a validation gate run as a command (e.g. <c>nix run .#ci-test</c>), judged by exit code and
/// by the pytest summary it prints.</summary>
/// <remarks>kernel-builder's ci-test accepts pytest's exit 5 ("no tests selected") as success, so an exit code of 0 proves
/// nothing by itself: unless <c>expect_tests: false</c>, the output must show at least one executed test.</remarks>
public sealed class CudaCommandGateRunner : IStepRunner
{
    private readonly CudaStepHost _host;

    public CudaCommandGateRunner(IProcessLauncher launcher, CudaHostProbe? probe = null)
    {
        probe ??= new CudaHostProbe(launcher);
        _host = new CudaStepHost(launcher, probe, new GpuTelemetrySampler(launcher));
    }

    public string Name => "cuda.command-gate";

    public string Summary => "Runs a gate command (e.g. nix run .#ci-test); exit code plus not-run detection when its output shows zero tests";

    public IReadOnlyList<ArgProblem> Validate(StepSpec step) => Read(new ArgReader(step.With)).Reader.Problems;

    private static (CudaStepArgs Args, IReadOnlyList<string> Command, bool ExpectTests, ArgReader Reader) Read(ArgReader r)
    {
        var args = CudaStepArgs.Read(r, checkoutRequired: false, telemetryByDefault: true);
        var command = r.StringList("command", required: true) ?? [];
        if (r.Map["command"] is ArgList { Items.Count: 0 } empty) r.Problem(empty.Position, "'command' must name a program");
        var expect = r.Bool("expect_tests") ?? true;
        r.RejectUnknownKeys();
        return (args, command, expect, r);
    }

    public async Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        var (args, command, expectTests, reader) = Read(new ArgReader(context.Step.With));
        if (reader.Problems.Count > 0) return StepOutcome.Failed(FailureClass.InternalError, string.Join("; ", reader.Problems.Select(p => p.Message)), TimeSpan.Zero, null);
        var checkout = args.Checkout is null ? null : context.ResolvePath(args.Checkout);
        var spec = new ProcessSpec(command[0], [.. command.Skip(1), .. args.Args], CudaStepHost.WorkingDirectory(context, checkout),
            CudaStepHost.Environment(context, args), context.Timeout);
        var run = await _host.RunAsync(context, args, checkout, spec, probeDependencies: true, cancellationToken).ConfigureAwait(false);
        if (run.ProcessFailure(command[0]) is { } broken) return broken;

        var summary = PytestSummaryParser.Parse(run.Process.Stdout.Text + "\n" + run.Process.Stderr.Text);
        var checks = new List<Check> { new("gate.exit-code", run.Process.ExitCode == 0, $"exit code {run.Process.ExitCode}") };
        if (summary.Ok) checks.Add(PytestOutcome.CountsCheck("gate.tests", summary.Value!));
        if (run.Process.ExitCode != 0)
        {
            return summary.Ok && summary.Value!.Failed + summary.Value.Errors > 0
                ? run.Failed(FailureClass.TestsFailed, $"{spec.Display}: {summary.Value}", checks)
                : run.Failed(FailureClass.NonZeroExit, $"{spec.Display}: {CudaHostProbe.Describe(run.Process)}", checks);
        }
        if (!expectTests) return run.Success(summary.Ok ? PytestOutcome.Samples(summary.Value!) : [], checks);
        if (!summary.Ok)
            return run.Failed(FailureClass.NotRun, $"{spec.Display} exited 0 but printed no pytest summary: nothing shows that a test ran", checks);
        if (PytestOutcome.Failure(spec.Display, summary.Value!) is { } f) return run.Failed(f.Class, f.Message, checks);
        return run.Success(PytestOutcome.Samples(summary.Value!), checks);
    }
}
