namespace PerfLab.Harness.Gating;

/// <summary>A gate request the history cannot answer (an unknown candidate, a baseline selector that names nothing): the CLI
/// prints it as a usage error (exit 2).</summary>
public sealed class GateInputException(string message) : Exception(message);
