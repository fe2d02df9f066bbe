using PerfLab.Harness.Analysis;

namespace PerfLab.Benchmarks.Detection;

/// <summary>Accuracy on generated performance histories: step recall, false alarms, spikes, and gate verdicts.</summary>
public sealed record SyntheticBenchmarkResult(
    int Seed,
    DetectorConfiguration Detector,
    IReadOnlyList<StepRecallRow> StepRecall,
    int LargeSteps,
    int LargeStepsFound,
    IReadOnlyList<FalseAlarmRow> FalseAlarms,
    int SpikeSeries,
    int SpikesReported,
    IReadOnlyList<VerdictRateRow> Verdicts,
    IReadOnlyList<ShortHistoryRow>? ShortHistories = null);
