using PerfLab.Harness.Domain;

namespace PerfLab.Harness.Execution;

/// <summary>Reads a device's temperature between cases, for cool-down and thermal aborts.</summary>
public interface IThermalProbe
{
    /// <summary>The device family this probe reads ("hailo", "cuda").</summary>
    string Family { get; }

    /// <summary>The current chip temperature in °C, or null when the device cannot report one.</summary>
    Task<double?> ReadCelsiusAsync(Device device, CancellationToken cancellationToken);
}
