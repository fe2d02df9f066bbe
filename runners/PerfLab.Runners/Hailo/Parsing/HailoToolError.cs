using PerfLab.Harness.Domain;

namespace PerfLab.Runners.Hailo.Parsing;

/// <summary>What a failing hailortcli call said: its class, the tool's own root message and status.</summary>
/// <param name="Message">The root cause as the tool worded it, with the status and the CLI's context.</param>
/// <param name="PowerUnsupported">The board has no power/current sensor: not a failure of the measurement itself.</param>
public sealed record HailoToolError(FailureClass Class, string Message, string? Status, int? StatusCode, bool PowerUnsupported);
