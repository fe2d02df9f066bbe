namespace PerfLab.Harness.Domain;

/// <summary>One suite × one matrix point × one device, ready to execute.</summary>
public sealed record PlannedCase(Suite Suite, MatrixPoint Point, Device Device)
{
    /// <summary>A readable case name: the matrix point's label.</summary>
    public string Name => Point.Label;
}
