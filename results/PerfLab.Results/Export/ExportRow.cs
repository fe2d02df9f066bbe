using PerfLab.Harness.Domain;

namespace PerfLab.Results.Export;

/// <summary>One stored sample with everything that names it: the flat row every export writes from.</summary>
/// <param name="At">When the sample's case started.</param>
/// <param name="DeviceModel">What comparisons match on (for an ingested history: the device's name).</param>
/// <param name="Facts">The case's facts (bounds a tool reported live here, see <c>PeerRunAssembler.LowerFact</c>).</param>
public sealed record ExportRow(
    string RunId,
    DateTimeOffset At,
    string Build,
    string Branch,
    string Host,
    string DeviceId,
    string DeviceModel,
    string Suite,
    string Case,
    IReadOnlyDictionary<string, string> Parameters,
    string ComparabilityKey,
    string Metric,
    string Unit,
    Better Better,
    int Repetition,
    double Value,
    IReadOnlyDictionary<string, string> Facts);
