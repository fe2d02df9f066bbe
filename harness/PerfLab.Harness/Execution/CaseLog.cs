using PerfLab.Harness.Domain;

namespace PerfLab.Harness.Execution;

/// <summary>Accumulates what a case produced while it runs, and turns it into one <see cref="CaseResult"/>.</summary>
internal sealed class CaseLog(PlannedCase plannedCase, DateTimeOffset startedAt)
{
    private readonly List<RecordedSample> _samples = [];
    private readonly List<RepetitionRecord> _repetitions = [];
    private readonly List<Check> _checks = [];
    private readonly List<Artifact> _artifacts = [];
    private readonly List<TelemetryPoint> _telemetry = [];
    private readonly Dictionary<string, string> _facts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _keyFacts = new(StringComparer.Ordinal);
    private FailureClass? _failure;
    private string? _failureMessage;

    public bool Ended => _failure is not null;

    public void Record(string step, int repetition, bool warmup, StepOutcome outcome)
    {
        _repetitions.Add(new RepetitionRecord(step, repetition, warmup, outcome.Wall.TotalSeconds, outcome.ExitCode, outcome.Failure?.Code));
        _checks.AddRange(outcome.Checks);
        _telemetry.AddRange(outcome.Telemetry);
        foreach (var (k, v) in outcome.Facts) _facts[k] = v;
        foreach (var k in outcome.KeyFacts) _keyFacts.Add(k);
        // Warm-up output is kept only when it explains a failure.
        if (!warmup || !outcome.Succeeded) _artifacts.AddRange(outcome.Artifacts);

        if (!outcome.Succeeded)
        {
            var where = warmup ? $"warm-up {repetition + 1}" : $"repetition {repetition + 1}";
            Fail(outcome.Failure!.Value, $"step '{step}', {where}: {outcome.FailureMessage}");
            return;
        }
        if (warmup) return;
        foreach (var s in outcome.Samples)
        {
            var declared = plannedCase.Suite.Metric(s.Metric);
            if (declared is not null && !string.Equals(declared.Unit, s.Unit, StringComparison.OrdinalIgnoreCase))
            {
                Fail(FailureClass.UnitMismatch, $"step '{step}' reported {s.Metric} in '{s.Unit}' but the suite declares '{declared.Unit}'");
                return;
            }
            _samples.Add(new RecordedSample(step, repetition, s.Metric, s.Value, declared?.Unit ?? s.Unit));
        }
    }

    public void AddCheck(Check check) => _checks.Add(check);

    public void AddTelemetry(TelemetryPoint point) => _telemetry.Add(point);

    public void Fail(FailureClass failure, string message)
    {
        if (_failure is not null) return;
        _failure = failure;
        _failureMessage = message;
    }

    public CaseResult ToResult(DateTimeOffset endedAt)
    {
        var key = ComparabilityKey.Build(plannedCase, _facts, _keyFacts);
        // Samples of repetitions that passed before a failure are kept for audit; every reader of history
        // and every report uses passed cases only, so they never stand as a measurement.
        return new CaseResult(
            plannedCase.Name, plannedCase.Point.Values, plannedCase.Device, key.Hash, key.Parts,
            StatusFor(_failure), _failure, _failureMessage, _samples, _repetitions, _checks, _artifacts, _telemetry,
            _facts, startedAt, endedAt);
    }

    private static CaseStatus StatusFor(FailureClass? failure) => failure switch
    {
        null => CaseStatus.Passed,
        { Code: "dependency-check-failed" } => CaseStatus.DependencyCheckFailed,
        { Code: "not-run" } => CaseStatus.NotRun,
        { Code: "aborted-thermal" } => CaseStatus.AbortedThermal,
        _ => CaseStatus.Failed,
    };
}
