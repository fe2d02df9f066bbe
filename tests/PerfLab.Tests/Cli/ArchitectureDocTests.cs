using System.Text.RegularExpressions;
using NUnit.Framework;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Cli;

public partial class ArchitectureDocTests
{
    // A backticked span is taken for a repository path when it starts with one of these folders, so a renamed or
    // misspelt path is caught instead of being skipped as "not a path".
    private static readonly string[] TopFolders = ["harness/", "runners/", "results/", "reports/", "suites/", "tests/", "docs/"];

    [GeneratedRegex("^```.*?^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedBlock();

    [GeneratedRegex("`([^`\n]+)`")]
    private static partial Regex InlineCode();

    /// <summary>Every backticked repository path in <paramref name="markdown"/>, outside fenced blocks (the picture).</summary>
    internal static IReadOnlyList<string> RepositoryPaths(string markdown) =>
        InlineCode().Matches(FencedBlock().Replace(markdown, ""))
            .Select(m => m.Groups[1].Value)
            .Where(s => !s.Contains(' ', StringComparison.Ordinal) && (TopFolders.Any(f => s.StartsWith(f, StringComparison.Ordinal)) || s == "README.md"))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    internal static IReadOnlyList<string> Missing(string root, IEnumerable<string> paths) =>
        paths.Where(p => !File.Exists(Path.Combine(root, p)) && !Directory.Exists(Path.Combine(root, p))).ToList();

    [Test]
    public void Every_path_docs_architecture_names_exists()
    {
        var doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "architecture.md"));
        var paths = RepositoryPaths(doc);
        // The walk names a file at each of its nine steps; far fewer means the extraction stopped seeing them.
        Assert.That(paths, Has.Count.GreaterThan(40));
        Assert.That(Missing(RepoPaths.Root, paths), Is.Empty, "docs/architecture.md names paths that do not exist");
    }

    [Test]
    public void A_wrong_path_is_reported_and_prose_and_the_picture_are_not_paths()
    {
        const string doc = "See `harness/PerfLab.Harness/Suites/SuiteLoader.cs` and `runners/PerfLab.Runners/Hailo/NoSuchRunner.cs`;\n"
                           + "the `fps` metric, `perflab run`, `hailo.run`.\n```\nharness/PerfLab.Cli  `not/a/path.cs`\n```\n";
        var paths = RepositoryPaths(doc);
        Assert.That(paths, Is.EqualTo(new[] { "harness/PerfLab.Harness/Suites/SuiteLoader.cs", "runners/PerfLab.Runners/Hailo/NoSuchRunner.cs" }));
        Assert.That(Missing(RepoPaths.Root, paths), Is.EqualTo(new[] { "runners/PerfLab.Runners/Hailo/NoSuchRunner.cs" }));
    }

    [Test]
    public void Readme_lists_docs_architecture()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        Assert.That(readme, Does.Contain("- `docs/architecture.md`"));
    }
}
