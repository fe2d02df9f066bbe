namespace PerfLab.Harness.Suites;

/// <summary>The suite files named on a command line, or why some could not be found.</summary>
public sealed record SuiteFileList(IReadOnlyList<string> Files, IReadOnlyList<SuiteError> Errors);
