using PerfLab.Harness.Domain;

namespace PerfLab.Results.Import;

/// <summary>One metric of one benchmark as a peer file states it: its raw samples (one when the format keeps only a value),
/// where it sits in the file, and whatever the file says about its build, suite and time.</summary>
/// <param name="Line">1-based line of the figure in the file (for messages and for the run's first line).</param>
/// <param name="Better">The good direction, or null when the format does not say (then <see cref="PeerImportOptions.Better"/>).</param>
/// <param name="Bounds">An interval the tool reported around a single value (BMF lower/upper, a parsed github-action-benchmark
/// range), kept as case facts; null when there is none.</param>
/// <param name="Suite">The suite this figure belongs to when the file names one per figure (a data.js entry group).</param>
/// <param name="Build">The build this figure belongs to when the file names one per figure (a data.js commit).</param>
/// <param name="At">When the figure was measured, if the file says.</param>
public sealed record PeerFigure(
    int Line,
    string Case,
    IReadOnlyDictionary<string, string> Parameters,
    string Metric,
    string Unit,
    Better? Better,
    IReadOnlyList<double> Samples,
    ReportedBounds? Bounds = null,
    string? Suite = null,
    string? Build = null,
    DateTimeOffset? At = null);

/// <summary>An interval a tool reported with a value: numeric bounds where it gave numbers, else its text.</summary>
public sealed record ReportedBounds(double? Lower, double? Upper, string? Text = null);

/// <summary>What a peer file says about all of its figures; null where it says nothing.</summary>
/// <param name="Device">The device's name (a CPU model, a host name) when the file names one.</param>
/// <param name="Host">The machine's name when the file gives it.</param>
public sealed record PeerSource(
    string? Device = null,
    string? Host = null,
    string? Suite = null,
    string? Build = null,
    string? Branch = null,
    DateTimeOffset? At = null);
