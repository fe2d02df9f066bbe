using PerfLab.Harness.Domain;

namespace PerfLab.Results.Import;

/// <summary>One run read from an imported file, ready to store.</summary>
/// <param name="IdentityPrefix">Run ids of the same suite × device × build × branch start with this; another stored run with
/// the prefix but a different id means the same run was imported before with different content.</param>
/// <param name="Line">First line of the file the run comes from (for messages).</param>
public sealed record ImportedRun(RunInfo Run, DateTimeOffset EndedAt, IReadOnlyList<CaseResult> Cases, string? IdentityPrefix, int Line)
{
    /// <summary>Samples of the run, where the reader knows them without building its cases.</summary>
    public int? SampleCount { get; init; }

    /// <summary>Samples of the run (counted from its cases when the reader did not say).</summary>
    public int Samples => SampleCount ?? Cases.Sum(c => c.Samples.Count);
}

/// <summary>Everything read from one file: the runs, or the problems that stop any of it from being stored.</summary>
public sealed record ImportResult(IReadOnlyList<ImportedRun> Runs, IReadOnlyList<ImportProblem> Problems)
{
    public bool Ok => Problems.Count == 0;
}
