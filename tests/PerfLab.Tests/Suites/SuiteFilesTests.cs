using NUnit.Framework;
using PerfLab.Harness.Suites;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Suites;

/// <summary>Expanding command-line paths into suite files.</summary>
public sealed class SuiteFilesTests
{
    [Test]
    public void AFolder_GivesItsOwnYamlFiles_Sorted_WithoutSubfolders()
    {
        using var dir = new TempDirectory();
        foreach (var name in new[] { "b.yaml", "a.yml", "C.YAML", "notes.txt" }) File.WriteAllText(dir.File(name), "");
        Directory.CreateDirectory(dir.File("devices"));
        Directory.CreateDirectory(dir.File("workloads"));
        Directory.CreateDirectory(dir.File("nested"));
        File.WriteAllText(Path.Combine(dir.File("devices"), "pi5.yaml"), "");
        File.WriteAllText(Path.Combine(dir.File("workloads"), "input.yaml"), "");
        File.WriteAllText(Path.Combine(dir.File("nested"), "deep.yaml"), "");

        var list = SuiteFiles.Expand([dir.Path]);
        Assert.That(list.Errors, Is.Empty);
        Assert.That(list.Files.Select(Path.GetFileName), Is.EqualTo(new[] { "C.YAML", "a.yml", "b.yaml" }));
    }

    [Test]
    public void FilesAreKeptInTheGivenOrder_AndListedOnce()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("z.yaml"), "");
        File.WriteAllText(dir.File("a.yaml"), "");
        var list = SuiteFiles.Expand([dir.File("z.yaml"), dir.Path, dir.File("a.yaml")]);
        Assert.That(list.Errors, Is.Empty);
        Assert.That(list.Files, Is.EqualTo(new[] { dir.File("z.yaml"), dir.File("a.yaml") }));
    }

    [Test]
    public void MissingPaths_EmptyFolders_AndProfileFolders_AreClearErrors()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("empty"));
        Directory.CreateDirectory(dir.File("devices"));
        File.WriteAllText(Path.Combine(dir.File("devices"), "pi5.yaml"), "");
        var missing = dir.File("nope.yaml");

        var list = SuiteFiles.Expand([missing, dir.File("empty"), dir.File("devices") + "/"]);
        Assert.That(list.Files, Is.Empty);
        Assert.That(list.Errors.Select(e => e.ToString()), Is.EqualTo(new[]
        {
            $"{missing}: no such file or folder",
            $"{dir.File("empty")}: the folder holds no .yaml or .yml file",
            $"{dir.File("devices")}/: 'devices/' holds device profiles, not suites; name the suites folder or a suite file",
        }));
    }

    [Test]
    public void EveryFixtureSuite_IsFound()
    {
        var good = SuiteFiles.Expand([RepoPaths.Fixture("suites", "good")]);
        Assert.That(good.Files.Select(Path.GetFileName), Is.EqualTo(new[] { "full.yaml", "include-only.yaml", "minimal.yaml" }));
    }
}
