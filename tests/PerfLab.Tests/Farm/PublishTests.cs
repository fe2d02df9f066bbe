using System.Text.Json;
using NUnit.Framework;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Farm;

/// <summary>The self-contained linux-x64 single file a farm host installs (docs/farm.md, "Packaging"): published once
/// for the fixture, then started by each test.</summary>
[Category("Slow")]
public sealed class LinuxX64SingleFileTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(1);
    private SingleFileBuild? _build;

    [OneTimeSetUp]
    public void Publish() => _build = SingleFileBuild.Publish("linux-x64");

    [OneTimeTearDown]
    public void Clean() => _build?.Dispose();

    private (int Exit, string Output, string Stdout) Perflab(params string[] args) =>
        SingleFileBuild.Run(_build!.Executable, _build.Scratch("cwd"), Limit, new Dictionary<string, string>(), args);

    [Test]
    public void Help_lists_the_farm_verbs()
    {
        var help = Perflab("--help");
        Assert.That(help.Exit, Is.Zero, help.Output);
        Assert.That(help.Output, Does.Contain("agent").And.Contain("merge").And.Contain("devices"));
    }

    [Test]
    public void Demo_runs_from_an_empty_folder_on_the_embedded_suites()
    {
        var cwd = _build!.Scratch("cwd-demo");
        var env = new Dictionary<string, string> { [PerfLab.Cli.EmbeddedSuites.CacheVariable] = _build.Scratch("cache") };
        var demo = SingleFileBuild.Run(_build.Executable, cwd, TimeSpan.FromMinutes(3), env, "demo", "--builds", "9", "--out", "demo");
        Assert.That(demo.Exit, Is.Zero, demo.Output);
        Assert.That(demo.Output, Does.Contain("suites: embedded (PerfLab ").And.Contain("gate (build 9 vs release build 7): "));
        Assert.That(Directory.EnumerateFileSystemEntries(cwd).Select(Path.GetFileName), Is.EqualTo(new[] { "demo" }), "nothing but the output folder");
        Assert.That(File.Exists(Path.Combine(cwd, "demo", "report", "index.html")), Is.True);
        // The charts: SkiaSharp's native library travels inside the file; Markdown pages get PNGs, HTML pages inline SVG.
        var charts = Directory.GetFiles(Path.Combine(cwd, "demo", "report", "charts"), "*.png");
        Assert.That(charts, Is.Not.Empty);
        Assert.That(charts.Select(f => File.ReadAllBytes(f).Take(4).ToArray()), Has.All.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47 }));
        Assert.That(File.ReadAllText(Path.Combine(cwd, "demo", "report", "gate.html")), Does.Contain("<svg"));
    }

    [Test]
    public void Devices_lists_the_host_and_its_runner_label()
    {
        var devices = Perflab("devices", "--json");
        Assert.That(devices.Exit, Is.Zero, devices.Output);
        using var doc = JsonDocument.Parse(devices.Stdout);
        Assert.That(doc.RootElement.GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("id").GetString()), Does.Contain("host"));
        Assert.That(doc.RootElement.GetProperty("runner_labels").EnumerateArray().Select(l => l.GetString()), Does.Contain("perflab-host"));
    }

    [Test]
    public void The_store_works_an_agent_creates_a_database_that_merges()
    {
        // SQLite's native library is extracted from the file at start. 'perflab agent' with a Hailo suite on a host
        // without Hailo creates the store and exits 1 (nothing matched).
        var dir = _build!.Scratch("store");
        var db = Path.Combine(dir, "x.db");
        var agent = Perflab("agent", "--suites", Path.Combine(RepoPaths.Suites, "hailo-thermal-soak.yaml"), "--db", db, "--lock-dir", Path.Combine(dir, "locks"));
        Assert.That(agent.Exit, Is.EqualTo(1), agent.Output);
        Assert.That(File.Exists(db), Is.True, agent.Output);
        var merge = Perflab("merge", db, "--into", Path.Combine(dir, "farm.db"));
        Assert.That(merge.Exit, Is.Zero, merge.Output);
    }
}

