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
        // The nightly page charts every series with a change point (the injected Hydra drop); the gate page of a 9-build demo
        // blocks nothing (one release build is too short a baseline), so it has no chart to draw.
        Assert.That(File.ReadAllText(Path.Combine(cwd, "demo", "report", "nightly.html")), Does.Contain("<svg"));
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
        // One core for the runtime: qemu-user emulates a many-threaded .NET process unreliably (a whole demo under it died twice
        // in one afternoon, in JSON reading and in a task's completion), and what is tested here is that the arm64 file carries
        // a SkiaSharp that draws, not the farm's parallelism.
        var env = new Dictionary<string, string>
        {
            ["QEMU_LD_PREFIX"] = "/", ["DOTNET_BUNDLE_EXTRACT_BASE_DIR"] = _build!.Scratch("extract"), ["DOTNET_PROCESSOR_COUNT"] = "1",
        };
        var cwd = _build.Scratch("cwd-report");
        // A history with a 10 % FPS drop on one device from build 8: the nightly page charts its change point.
        new PerfLab.Tests.Gating.HistoryCsv(["pi5-a", "pi5-b"], 12, 3, 1, DropDevice: "pi5-a", DropFromBuild: 8, DropPercent: 10)
            .WriteTo(Path.Combine(cwd, "history.csv"));
        var ingest = SingleFileBuild.Run(Qemu, cwd, TimeSpan.FromMinutes(4), env, _build.Executable, "ingest", "history.csv", "--db", "h.db", "--format", "csv");
        Assert.That(ingest.Exit, Is.Zero, ingest.Output);
        var report = SingleFileBuild.Run(Qemu, cwd, TimeSpan.FromMinutes(6), env, _build.Executable, "report", "--db", "h.db", "--out", "report", "--format", "md");
        Assert.That(report.Exit, Is.Zero, report.Output);
        var charts = Directory.GetFiles(Path.Combine(cwd, "report", "charts"), "*.png");
        Assert.That(charts, Is.Not.Empty, "SkiaSharp's arm64 library drew the Markdown pages' charts");
        Assert.That(charts.Select(f => File.ReadAllBytes(f).Take(4).ToArray()), Has.All.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47 }));
        Assert.That(File.ReadAllText(Path.Combine(cwd, "report", "nightly.md")), Does.Contain("](charts/"), "the page shows them");
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
