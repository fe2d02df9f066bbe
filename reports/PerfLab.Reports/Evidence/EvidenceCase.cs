using PerfLab.Harness.Domain;
using PerfLab.Harness.Storage;

namespace PerfLab.Reports.Evidence;

/// <summary>One stored case with the run it belongs to: the unit the evidence rules judge.</summary>
public sealed record EvidenceCase(StoredRun Run, long CaseId, CaseResult Result)
{
    /// <summary>"HAILO10H (hailo-emulated:...)" or the id alone when model and id agree.</summary>
    public string DeviceName => Run.DeviceModel == Run.DeviceId ? Run.DeviceId : $"{Run.DeviceModel} ({Run.DeviceId})";

    public string? Fact(string name) => Result.Facts.TryGetValue(name, out var v) && v.Length > 0 ? v : null;
}
