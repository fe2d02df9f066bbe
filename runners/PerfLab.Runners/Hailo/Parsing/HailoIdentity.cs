namespace PerfLab.Runners.Hailo.Parsing;

/// <summary>One device block of <c>hailortcli fw-control identify</c>.</summary>
/// <param name="Architecture">From "Device Architecture" (HAILO8, HAILO8L, HAILO10H...): the chip. Board Name is not
/// the chip: a Hailo-8L reports "Board Name: Hailo-8".</param>
/// <param name="BoardName">Absent on 5.x and when not configured.</param>
/// <param name="SerialNumber">Null when the line is omitted (4.22+) or reads <c>&lt;N/A&gt;</c> (≤4.21).</param>
public sealed record HailoIdentity(
    string DeviceId,
    string? ControlProtocolVersion,
    string? FirmwareVersion,
    string? FirmwareBuild,
    string? BoardName,
    string? Architecture,
    string? SerialNumber,
    string? PartNumber,
    string? ProductName,
    IReadOnlyList<string> SupportedFeatures);
