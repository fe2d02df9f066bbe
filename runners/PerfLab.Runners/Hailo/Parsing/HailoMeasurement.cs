using PerfLab.Harness.Domain;

namespace PerfLab.Runners.Hailo.Parsing;

/// <summary>Figures one hailortcli output yielded, the facts it stated and whether the output was whole.</summary>
/// <param name="Facts">Things the output named (network group, device id) that are not figures.</param>
/// <param name="Problem">Why the output is <see cref="OutputState.Truncated"/> or <see cref="OutputState.Garbage"/>.</param>
public sealed record HailoMeasurement(
    IReadOnlyList<Sample> Samples,
    IReadOnlyDictionary<string, string> Facts,
    OutputState State,
    string? Problem)
{
    public static HailoMeasurement Garbage(string problem) => new([], new Dictionary<string, string>(), OutputState.Garbage, problem);

    public double? Value(string metric) => Samples.FirstOrDefault(s => s.Metric == metric)?.Value;

    public Sample? Find(string metric) => Samples.FirstOrDefault(s => s.Metric == metric);
}

/// <summary>Whether a tool output could be read completely.</summary>
public enum OutputState
{
    Complete = 1,
    /// <summary>The output started in the expected format but stopped before its figures.</summary>
    Truncated = 2,
    /// <summary>Nothing in the output has the expected format.</summary>
    Garbage = 3,
}
