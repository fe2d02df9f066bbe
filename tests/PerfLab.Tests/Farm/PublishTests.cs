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
        var output = temp.File("linux-x64");
        var publish = Run("dotnet", RepoPaths.Root, TimeSpan.FromMinutes(10),
            "publish", Path.Combine(RepoPaths.Root, "harness", "PerfLab.Cli"), "-c", "Release", "-r", "linux-x64", "--self-contained",
            "-p:PublishSingleFile=true", "-p:IncludeNativeLibrariesForSelfExtract=true", "-p:DebugType=none", "-p:GenerateDocumentationFile=false",
            "-o", output);
        Assert.That(publish.Exit, Is.Zero, publish.Output);
        var exe = Path.Combine(output, "perflab");
        Assert.That(Directory.GetFiles(output).Select(Path.GetFileName), Is.EqualTo(new[] { "perflab" }), "one file, SQLite's native library inside");

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

    private static string CreateEmptyStore(string exe, TempDirectory temp, string db)
    {
        // 'perflab agent' with a Hailo suite on a host without Hailo creates the store and exits 1 (nothing matched).
        var suite = Path.Combine(RepoPaths.Suites, "hailo-thermal-soak.yaml");
        var agent = Run(exe, temp.Path, TimeSpan.FromMinutes(1), "agent", "--suites", suite, "--db", db, "--lock-dir", temp.File("locks"));
        Assert.That(agent.Exit, Is.EqualTo(1), agent.Output);
        Assert.That(File.Exists(db), Is.True, agent.Output);
        return db;
    }

    private static (int Exit, string Output, string Stdout) Run(string file, string cwd, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo(file, args) { WorkingDirectory = cwd, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
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
