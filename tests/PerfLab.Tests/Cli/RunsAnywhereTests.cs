using System.Text.Json;
using NUnit.Framework;
using PerfLab.Cli;
using PerfLab.Tests.Farm;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Cli;

/// <summary>perflab started as a real process from a folder that is not the repository (issue 16): the embedded suites
/// are used, nothing but the named outputs lands in the working folder, and a ./suites folder there wins.</summary>
public sealed class RunsAnywhereTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    // Stdout apart from the rest: with --json the source line goes to stderr and stdout is one JSON document.
    private static (int Exit, string Output, string Stdout) Perflab(string cwd, string cache, params string[] args) =>
        SingleFileBuild.Run(PerflabProcess.Executable, cwd, Limit, new Dictionary<string, string> { [EmbeddedSuites.CacheVariable] = cache, ["CI"] = "true" }, args);

    private static string[] Entries(string folder) =>
        Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    [Test]
    public void Demo_from_an_empty_folder_uses_the_embedded_suites_and_writes_only_its_output_folder()
    {
        using var cwd = new TempDirectory();
        using var cache = new TempDirectory();
        var (exit, output, stdout) = Perflab(cwd.Path, cache.Path, "demo", "--builds", "9", "--out", "demo-out");
        Assert.That(exit, Is.Zero, output);
        Assert.That(output, Does.Contain($"suites: embedded (PerfLab {PerfLabServices.AgentVersion})"));
        Assert.That(output, Does.Contain("gate (build 9 vs release build 7): ").And.Contain("demo: 4 suite(s) on 11 emulated device(s)"));
        Assert.That(Entries(cwd.Path), Is.EqualTo(new[] { "demo-out" }), "nothing but the output folder in the working folder");
        Assert.That(File.Exists(cwd.File("demo-out/report/index.html")), Is.True, output);
        Assert.That(File.Exists(Path.Combine(cache.Path, "suites", EmbeddedSuites.ContentHash()[..16], "workloads", "host_work.py")), Is.True,
            "scripts are materialized into the cache folder");
    }

    [Test]
    public void Run_by_name_from_an_empty_folder_runs_the_embedded_suite_and_its_script()
    {
        using var cwd = new TempDirectory();
        using var cache = new TempDirectory();
        var (exit, output, stdout) = Perflab(cwd.Path, cache.Path, "run", "host-baseline", "--db", "r.db", "--build", "1", "--json");
        Assert.That(exit, Is.Zero, output);
        Assert.That(output, Does.Contain("suites: embedded"));
        Assert.That(Entries(cwd.Path).Where(e => !e.StartsWith("r.db", StringComparison.Ordinal)), Is.Empty, "only the database");
        using var doc = JsonDocument.Parse(stdout);
        var run = doc.RootElement.GetProperty("runs").EnumerateArray().Single();
        Assert.That(run.GetProperty("suite").GetString(), Is.EqualTo("host-baseline"));
        Assert.That(run.GetProperty("status").GetString(), Is.EqualTo("passed"), "host_work.py ran from the cache copy");
    }

    [Test]
    public void A_local_suites_folder_wins_over_the_embedded_suites()
    {
        using var cwd = new TempDirectory();
        using var cache = new TempDirectory();
        Directory.CreateDirectory(cwd.File("suites/devices"));
        File.Copy(Path.Combine(RepoPaths.Suites, "host-baseline.yaml"), cwd.File("suites/host-baseline.yaml"));
        File.Copy(Path.Combine(RepoPaths.Suites, "devices", "hailo-8-emulated.yaml"), cwd.File("suites/devices/hailo-8-emulated.yaml"));

        var (exit, output, stdout) = Perflab(cwd.Path, cache.Path, "suites", "list", "--json");
        Assert.That(exit, Is.Zero, output);
        Assert.That(output, Does.Contain("suites: ./suites"));
        using (var doc = JsonDocument.Parse(stdout))
        {
            Assert.That(doc.RootElement.GetProperty("suites").EnumerateArray().Select(s => s.GetProperty("name").GetString()), Is.EqualTo(new[] { "host-baseline" }));
        }
        var devices = Perflab(cwd.Path, cache.Path, "devices", "--emulate");
        Assert.That(devices.Exit, Is.Zero, devices.Output);
        Assert.That(devices.Output, Does.Contain("suites: ./suites").And.Contain("hailo-emulated:"));
        Assert.That(devices.Output, Does.Not.Contain("cuda-emulated:"), "only the local folder's one profile");
        Assert.That(Directory.Exists(Path.Combine(cache.Path, "suites")), Is.False, "the embedded suites were not needed, so not written");
    }

    [Test]
    public void Plan_from_an_empty_folder_names_the_embedded_suites_a_job_resolves_on_its_runner()
    {
        using var cwd = new TempDirectory();
        using var cache = new TempDirectory();
        var (exit, output, stdout) = Perflab(cwd.Path, cache.Path, "plan", "--format", "json");
        Assert.That(exit, Is.Zero, output);
        using var doc = JsonDocument.Parse(stdout);
        var files = doc.RootElement.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("suite_file").GetString()).Distinct().ToList();
        Assert.That(files, Does.Contain("host-baseline").And.Contain("hailo-hef-throughput"), "names, not this host's cache paths");
        Assert.That(Entries(cwd.Path), Is.Empty);
    }

    [Test]
    public void Suites_export_writes_a_folder_that_validates_and_refuses_a_non_empty_target()
    {
        using var cwd = new TempDirectory();
        using var cache = new TempDirectory();
        var export = Perflab(cwd.Path, cache.Path, "suites", "export", "mine");
        Assert.That(export.Exit, Is.Zero, export.Output);
        Assert.That(export.Output, Does.Contain($"exported {EmbeddedSuites.Files.Count} file(s)"));
        var validate = Perflab(cwd.Path, cache.Path, "validate", "mine");
        Assert.That(validate.Exit, Is.Zero, validate.Output);
        Assert.That(validate.Output, Does.Contain("mine/host-baseline.yaml: ok"));

        File.WriteAllText(cwd.File("mine/host-baseline.yaml"), "# edited\n");
        var again = Perflab(cwd.Path, cache.Path, "suites", "export", "mine");
        Assert.That(again.Exit, Is.EqualTo(2), again.Output);
        Assert.That(again.Output, Does.Contain("the folder is not empty; nothing was written"));
        Assert.That(File.ReadAllText(cwd.File("mine/host-baseline.yaml")), Is.EqualTo("# edited\n"), "unchanged without --force");

        var forced = Perflab(cwd.Path, cache.Path, "suites", "export", "mine", "--force");
        Assert.That(forced.Exit, Is.Zero, forced.Output);
        Assert.That(File.ReadAllBytes(cwd.File("mine/host-baseline.yaml")), Is.EqualTo(File.ReadAllBytes(Path.Combine(RepoPaths.Suites, "host-baseline.yaml"))));
    }

    [Test]
    public void Suites_show_prints_the_yaml_and_an_unknown_name_exits_2_listing_the_names()
    {
        using var cwd = new TempDirectory();
        using var cache = new TempDirectory();
        var show = Perflab(cwd.Path, cache.Path, "suites", "show", "host-baseline");
        Assert.That(show.Exit, Is.Zero, show.Output);
        Assert.That(show.Output, Does.Contain(File.ReadAllText(Path.Combine(RepoPaths.Suites, "host-baseline.yaml"))));
        var unknown = Perflab(cwd.Path, cache.Path, "suites", "show", "nope");
        Assert.That(unknown.Exit, Is.EqualTo(2), unknown.Output);
        Assert.That(unknown.Output, Does.Contain("no suite named 'nope' in embedded").And.Contain("host-baseline"));
    }
}
