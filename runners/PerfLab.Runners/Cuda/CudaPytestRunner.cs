using PerfLab.Harness.Domain;
using PerfLab.Harness.Execution;
using PerfLab.Runners.Cuda.Parsing;
using PerfLab.Runners.Processes;

namespace PerfLab.Runners.Cuda;

/// <summary><c>cuda.pytest</c>: runs <c>python -m pytest TESTS --junitxml=...</c> in the checkout and stores the outcome counts.</summary>
/// <remarks>The JUnit report is the record; the terminal summary cross-checks it and adds the deselected count, which
/// JUnit does not carry. Zero executed tests (all skipped or deselected, or none collected) is not-run.</remarks>
public sealed class CudaPytestRunner : IStepRunner
{
    private readonly CudaStepHost _host;

    public CudaPytestRunner(IProcessLauncher launcher, CudaHostProbe? probe = null)
    {
        probe ??= new CudaHostProbe(launcher);
        _host = new CudaStepHost(launcher, probe, new GpuTelemetrySampler(launcher));
    }

    public string Name => "cuda.pytest";

    public string Summary => "Runs pytest in a Hydra checkout with --junitxml; stores passed/failed/skipped/deselected, zero tests = not-run";

    public IReadOnlyList<ArgProblem> Validate(StepSpec step) => Read(new ArgReader(step.With)).Reader.Problems;

    private static (CudaStepArgs Args, string Tests, ArgReader Reader) Read(ArgReader r)
    {
        var args = CudaStepArgs.Read(r, checkoutRequired: true, telemetryByDefault: true);
        var tests = r.String("tests") ?? "tests";
        r.RejectUnknownKeys();
        return (args, tests, r);
    }

    public async Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        var (args, tests, reader) = Read(new ArgReader(context.Step.With));
        if (reader.Problems.Count > 0) return StepOutcome.Failed(FailureClass.InternalError, string.Join("; ", reader.Problems.Select(p => p.Message)), TimeSpan.Zero, null);
        var checkout = context.ResolvePath(args.Checkout!);
        var scratch = Directory.CreateTempSubdirectory("perflab-pytest-");
        try
        {
            var junit = Path.Combine(scratch.FullName, "junit.xml");
            var argv = new List<string> { "-m", "pytest", tests, "--junitxml=" + junit, "-p", "no:cacheprovider" };
            argv.AddRange(args.Args);
            var spec = new ProcessSpec(args.Python, argv, checkout, CudaStepHost.Environment(context, args), context.Timeout);
            var run = await _host.RunAsync(context, args, checkout, spec, probeDependencies: true, cancellationToken).ConfigureAwait(false);
            return Interpret(run, junit);
        }
        finally
        {
            try { scratch.Delete(recursive: true); } catch (IOException) { }
        }
    }

    private static StepOutcome Interpret(CudaStepRun run, string junitPath)
    {
        if (run.ProcessFailure("pytest") is { } broken) return broken;
        var output = run.Process.Stdout.Text + "\n" + run.Process.Stderr.Text;
        var summary = PytestSummaryParser.Parse(run.Process.Stdout.Text);
        if (!File.Exists(junitPath))
        {
            // No report: pytest never reached its session (missing module, usage error, crash at startup).
            if (run.Process.ExitCode == 0) return run.Failed(FailureClass.GarbageOutput, "pytest exited 0 but wrote no JUnit report");
            if (output.Contains("No module named pytest", StringComparison.Ordinal))
                return run.Failed(FailureClass.DependencyCheckFailed, "pytest is not installed for this interpreter");
            return run.ExitFailure("pytest");
        }
        var bytes = File.ReadAllBytes(junitPath);
        run.Artifacts.Add(new Artifact("junit.xml", "application/xml", bytes, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), bytes.LongLength));
        var counts = JUnitXmlParser.Parse(System.Text.Encoding.UTF8.GetString(bytes));
        if (!counts.Ok) return run.Failed(FailureClass.GarbageOutput, "pytest JUnit report: " + counts.Error);
        var c = counts.Value!;
        var checks = new List<Check>();
        if (summary.Ok)
        {
            c = c with { Deselected = summary.Value!.Deselected };
            var disagreement = PytestOutcome.Disagreement(counts.Value!, summary.Value!);
            checks.Add(new Check("pytest.summary-matches-junit", disagreement is null, disagreement ?? "terminal summary agrees with the JUnit report"));
            if (disagreement is not null) return run.Failed(FailureClass.GarbageOutput, disagreement, checks);
        }
        checks.Add(PytestOutcome.CountsCheck("pytest", c));
        foreach (var (k, v) in new[] { ("passed", c.Passed), ("failed", c.Failed), ("skipped", c.Skipped), ("errors", c.Errors), ("deselected", c.Deselected) })
            run.Facts["pytest." + k] = v.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (PytestOutcome.Failure("pytest", c) is { } f) return run.Failed(f.Class, f.Message, checks);
        // Exit code 0 is all that pytest promises for a clean session; anything else with clean counts is suspect.
        if (run.Process.ExitCode != 0) return run.Failed(FailureClass.NonZeroExit, $"pytest exited {run.Process.ExitCode} although its report shows {c}", checks);
        return run.Success(PytestOutcome.Samples(c), checks);
    }
}
