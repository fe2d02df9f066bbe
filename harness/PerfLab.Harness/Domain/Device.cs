namespace PerfLab.Harness.Domain;

/// <summary>A device a case runs on: a host CPU, a Hailo module or a GPU, real or emulated.</summary>
/// <param name="Id">Stable id on its host, e.g. "host", "hailo:0001:01:00.0", "cuda:GPU-5f1c...".</param>
/// <param name="Family">"host", "hailo" or "cuda".</param>
/// <param name="Model">What comparisons match on: "HAILO10H", "NVIDIA H100 80GB HBM3", the CPU model.</param>
/// <param name="Labels">What suites select on (family, arch, model, emulated, ...).</param>
/// <param name="Properties">Identity facts: serial, firmware, driver, HailoRT version, memory, ...</param>
/// <param name="KeyProperties">Names of <paramref name="Properties"/> that belong in the comparability key.</param>
/// <param name="Emulated">True for devices simulated by PerfLab; their results are never evidence.</param>
public sealed record Device(
    string Id,
    string Family,
    string Model,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Properties,
    IReadOnlyList<string> KeyProperties,
    bool Emulated)
{
    /// <summary>Environment variables a runner must set so a tool talks to this device (e.g. PATH with an emulator first).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
}
