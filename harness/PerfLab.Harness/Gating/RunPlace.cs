using PerfLab.Harness.Storage;

namespace PerfLab.Harness.Gating;

/// <summary>What <see cref="GateWindow"/> needs of a run to place its build in history: the build, its branch, its tags and
/// when it started (a build's place is its first run's start).</summary>
public sealed record RunPlace(string Build, string Branch, IReadOnlyDictionary<string, string> Tags, DateTimeOffset StartedAt)
{
    /// <summary>The place of a stored run.</summary>
    public static RunPlace Of(StoredRun run) => new(run.Build, run.Branch, run.Tags, run.StartedAt);
}
