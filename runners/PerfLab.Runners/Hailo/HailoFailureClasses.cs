using PerfLab.Harness.Domain;

namespace PerfLab.Runners.Hailo;

/// <summary>Failure codes only the Hailo runners produce (beside the shared ones in <see cref="FailureClass"/>).</summary>
public static class HailoFailureClasses
{
    /// <summary>The step names a HEF file that does not exist or cannot be read.</summary>
    public static readonly FailureClass HefMissing = new("hef-missing");

    /// <summary>The step's arguments do not fit the tool found on the device (e.g. frames: with run2).</summary>
    public static readonly FailureClass InvalidArguments = new("invalid-arguments");
}
