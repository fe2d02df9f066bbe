using System.Diagnostics;
using System.Text.Json;
using NUnit.Framework;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Farm;

/// <summary>The self-contained single-file build a farm host installs (docs/farm.md, "Packaging") publishes and starts.</summary>
public sealed class PublishTests
{
    [Test]
    [Category("Slow")]
    public void The_linux_x64_single_file_build_starts_and_lists_devices()
    {
        using var temp = new TempDirectory();
        var exe = PublishSingleFile(temp, "linux-x64");

        var help = Run(exe, temp.Path, TimeSpan.FromMinutes(1), "--help");
        Assert.That(help.Exit, Is.Zero, help.Output);
        Assert.That(help.Output, Does.Contain("agent").And.Contain("merge").And.Contain("devices"));

        var devices = Run(exe, temp.Path, TimeSpan.FromMinutes(1), "devices", "--json");
        Assert.That(devices.Exit, Is.Zero, devices.Output);
        using var doc = JsonDocument.Parse(devices.Stdout);
        Assert.That(doc.RootElement.GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("id").GetString()), Does.Contain("host"));
        Assert.That(doc.RootElement.GetProperty("runner_labels").EnumerateArray().Select(l => l.GetString()), Does.Contain("perflab-host"));

        // The store works from the single file (SQLite's native library is extracted at start).
        var db = temp.File("x.db");
        var runs = Run(exe, temp.Path, TimeSpan.FromMinutes(1), "merge", CreateEmptyStore(exe, temp, db), "--into", temp.File("farm.db"));
        Assert.That(runs.Exit, Is.Zero, runs.Output);
    }

    [Test]
    [Category("Slow")]
    public void The_linux_arm64_single_file_build_is_one_aarch64_file_that_starts_under_emulation()
    {
        using var temp = new TempDirectory();
        var exe = PublishSingleFile(temp, "linux-arm64");
        var header = File.ReadAllBytes(exe).AsSpan(0, 20).ToArray();
        Assert.That(header[..4], Is.EqualTo(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' }), "an ELF executable");
        Assert.That(BitConverter.ToUInt16(header, 18), Is.EqualTo(183), "e_machine EM_AARCH64");

        // Where qemu's user-mode emulator and Debian's arm64 C libraries are installed (.ci/run installs them), the file
        // starts and its store works: SQLite's arm64 library comes out of the bundle.
        if (!File.Exists("/usr/bin/qemu-aarch64-static") || !File.Exists("/lib/ld-linux-aarch64.so.1"))
        {
            Assert.Ignore("qemu-aarch64-static or the arm64 C library is not installed: the arm64 file was built and checked, not started");
        }
        var env = new Dictionary<string, string> { ["QEMU_LD_PREFIX"] = "/", ["DOTNET_BUNDLE_EXTRACT_BASE_DIR"] = temp.File("extract") };
        var version = Run("/usr/bin/qemu-aarch64-static", temp.Path, TimeSpan.FromMinutes(2), env, exe, "--version");
        Assert.That(version.Exit, Is.Zero, version.Output);
        var devices = Run("/usr/bin/qemu-aarch64-static", temp.Path, TimeSpan.FromMinutes(2), env, exe, "devices", "--json");
        Assert.That(devices.Exit, Is.Zero, devices.Output);
        using var doc = JsonDocument.Parse(devices.Stdout);
        Assert.That(doc.RootElement.GetProperty("host").GetProperty("architecture").GetString(), Is.EqualTo("arm64"));
    }

    /// <summary>The documented publish command for <paramref name="runtime"/>; checks it leaves exactly one file.</summary>
    private static string PublishSingleFile(TempDirectory temp, string runtime)
    {
        var output = temp.File(runtime);
        var publish = Run("dotnet", RepoPaths.Root, TimeSpan.FromMinutes(10),
            "publish", Path.Combine(RepoPaths.Root, "harness", "PerfLab.Cli"), "-c", "Release", "-r", runtime, "--self-contained",
            "-p:PublishSingleFile=true", "-p:IncludeNativeLibrariesForSelfExtract=true", "-p:DebugType=none", "-p:GenerateDocumentationFile=false",
            "-o", output);
        Assert.That(publish.Exit, Is.Zero, publish.Output);
        Assert.That(Directory.GetFiles(output).Select(Path.GetFileName), Is.EqualTo(new[] { "perflab" }), "one file, SQLite's native library inside");
        return Path.Combine(output, "perflab");
    }

    private static string CreateEmptyStore(string exe, TempDirectory temp, string db)
    {
        // 'perflab agent' with a Hailo suite on a host without Hailo creates the store and exits 1 (nothing matched).
        var suite = Path.Combine(RepoPaths.Suites, "hailo-thermal-soak.yaml");
        var agent = Run(exe, temp.Path, TimeSpan.FromMinutes(1), "agent", "--suites", suite, "--db", db, "--lock-dir", temp.File("locks"));
        Assert.That(agent.Exit, Is.EqualTo(1), agent.Output);
        Assert.That(File.Exists(db), Is.True, agent.Output);
        return db;
    }

    private static (int Exit, string Output, string Stdout) Run(string file, string cwd, TimeSpan timeout, params string[] args) =>
        Run(file, cwd, timeout, new Dictionary<string, string>(), args);

    private static (int Exit, string Output, string Stdout) Run(
        string file, string cwd, TimeSpan timeout, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(file, args) { WorkingDirectory = cwd, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(' ', args)} did not finish within {timeout}");
        }
        p.WaitForExit();
        return (p.ExitCode, stdout.Result + stderr.Result, stdout.Result);
    }
}
