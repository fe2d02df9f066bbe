using PerfLab.Harness.Execution;
using PerfLab.Harness.Suites;

namespace PerfLab.Cli;

/// <summary>Suites named on a command line, loaded together so every error of every file is reported at once.</summary>
public sealed record SuiteSet(IReadOnlyList<PerfLab.Harness.Domain.Suite> Suites, IReadOnlyList<SuiteError> Errors)
{
    /// <summary>The paths a verb loads: <paramref name="given"/> with bare suite names resolved (<see cref="SuiteSource.ResolveNames"/>),
    /// or, when nothing is given, the default source's folder. The source used, if any, is written to <paramref name="log"/> as one line.</summary>
    public static IReadOnlyList<string> DefaultPaths(IReadOnlyList<string> given, TextWriter log) => DefaultSource(given, log).Paths;

    /// <summary><see cref="DefaultPaths"/> with the default source it used (null: only paths were given).</summary>
    public static (IReadOnlyList<string> Paths, SuiteSource? Source) DefaultSource(IReadOnlyList<string> given, TextWriter log)
    {
        if (given.Count == 0)
        {
            var source = SuiteSource.Resolve(null);
            log.WriteLine(source.Line);
            return ([source.Directory], source);
        }
        var (paths, named) = SuiteSource.ResolveNames(given);
        if (named is not null) log.WriteLine(named.Line);
        return (paths, named);
    }

    public static SuiteSet Load(IEnumerable<string> paths, RunnerCatalog runners)
    {
        var files = SuiteFiles.Expand(paths);
        var suites = new List<PerfLab.Harness.Domain.Suite>();
        var errors = new List<SuiteError>(files.Errors);
        var loader = new SuiteLoader(runners);
        foreach (var file in files.Files)
        {
            var result = loader.Load(file);
            if (result.Suite is not null) suites.Add(result.Suite);
            errors.AddRange(result.Errors);
        }
        var duplicate = suites.GroupBy(s => s.Name).Where(g => g.Count() > 1);
        foreach (var g in duplicate)
        {
            errors.Add(new SuiteError(g.Last().SourcePath, new PerfLab.Harness.Domain.SourcePosition(1, 1),
                $"suite name '{g.Key}' is also used by {g.First().SourcePath}"));
        }
        return new SuiteSet(suites, errors);
    }
}
