using PerfLab.Harness.Domain;

namespace PerfLab.Runners.Extraction;

/// <summary>One metric read from one output: a finite value, or the failure class and why.</summary>
public sealed record ExtractionResult(string Metric, double? Value, FailureClass? Failure, string? Message)
{
    public bool Found => Value is not null;

    public static ExtractionResult Of(string metric, double value) => new(metric, value, null, null);

    public static ExtractionResult NotFound(string metric, string message) => new(metric, null, FailureClass.NoMetric, message);

    public static ExtractionResult Garbage(string metric, string message) => new(metric, null, FailureClass.GarbageOutput, message);
}
