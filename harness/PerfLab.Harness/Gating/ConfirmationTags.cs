using System.Globalization;
using PerfLab.Harness.Storage;

namespace PerfLab.Harness.Gating;

/// <summary>The run tags that mark a confirming round (<c>perflab run --confirm</c>): a confirming run is an ordinary run of the same
/// build, so the store, merge, ingest and export carry it unchanged; these tags alone tell the gate which samples confirm.</summary>
public static class ConfirmationTags
{
    /// <summary>The round, 1 for the first re-measurement.</summary>
    public const string Round = "perflab.confirm_round";

    /// <summary>The id of the run (same build, suite and device) whose cases the round re-measures.</summary>
    public const string Confirms = "perflab.confirms";

    /// <summary>The confirming round of a run, or null for a first measurement (no tag, or one that is not a positive number).</summary>
    public static int? RoundOf(IReadOnlyDictionary<string, string> tags) =>
        tags.TryGetValue(Round, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : null;

    /// <summary>The confirming round of a stored run, or null.</summary>
    public static int? RoundOf(StoredRun run) => RoundOf(run.Tags);
}
