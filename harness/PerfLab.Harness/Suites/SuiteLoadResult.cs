using PerfLab.Harness.Domain;

namespace PerfLab.Harness.Suites;

/// <summary>What loading a suite gave: the suite when it is valid, otherwise every problem found (in file order).</summary>
public sealed record SuiteLoadResult(Suite? Suite, IReadOnlyList<SuiteError> Errors)
{
    public bool IsValid => Suite is not null;
}
