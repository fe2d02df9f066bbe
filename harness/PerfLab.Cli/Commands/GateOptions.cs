using System.CommandLine;
using PerfLab.Harness.Gating;

namespace PerfLab.Cli.Commands;

/// <summary>The options compare and gate share, and how they become a <see cref="GateRequest"/>.</summary>
internal sealed class GateOptions
{
    public Option<FileInfo> Db { get; } = CommonOptions.Database();

    public Option<string> Candidate { get; } = new("--candidate") { Description = "The build to judge (as stored by 'perflab run --build' or ingest).", Required = true };

    public Option<string?> Baseline { get; } = new("--baseline")
    {
        Description = "Baseline selector: branch:NAME (default branch:main: the last --baseline-builds builds on that branch before the candidate), " +
                      "build:ID (that build), tag:key=value or tag:value (the newest --baseline-builds builds whose runs carry the tag).",
    };

    public Option<int> BaselineBuilds { get; } = new("--baseline-builds") { Description = "How many builds a branch or tag baseline pools.", DefaultValueFactory = _ => 5 };

    public Option<int> HistoryBuilds { get; } = new("--history-builds")
    {
        Description = "How many builds before the candidate (on the baseline branch) the noise estimate and the one-value-per-build test read (minimum 2; that test needs 10).",
        DefaultValueFactory = _ => 20,
    };

    public Option<string?> Suite { get; } = new("--suite") { Description = "Only this suite." };

    public Option<double?> Budget { get; } = new("--budget") { Description = "Budget in % for metrics whose suite sets none (default 3)." };

    public Option<bool> Json { get; } = CommonOptions.Json();

    public IEnumerable<Option> All => [Db, Candidate, Baseline, BaselineBuilds, HistoryBuilds, Suite, Budget, Json];

    public GateRequest Request(ParseResult parse, bool allowMissingBaseline = false, bool allowInconclusive = false) =>
        new(parse.GetValue(Candidate)!, BaselineSpec.Parse(parse.GetValue(Baseline)), parse.GetValue(BaselineBuilds),
            parse.GetValue(Suite), parse.GetValue(Budget), allowMissingBaseline, allowInconclusive, parse.GetValue(HistoryBuilds));
}
