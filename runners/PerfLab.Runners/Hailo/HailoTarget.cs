using PerfLab.Runners.Hailo.Parsing;

namespace PerfLab.Runners.Hailo;

/// <summary>What the preflight learned about the device a step runs on.</summary>
/// <param name="DeviceId">The id passed as <c>-s</c>, when the device record names one.</param>
public sealed record HailoTarget(HailoVersion Version, HailoIdentity Identity, string? DeviceId)
{
    public string Architecture => Identity.Architecture ?? "Unknown";

    /// <summary>From 5.1 on, <c>run</c> is refused on Hailo-10H (and the other new-arch chips); <c>run2</c> is used.</summary>
    public bool RunIsRefused => Version.AtLeast(5, 1) && !IsHailo8Family(Architecture);

    public static bool IsHailo8Family(string arch) =>
        arch.StartsWith("HAILO8", StringComparison.OrdinalIgnoreCase);

    /// <summary>The device options to append (<c>-s id</c>), empty when the device record names no id.</summary>
    public IReadOnlyList<string> DeviceOptions => DeviceId is null ? [] : ["-s", DeviceId];
}