/// <summary>The linux-arm64 single file (the Raspberry Pi 5 build), started under qemu's user-mode emulator. Where the
/// emulator or Debian's arm64 C libraries are absent the fixture is skipped before it publishes anything.</summary>
[Category("Slow")]
public sealed class LinuxArm64SingleFileTests
{
    private const string Qemu = "/usr/bin/qemu-aarch64-static";
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);
    private SingleFileBuild? _build;

    [OneTimeSetUp]
    public void Publish()
    {
        // Decided first: the publish is the expensive step, and a file that cannot be started here checks little.
        if (!File.Exists(Qemu) || !File.Exists("/lib/ld-linux-aarch64.so.1"))
        {
            Assert.Ignore($"{Qemu} or the arm64 C library is not installed (tests/run installs them as root): the arm64 file was not built");
        }
        _build = SingleFileBuild.Publish("linux-arm64");
    }

    [OneTimeTearDown]
    public void Clean() => _build?.Dispose();

    private (int Exit, string Output, string Stdout) Perflab(params string[] args)
    {
        var env = new Dictionary<string, string> { ["QEMU_LD_PREFIX"] = "/", ["DOTNET_BUNDLE_EXTRACT_BASE_DIR"] = _build!.Scratch("extract") };
        return SingleFileBuild.Run(Qemu, _build.Scratch("cwd"), Limit, env, [_build.Executable, .. args]);
    }

    [Test]
    public void The_file_is_one_aarch64_executable()
    {
        var header = File.ReadAllBytes(_build!.Executable).AsSpan(0, 20).ToArray();
        Assert.That(header[..4], Is.EqualTo(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' }), "an ELF executable");
        Assert.That(BitConverter.ToUInt16(header, 18), Is.EqualTo(183), "e_machine EM_AARCH64");
    }

    [Test]
    public void It_starts_under_emulation_and_reports_an_arm64_host()
    {
        var version = Perflab("--version");
        Assert.That(version.Exit, Is.Zero, version.Output);
        var devices = Perflab("devices", "--json");
        Assert.That(devices.Exit, Is.Zero, devices.Output);
        using var doc = JsonDocument.Parse(devices.Stdout);
        Assert.That(doc.RootElement.GetProperty("host").GetProperty("architecture").GetString(), Is.EqualTo("arm64"));
    }

    [Test]
    public void It_writes_a_report_with_charts_under_emulation()
    {
        var env = new Dictionary<string, string>
        {
            ["QEMU_LD_PREFIX"] = "/", ["DOTNET_BUNDLE_EXTRACT_BASE_DIR"] = _build!.Scratch("extract"),
            [PerfLab.Cli.EmbeddedSuites.CacheVariable] = _build.Scratch("cache"),
        };
        var cwd = _build.Scratch("cwd-demo");
        var demo = SingleFileBuild.Run(Qemu, cwd, TimeSpan.FromMinutes(8), env, _build.Executable, "demo", "--builds", "9", "--out", "demo");
        Assert.That(demo.Exit, Is.Zero, demo.Output);
        var charts = Directory.GetFiles(Path.Combine(cwd, "demo", "report", "charts"), "*.png");
        Assert.That(charts, Is.Not.Empty, "SkiaSharp's arm64 library drew the Markdown pages' charts");
        Assert.That(charts.Select(f => File.ReadAllBytes(f).Take(4).ToArray()), Has.All.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47 }));
    }

    [Test]
    public void It_lists_its_embedded_suites_from_an_empty_folder()
    {
        var env = new Dictionary<string, string>
        {
            ["QEMU_LD_PREFIX"] = "/", ["DOTNET_BUNDLE_EXTRACT_BASE_DIR"] = _build!.Scratch("extract"),
            [PerfLab.Cli.EmbeddedSuites.CacheVariable] = _build.Scratch("cache"),
        };
        var cwd = _build.Scratch("cwd-suites");
        var list = SingleFileBuild.Run(Qemu, cwd, Limit, env, _build.Executable, "suites", "list");
        Assert.That(list.Exit, Is.Zero, list.Output);
        Assert.That(list.Output, Does.Contain("suites: embedded (PerfLab ").And.Contain("hailo-hef-throughput").And.Contain("host-baseline"));
        Assert.That(Directory.EnumerateFileSystemEntries(cwd), Is.Empty);
    }
}
