namespace PerfLab.Cli;

/// <summary>A user error: printed as one clear message and exit code 2, never as a stack trace.</summary>
public sealed class UsageException(string message) : Exception(message);
