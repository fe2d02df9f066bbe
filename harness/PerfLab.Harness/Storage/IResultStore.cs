using PerfLab.Harness.Domain;

namespace PerfLab.Harness.Storage;

/// <summary>Where runs and their cases are written as they happen.</summary>
/// <remarks>Each call is its own transaction: a crash between calls leaves whole cases and a run still
/// marked running, which the next open turns into aborted.</remarks>
public interface IResultStore : IDisposable
{
    /// <summary>Inserts the run with status running (and its host, device and metric definitions).</summary>
    void BeginRun(RunInfo run);

    /// <summary>Stores one case with all its samples, repetitions, checks, artifacts and telemetry, atomically.</summary>
    void RecordCase(string runId, CaseResult result);

    /// <summary>Marks the run finished.</summary>
    void EndRun(string runId, RunStatus status, DateTimeOffset endedAt);
}
