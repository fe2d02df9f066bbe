using PerfLab.Harness.Domain;

namespace PerfLab.Results.Import;

/// <summary>What the command line adds to an imported history.</summary>
/// <param name="Branch">Branch for every run; overrides the file's own (null: the file's, else "main").</param>
/// <param name="Scope">Evidence scope of CSV runs (a JSON run states its own unless <paramref name="ScopeOverride"/>).</param>
/// <param name="Emulated">The devices of a CSV history are emulated (their runs are then scoped emulated).</param>
/// <param name="Tags">Tags added to every run (key=value).</param>
/// <param name="AgentVersion">PerfLab version recorded as the run's agent.</param>
public sealed record ImportOptions(
    string? Branch = null,
    EvidenceScope Scope = EvidenceScope.ResearchCampaign,
    bool ScopeOverride = false,
    bool Emulated = false,
    IReadOnlyDictionary<string, string>? Tags = null,
    string AgentVersion = "0.0.0")
{
    /// <summary>Branch of ingested runs when neither the file nor the options name one.</summary>
    public const string DefaultBranch = "main";

    public static ImportOptions Default { get; } = new();
}
