using System.Globalization;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Execution;
using PerfLab.Runners.Extraction;
using PerfLab.Runners.Processes;

namespace PerfLab.Runners.Command;

/// <summary>Runs any program (an argv, or a <c>/bin/sh -c</c> script when the step asks for one) and reads its
/// metrics from stdout or its wall-clock time.</summary>
/// <remarks>
/// A relative program path (one with a '/') and <c>cwd</c> resolve against the suite's folder, like every
/// path in a suite; a bare program name is looked up on the PATH the process gets (the device's first).
/// </remarks>
public sealed class CommandRunner(IProcessLauncher launcher) : IStepRunner
{
    public const string RunnerName = "command";

    public CommandRunner() : this(new ProcessLauncher()) { }

    public string Name => RunnerName;

    public string Summary => "runs any program (argv, or a /bin/sh script when asked) and reads metrics from its stdout (regex, JSON path) or its wall-clock time";

    public IReadOnlyList<ArgProblem> Validate(StepSpec step)
    {
        CommandArguments.Read(step.With, step.Position, beforeSubstitution: true, out var problems);
        return [.. problems, .. ExtractProblems(step, beforeSubstitution: true)];
    }

    public async Task<StepOutcome> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        var step = context.Step;
        var args = CommandArguments.Read(step.With, step.Position, beforeSubstitution: false, out var problems);
        var all = args is null ? problems : ExtractProblems(step, beforeSubstitution: false);
        if (args is null || all.Count > 0)
        {
            // Only reachable when a substituted ${var} made a validated step invalid.
            return StepOutcome.Failed(FailureClass.InternalError,
                $"step '{step.Name}' is invalid after substitution: " + string.Join("; ", all.Select(p => $"{p.Position}: {p.Message}")),
                TimeSpan.Zero, null);
        }

        var spec = BuildSpec(args, context);
        ProcessResult result;
        try
        {
            result = await launcher.RunAsync(spec, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return StepOutcome.Failed(FailureClass.Cancelled, $"cancelled before `{spec.Display}` finished", TimeSpan.Zero, null);
        }
        return Interpret(context, spec, args, result);
    }

    /// <summary>What to start for one repetition: the step's program, environment, folder and limits.</summary>
    public static ProcessSpec BuildSpec(CommandArguments args, StepContext context)
    {
        var env = new Dictionary<string, string?>(context.ProcessEnvironment(), StringComparer.Ordinal);
        env.TryAdd(RunEnvironmentNames.Repetition, context.Repetition.ToString(CultureInfo.InvariantCulture));
        foreach (var (k, v) in args.Environment) env[k] = v;
        var cwd = args.WorkingDirectory is null ? Path.GetFullPath(context.SuiteDirectory) : context.ResolvePath(args.WorkingDirectory);
        var program = args.Program.Contains('/') ? context.ResolvePath(args.Program) : args.Program;
        return new ProcessSpec(program, args.Arguments, cwd, env, context.Timeout, args.OutputCapBytes, args.StandardInput);
    }

    /// <summary>Turns a finished process into the repetition's outcome: a failure class, or one sample per extract.</summary>
    public static StepOutcome Interpret(StepContext context, ProcessSpec spec, CommandArguments args, ProcessResult result)
    {
        if (!result.Started)
        {
            return StepOutcome.Failed(FailureClass.SpawnFailed, $"{result.SpawnError} (cwd {spec.WorkingDirectory})", TimeSpan.Zero, null);
        }
        var artifacts = Artifacts(context, result);
        var command = Shorten(spec.Display, 200);
        if (result.Cancelled)
        {
            return StepOutcome.Failed(FailureClass.Cancelled,
                $"cancelled after {DurationText.Format(result.Wall)}; `{command}` and its process group were killed",
                result.Wall, null, artifacts: artifacts);
        }
        if (result.TimedOut)
        {
            return StepOutcome.Failed(FailureClass.Timeout,
                $"timed out: `{command}` ran past its timeout of {DurationText.Format(spec.Timeout)}; it and its process group were killed",
                result.Wall, null, artifacts: artifacts);
        }
        var exit = result.ExitCode!.Value;
        if (!args.OkExitCodes.Contains(exit))
        {
            var signal = exit > 128 && exit < 128 + 65 ? $" (killed by signal {exit - 128})" : "";
            var stderr = result.Stderr.TotalBytes > 0 ? "stderr: " + OutputPreview.Tail(result.Stderr.Text) : "stderr empty; stdout: " + OutputPreview.Tail(result.Stdout.Text);
            return StepOutcome.Failed(FailureClass.NonZeroExit,
                $"`{command}` exited with code {exit}{signal}; {stderr}", result.Wall, exit, artifacts: artifacts);
        }

        var samples = new List<Sample>();
        foreach (var extract in context.Step.Extract)
        {
            var found = MetricExtractor.Extract(extract, result.Stdout.Text, result.Wall);
            if (found.Value is { } value)
            {
                samples.Add(new Sample(extract.Metric, value, context.Case.Suite.Metric(extract.Metric)?.Unit ?? ""));
                continue;
            }
            if (result.Stdout.Truncated && found.Failure == FailureClass.NoMetric)
            {
                return StepOutcome.Failed(FailureClass.TruncatedOutput,
                    $"{found.Message}; stdout was cut at {result.Stdout.Bytes.LongLength.ToString(CultureInfo.InvariantCulture)} of {result.Stdout.TotalBytes.ToString(CultureInfo.InvariantCulture)} bytes (raise 'output_cap')",
                    result.Wall, exit, artifacts: artifacts);
            }
            return StepOutcome.Failed(found.Failure!.Value, found.Message!, result.Wall, exit, artifacts: artifacts);
        }
        return StepOutcome.Success(samples, result.Wall, exit, artifacts: artifacts);
    }

    /// <summary>The name an artifact of this repetition gets, e.g. <c>bench.r3.stdout</c> (<c>.w1.</c> for warm-ups).</summary>
    public static string ArtifactName(StepContext context, string stream) =>
        $"{context.Step.Name}.{(context.Warmup ? "w" : "r")}{context.Repetition.ToString(CultureInfo.InvariantCulture)}.{stream}";

    private static List<Artifact> Artifacts(StepContext context, ProcessResult result) =>
    [
        new(ArtifactName(context, "stdout"), "text/plain", result.Stdout.Bytes, result.Stdout.Sha256, result.Stdout.TotalBytes),
        new(ArtifactName(context, "stderr"), "text/plain", result.Stderr.Bytes, result.Stderr.Sha256, result.Stderr.TotalBytes),
    ];

    private static List<ArgProblem> ExtractProblems(StepSpec step, bool beforeSubstitution)
    {
        var problems = new List<ArgProblem>();
        foreach (var duplicate in step.Extract.GroupBy(e => e.Metric).Where(g => g.Count() > 1))
        {
            problems.Add(new ArgProblem(duplicate.Skip(1).First().Position, $"metric '{duplicate.Key}' is extracted twice"));
        }
        foreach (var extract in step.Extract)
        {
            // Before substitution a ${var} inside the expression makes it unreadable; it is checked again at run time.
            if (beforeSubstitution && ArgScalar.ReferencedNames(extract.Expression).Any()) continue;
            if (MetricExtractor.Problem(extract) is { } problem)
            {
                problems.Add(new ArgProblem(extract.Position, $"extract '{extract.Metric}': {problem}"));
            }
        }
        return problems;
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
