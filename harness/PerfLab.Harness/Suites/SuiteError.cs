using PerfLab.Harness.Domain;

namespace PerfLab.Harness.Suites;

/// <summary>One problem in a suite file, printed as <c>path:line:col: message</c>.</summary>
/// <param name="Position">Where the problem was written; <see cref="SourcePosition.Unknown"/> for file-level problems.</param>
public sealed record SuiteError(string Path, SourcePosition Position, string Message)
{
    public override string ToString() =>
        Position == SourcePosition.Unknown ? $"{Path}: {Message}" : $"{Path}:{Position.Line}:{Position.Column}: {Message}";
}
