namespace PerfLab.Reports.Charts;

/// <summary>One metric across devices: a bar per device and series (e.g. "package smoke" beside "HF mean"), each with an optional interval.</summary>
/// <param name="Series">Names of the bars every device gets, in order; at most <see cref="MaxSeries"/>.</param>
/// <param name="Devices">One row per device, in display order.</param>
public sealed record DeviceComparisonChart(
    string Title,
    string ValueLabel,
    string Unit,
    IReadOnlyList<string> Series,
    IReadOnlyList<DeviceRow> Devices,
    BarOrientation Orientation = BarOrientation.Horizontal)
{
    /// <summary>The most series one chart distinguishes by colour.</summary>
    public const int MaxSeries = 5;
}

/// <summary>A device's bars: one value per series of the chart, null where the device has none.</summary>
/// <param name="Note">Printed where the bars would be when the device has none (e.g. "error: …"), so it is never silently absent.</param>
public sealed record DeviceRow(string Device, IReadOnlyList<BarValue?> Values, string? Note = null);

/// <summary>A bar's value with an optional interval (Low..High) drawn as a whisker.</summary>
public sealed record BarValue(double Value, double? Low = null, double? High = null);

/// <summary>Whether bars grow to the right (devices listed down the side) or upwards (devices along the bottom).</summary>
public enum BarOrientation
{
    Horizontal = 0,
    Vertical = 1,
}
