namespace PerfLab.Results;

/// <summary>Which history <see cref="ResultQueries.LoadSeries"/> reads; null fields do not filter.</summary>
/// <param name="Builds">Only these builds (e.g. a baseline window plus the candidate).</param>
/// <param name="DeviceModel">Only cases on devices of this model.</param>
public sealed record SeriesFilter(
    string? Suite = null,
    string? Branch = null,
    IReadOnlyCollection<string>? Builds = null,
    string? Metric = null,
    string? ComparabilityKey = null,
    string? DeviceModel = null)
{
    public static SeriesFilter All { get; } = new();
}
