using System.Globalization;
using PerfLab.Harness.Domain;

namespace PerfLab.Harness.Execution;

/// <summary>Runs one case: cool-down, then each step's warm-up and measured repetitions, stopping at the first failure.</summary>
/// <remarks>Warm-up repetitions run through the same runner but their samples are dropped: they exist to fill
/// caches and clocks, and a figure from them would bias the median.</remarks>
public sealed class CaseExecutor(RunnerCatalog runners, IEnumerable<IThermalProbe> probes, CaseExecutorOptions? options = null)
{
    private readonly Dictionary<string, IThermalProbe> _probes = probes.ToDictionary(p => p.Family, StringComparer.Ordinal);
    private readonly CaseExecutorOptions _options = options ?? CaseExecutorOptions.Default;

    /// <param name="repetitions">Measured repetitions of every repeated step instead of the suite's (a confirming round's count);
    /// null keeps the suite's. Steps marked <c>once</c> still run once.</param>
    public async Task<CaseResult> ExecuteAsync(
        PlannedCase plannedCase, IReadOnlyDictionary<string, string> runEnvironment, IRunProgress progress,
        CancellationToken cancellationToken, int? repetitions = null)
    {
        var log = new CaseLog(plannedCase, DateTimeOffset.UtcNow);
        var variables = CaseVariables.For(plannedCase);
        var suiteDirectory = variables["suite_dir"];
        var probe = _probes.GetValueOrDefault(plannedCase.Device.Family);

        await CoolDownAsync(plannedCase, probe, log, cancellationToken).ConfigureAwait(false);

        foreach (var declared in plannedCase.Suite.Steps)
        {
            if (log.Ended) break;
            var runner = runners.Find(declared.Runner);
            if (runner is null)
            {
                log.Fail(FailureClass.InternalError, $"step '{declared.Name}': no runner named '{declared.Runner}' in this build");
                break;
            }
            var step = CaseVariables.Substitute(declared, variables);
            await RunStepAsync(plannedCase, runner, step, suiteDirectory, runEnvironment, probe, log, progress, repetitions, cancellationToken)
                .ConfigureAwait(false);
        }
        return log.ToResult(DateTimeOffset.UtcNow);
    }

    private async Task RunStepAsync(
        PlannedCase plannedCase, IStepRunner runner, StepSpec step, string suiteDirectory,
        IReadOnlyDictionary<string, string> runEnvironment, IThermalProbe? probe, CaseLog log, IRunProgress progress,
        int? repetitions, CancellationToken cancellationToken)
    {
        var defaults = plannedCase.Suite.Defaults;
        var measured = step.Once ? 1 : repetitions ?? step.Repetitions ?? defaults.Repetitions;
        var warmups = step.Once ? 0 : step.WarmupRepetitions ?? defaults.WarmupRepetitions;
        var timeout = step.Timeout ?? defaults.Timeout;

        for (var i = 0; i < warmups + measured && !log.Ended; i++)
        {
            var warmup = i < warmups;
            var repetition = warmup ? i : i - warmups;
            var env = new Dictionary<string, string>(runEnvironment, StringComparer.Ordinal)
            {
                [RunEnvironmentNames.Repetition] = (warmup ? "warmup-" : "") + repetition.ToString(CultureInfo.InvariantCulture),
            };
            var context = new StepContext(step, plannedCase, repetition, warmup, timeout, suiteDirectory, env);
            var outcome = await InvokeAsync(runner, context, cancellationToken).ConfigureAwait(false);
            log.Record(step.Name, repetition, warmup, outcome);
            progress.RepetitionFinished(plannedCase, step.Name, repetition, warmup, outcome);
            if (!log.Ended) await CheckThermalLimitAsync(plannedCase, probe, log, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<StepOutcome> InvokeAsync(IStepRunner runner, StepContext context, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
            return StepOutcome.Failed(FailureClass.Cancelled, "the run was cancelled", TimeSpan.Zero, null);
        try
        {
            return await runner.ExecuteAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return StepOutcome.Failed(FailureClass.Cancelled, "the run was cancelled", TimeSpan.Zero, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A runner bug must fail this case with its message, not take the rest of the run down with it.
            return StepOutcome.Failed(FailureClass.InternalError, $"runner '{runner.Name}' crashed: {e.GetType().Name}: {e.Message}", TimeSpan.Zero, null);
        }
    }

    private async Task CoolDownAsync(PlannedCase plannedCase, IThermalProbe? probe, CaseLog log, CancellationToken cancellationToken)
    {
        var thermal = plannedCase.Suite.Thermal;
        if (thermal?.CooldownTo is not { } target || probe is null) return;
        var started = DateTimeOffset.UtcNow;
        while (true)
        {
            var celsius = await ReadSafelyAsync(probe, plannedCase.Device, cancellationToken).ConfigureAwait(false);
            var waited = DateTimeOffset.UtcNow - started;
            if (celsius is null)
            {
                log.AddCheck(new Check("cooldown", false, "the device reported no temperature; measured without cool-down"));
                return;
            }
            log.AddTelemetry(new TelemetryPoint(DateTimeOffset.UtcNow, "cooldown.temperature", celsius.Value, "°C"));
            if (celsius <= target)
            {
                log.AddCheck(new Check("cooldown", true, Invariant($"reached {celsius:0.0} °C (target ≤ {target:0.0} °C) after {waited.TotalSeconds:0} s")));
                return;
            }
            if (waited >= thermal.MaxWait || cancellationToken.IsCancellationRequested)
            {
                log.AddCheck(new Check("cooldown", false, Invariant($"maximum wait {DurationText.Format(thermal.MaxWait)} passed at {celsius:0.0} °C (target ≤ {target:0.0} °C)")));
                return;
            }
            try { await Task.Delay(_options.ThermalPollInterval, cancellationToken).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
        }
    }

    private static async Task CheckThermalLimitAsync(PlannedCase plannedCase, IThermalProbe? probe, CaseLog log, CancellationToken cancellationToken)
    {
        if (plannedCase.Suite.Thermal?.AbortAbove is not { } limit || probe is null) return;
        var celsius = await ReadSafelyAsync(probe, plannedCase.Device, cancellationToken).ConfigureAwait(false);
        if (celsius is null) return;
        log.AddTelemetry(new TelemetryPoint(DateTimeOffset.UtcNow, "thermal-guard.temperature", celsius.Value, "°C"));
        if (celsius > limit)
            log.Fail(FailureClass.AbortedThermal, Invariant($"chip at {celsius:0.0} °C passed the suite's limit of {limit:0.0} °C"));
    }

    private static async Task<double?> ReadSafelyAsync(IThermalProbe probe, Device device, CancellationToken cancellationToken)
    {
        try { return await probe.ReadCelsiusAsync(device, cancellationToken).ConfigureAwait(false); }
        catch (Exception e) when (e is not OutOfMemoryException) { return null; }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Tunables of the case loop.</summary>
public sealed record CaseExecutorOptions(TimeSpan ThermalPollInterval)
{
    public static CaseExecutorOptions Default { get; } = new(TimeSpan.FromSeconds(2));
}
