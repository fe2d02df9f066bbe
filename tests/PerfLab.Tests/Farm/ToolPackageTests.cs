using System.Diagnostics;
using NUnit.Framework;
using PerfLab.Cli;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Farm;

/// <summary>The .NET tool package (README, "perflab on your PATH"; docs/farm.md, "Packaging"): packed by the documented
/// command once for the fixture, installed into a temporary tool path, then started from empty folders.</summary>
[Category("Slow")]
public sealed class ToolPackageTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);
    private TempDirectory? _temp;
    private string _tool = "";

    [OneTimeSetUp]
    public void PackAndInstall()
    {
        _temp = new TempDirectory();
        var packages = _temp.File("packages");
        var watch = Stopwatch.StartNew();
        var pack = SingleFileBuild.Run("dotnet", RepoPaths.Root, TimeSpan.FromMinutes(10), new Dictionary<string, string>(),
            "pack", Path.Combine(RepoPaths.Root, "harness", "PerfLab.Cli"), "-c", "Release", "-o", packages);
        Assert.That(pack.Exit, Is.Zero, pack.Output);
        Assert.That(Directory.GetFiles(packages).Select(Path.GetFileName), Is.EqualTo(new[] { $"PerfLab.{PerfLabServices.AgentVersion}.nupkg" }));
        var toolPath = _temp.File("tools");
        var install = SingleFileBuild.Run("dotnet", _temp.Path, TimeSpan.FromMinutes(5), new Dictionary<string, string>(),
            "tool", "install", "--tool-path", toolPath, "--add-source", packages, "PerfLab");
        Assert.That(install.Exit, Is.Zero, install.Output);
        TestContext.Progress.WriteLine($"packed and installed the PerfLab tool in {watch.Elapsed.TotalSeconds:0} s");
        _tool = Path.Combine(toolPath, "perflab");
    }

    [OneTimeTearDown]
    public void Clean() => _temp?.Dispose();

    private (int Exit, string Output, string Stdout) Perflab(string cwd, params string[] args) =>
        SingleFileBuild.Run(_tool, cwd, Limit, new Dictionary<string, string> { [EmbeddedSuites.CacheVariable] = _temp!.File("cache"), ["CI"] = "true" }, args);

    [Test]
    public void The_installed_command_reports_its_version()
    {
        var version = Perflab(Directory.CreateDirectory(_temp!.File("cwd-version")).FullName, "--version");
        Assert.That(version.Exit, Is.Zero, version.Output);
        Assert.That(version.Stdout, Does.StartWith(PerfLabServices.AgentVersion));
    }

    [Test]
    public void A_short_demo_runs_from_an_empty_folder_on_the_embedded_suites()
    {
        var cwd = Directory.CreateDirectory(_temp!.File("cwd-demo")).FullName;
        var demo = Perflab(cwd, "demo", "--builds", "9", "--out", "demo");
        Assert.That(demo.Exit, Is.Zero, demo.Output);
        Assert.That(demo.Output, Does.Contain("suites: embedded (PerfLab ").And.Contain("gate (build 9 vs release build 7): "));
        Assert.That(Directory.EnumerateFileSystemEntries(cwd).Select(Path.GetFileName), Is.EqualTo(new[] { "demo" }));
        Assert.That(File.Exists(Path.Combine(cwd, "demo", "report", "index.html")), Is.True);
    }
}
