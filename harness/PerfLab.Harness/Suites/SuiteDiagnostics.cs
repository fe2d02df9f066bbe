using PerfLab.Harness.Domain;

namespace PerfLab.Harness.Suites;

/// <summary>Collects the problems found while loading one suite file.</summary>
internal sealed class SuiteDiagnostics(string path)
{
    private readonly List<SuiteError> _errors = [];

    public string Path => path;

    public bool Any => _errors.Count > 0;

    public void Add(SourcePosition at, string message) => _errors.Add(new SuiteError(path, at, message));

    /// <summary>The problems sorted by position so a reader can walk the file from top to bottom.</summary>
    public IReadOnlyList<SuiteError> Sorted() =>
        _errors.Select((e, i) => (e, i))
               .OrderBy(x => x.e.Position.Line).ThenBy(x => x.e.Position.Column).ThenBy(x => x.i)
               .Select(x => x.e).ToList();
}
