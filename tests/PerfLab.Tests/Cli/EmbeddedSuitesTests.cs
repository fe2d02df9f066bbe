using NUnit.Framework;
using PerfLab.Cli;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Cli;

/// <summary>The suites embedded in perflab are the repository's suites/ folder, byte for byte, and their cache copy is
/// keyed by content and repaired when altered.</summary>
public sealed class EmbeddedSuitesTests
{
    private static IReadOnlyList<string> RepoSuiteFiles() => Directory.EnumerateFiles(RepoPaths.Suites, "*", SearchOption.AllDirectories)
        .Select(p => Path.GetRelativePath(RepoPaths.Suites, p).Replace('\\', '/'))
        .Where(p => !p.Contains("__pycache__", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal).ToList();

    [Test]
    public void Every_shipped_file_is_embedded_under_its_relative_path_with_the_same_bytes()
    {
        Assert.That(EmbeddedSuites.Files, Is.EqualTo(RepoSuiteFiles()));
        Assert.That(EmbeddedSuites.Files, Does.Contain("devices/hailo-8-emulated.yaml").And.Contain("models/hydra.hef").And.Contain("workloads/host_work.py"));
        foreach (var f in EmbeddedSuites.Files)
            Assert.That(EmbeddedSuites.Read(f), Is.EqualTo(File.ReadAllBytes(Path.Combine(RepoPaths.Suites, f))), f);
    }

    [Test]
    public void Materializing_writes_a_hash_named_copy_and_repairs_an_altered_one()
    {
        using var cache = new TempDirectory();
        var folder = EmbeddedSuites.MaterializeUnder(cache.Path);
        Assert.That(folder, Is.EqualTo(Path.Combine(cache.Path, "suites", EmbeddedSuites.ContentHash()[..16])));
        var script = Path.Combine(folder, "workloads", "host_work.py");
        Assert.That(File.ReadAllBytes(script), Is.EqualTo(File.ReadAllBytes(Path.Combine(RepoPaths.Suites, "workloads", "host_work.py"))));

        File.WriteAllText(script, "print('tampered')\n");
        File.WriteAllText(Path.Combine(folder, "extra.yaml"), "name: extra\n");
        Assert.That(EmbeddedSuites.MaterializeUnder(cache.Path), Is.EqualTo(folder));
        Assert.That(File.ReadAllBytes(script), Is.EqualTo(File.ReadAllBytes(Path.Combine(RepoPaths.Suites, "workloads", "host_work.py"))), "the altered script was restored");
        Assert.That(File.Exists(Path.Combine(folder, "extra.yaml")), Is.False, "a file the build did not ship is not loaded as a suite");
        Assert.That(Directory.GetDirectories(Path.Combine(cache.Path, "suites")), Has.Length.EqualTo(1), "no staging folder left behind");
    }

    [Test]
    public void A_suites_folder_in_the_working_folder_wins_and_a_missing_given_folder_is_a_usage_error()
    {
        using var cwd = new TempDirectory();
        Directory.CreateDirectory(cwd.File("suites"));
        var local = SuiteSource.Resolve(null, cwd.Path);
        Assert.That((local.Kind, local.Directory, local.Line), Is.EqualTo((SuiteSourceKind.Disk, cwd.File("suites"), "suites: ./suites")));
        var given = SuiteSource.Resolve(RepoPaths.Suites, cwd.Path);
        Assert.That(given.Directory, Is.EqualTo(RepoPaths.Suites));
        var e = Assert.Throws<UsageException>(() => SuiteSource.Resolve("nope", cwd.Path));
        Assert.That(e!.Message, Is.EqualTo($"{cwd.File("nope")}: no such suites folder"));
    }

    [Test]
    public void Bare_names_resolve_in_the_local_folder_and_paths_pass_unchanged()
    {
        using var cwd = new TempDirectory();
        Directory.CreateDirectory(cwd.File("suites"));
        File.WriteAllText(cwd.File("suites/host-baseline.yaml"), "name: host-baseline\n");
        var (paths, source) = SuiteSource.ResolveNames(["host-baseline", "other.yaml", "dir/x", "unknown-name"], cwd.Path);
        Assert.That(paths, Is.EqualTo(new[] { cwd.File("suites/host-baseline.yaml"), "other.yaml", "dir/x", "unknown-name" }));
        Assert.That(source!.Kind, Is.EqualTo(SuiteSourceKind.Disk));
        var (plain, none) = SuiteSource.ResolveNames(["a.yaml", "./b"], cwd.Path);
        Assert.That(plain, Is.EqualTo(new[] { "a.yaml", "./b" }));
        Assert.That(none, Is.Null, "no name, so no default source was resolved (nothing materialized)");
    }
}
