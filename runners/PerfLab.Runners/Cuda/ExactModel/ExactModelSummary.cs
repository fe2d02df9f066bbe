namespace PerfLab.Runners.Cuda.ExactModel;

/// <summary>One exact-model proof-of-concept run as its raw summary JSON describes it (schema <c>perflab.exact-model-summary/1</c>).</summary>
/// <param name="ProbeKind">"generation" for a real generation run; "loader-only" and "proxy" runs are never cited.</param>
/// <param name="DependencyCheck">"passed" or "failed", as recorded by the run's own dependency check.</param>
/// <param name="Fit">Null when the summary has no <c>fit</c> group at all.</param>
public sealed record ExactModelSummary(
    string Schema,
    string? RunId,
    string? ModelId,
    string? ProbeKind,
    string? DependencyCheck,
    string? DependencyCheckDetail,
    ExactModelFit? Fit,
    ExactModelQuality? Quality,
    ExactModelSpeed? Speed)
{
    public const string SchemaName = "perflab.exact-model-summary/1";
}

/// <summary>Fit/headroom: GPU, context length, memory allocated/reserved and OOM state.</summary>
public sealed record ExactModelFit(string? Gpu, long? ContextLength, long? MemoryAllocatedBytes, long? MemoryReservedBytes, bool? Oom, string? OomDetail)
{
    public IReadOnlyList<string> Missing() =>
        new (string Name, bool Present)[]
        {
            ("gpu", Gpu is not null), ("context_length", ContextLength is not null), ("memory_allocated_bytes", MemoryAllocatedBytes is not null),
            ("memory_reserved_bytes", MemoryReservedBytes is not null), ("oom", Oom is not null),
        }.Where(f => !f.Present).Select(f => f.Name).ToList();
}

/// <summary>Quality/correctness: the prompt or task id and the generated answer artifact (path relative to the summary, and its sha256).</summary>
public sealed record ExactModelQuality(string? PromptId, string? TaskId, string? AnswerArtifact, string? AnswerSha256)
{
    public IReadOnlyList<string> Missing() =>
        new (string Name, bool Present)[]
        {
            ("prompt_id|task_id", PromptId is not null || TaskId is not null), ("answer_artifact", AnswerArtifact is not null),
            ("answer_sha256", AnswerSha256 is not null),
        }.Where(f => !f.Present).Select(f => f.Name).ToList();
}

/// <summary>Speed/usability: wall time, generated tokens, tokens per second and what it is compared with.</summary>
public sealed record ExactModelSpeed(double? WallSeconds, long? GeneratedTokens, double? TokensPerSecond, string? ComparisonTarget)
{
    public IReadOnlyList<string> Missing() =>
        new (string Name, bool Present)[]
        {
            ("wall_s", WallSeconds is not null), ("generated_tokens", GeneratedTokens is not null),
            ("tokens_per_s", TokensPerSecond is not null), ("comparison_target", ComparisonTarget is not null),
        }.Where(f => !f.Present).Select(f => f.Name).ToList();
}
