using NUnit.Framework;
using PerfLab.Tests.Infrastructure;
using System.Diagnostics;

namespace PerfLab.Tests.Containers;

/// <summary>The local Docker engine: found, or (as root) started and stopped only if this started it; the host image is
/// imported once. Containers are then driven through Testcontainers (<see cref="AgentHost"/>); the docker CLI is kept for
/// what the library does not do (import, kill, version).</summary>
internal sealed class ContainerEngine : IDisposable
{
    /// <summary>The locally built host image: usr-merge links and empty folders; the host's /usr and /etc are bind-mounted into it.</summary>
    public const string Image = "perflab-host:test";

    /// <summary>Label on every container the tests start, so a leftover one can be found and removed.</summary>
    public const string Label = "perflab.tests";

    private readonly Process? _startedDaemon;

    private ContainerEngine(Process? startedDaemon) => _startedDaemon = startedDaemon;

    /// <summary>Finds the engine or starts dockerd; ignores the tests with a stated reason only where no engine can exist here.</summary>
    public static ContainerEngine FindOrStart()
    {
        if (!OnPath("docker"))
            Assert.Ignore("no 'docker' CLI on PATH and none can be installed here; tests/run installs docker.io when run as root");
        Process? started = null;
        if (Docker(TimeSpan.FromSeconds(20), "version", "--format", "{{.Server.APIVersion}}").Code != 0)
        {
            if (Environment.UserName != "root" || !OnPath("dockerd"))
                Assert.Ignore("the Docker engine is not running and cannot be started here (needs root and the 'dockerd' binary)");
            var log = Path.Combine(Path.GetTempPath(), "perflab-tests-dockerd.log");
            started = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", $"exec dockerd >'{log}' 2>&1"]) { UseShellExecute = false })!;
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (Docker(TimeSpan.FromSeconds(10), "version", "--format", "{{.Server.APIVersion}}").Code != 0)
            {
                if (started.HasExited || DateTime.UtcNow > deadline)
                    Assert.Fail($"started dockerd (pid {started.Id}) but the engine did not answer within 60 s; see {log}");
                Thread.Sleep(500);
            }
        }
        var engine = new ContainerEngine(started);
        engine.ConfigureClient();
        RemoveLeftovers();
        engine.BuildImage();
        return engine;
    }

    /// <summary>Runs docker with arguments, returning its exit code and combined output.</summary>
    public static (int Code, string Output) Docker(TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("docker", args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            return (124, $"docker {string.Join(' ', args)} timed out after {timeout.TotalSeconds} s");
        }
        p.WaitForExit();
        return (p.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>Runs docker and fails the test, naming the command and its output, when it exits non-zero.</summary>
    public static string MustDocker(params string[] args)
    {
        var (code, output) = Docker(TimeSpan.FromSeconds(60), args);
        if (code != 0) Assert.Fail($"docker {string.Join(' ', args)} exited {code}: {output}");
        return output;
    }

    // Testcontainers asks for API 1.44; Debian's 20.10 engine serves 1.41, so the client is pinned to the engine's maximum.
    // Nothing can be pulled here, so the resource reaper (a pulled 'ryuk' container) is off: AgentHost removes its own.
    private void ConfigureClient()
    {
        var versions = MustDocker("version", "--format", "{{.Client.APIVersion}} {{.Server.APIVersion}}").Trim().Split(' ');
        if (versions.Length == 2 && Version.TryParse(versions[1], out var server) && server < TestcontainersApi)
            Environment.SetEnvironmentVariable("DOCKER_API_VERSION", versions[1]);
        Environment.SetEnvironmentVariable("TESTCONTAINERS_RYUK_DISABLED", "true");
        DotNet.Testcontainers.Configurations.TestcontainersSettings.ResourceReaperEnabled = false;
    }

    private static readonly Version TestcontainersApi = new(1, 44);

    // A container a crashed test run left behind would hold its bind mounts and CPU: remove those of ours, by label.
    private static void RemoveLeftovers()
    {
        var ids = Docker(TimeSpan.FromSeconds(30), "ps", "-aq", "--filter", $"label={Label}").Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids.Length > 0) Docker(TimeSpan.FromSeconds(60), ["rm", "-f", .. ids]);
    }

    // Nothing can be pulled here, so the image is imported from a tar holding only the usr-merge links and empty folders.
    private void BuildImage()
    {
        using var dir = new TempDirectory();
        var rootfs = Path.Combine(dir.Path, "rootfs");
        foreach (var d in new[] { "usr", "etc", "data", "tmp", "proc", "sys", "dev", "opt" }) Directory.CreateDirectory(Path.Combine(rootfs, d));
        foreach (var l in new[] { "bin", "lib", "lib64", "sbin" }) File.CreateSymbolicLink(Path.Combine(rootfs, l), "usr/" + l);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path.Combine(rootfs, "tmp"), (UnixFileMode)Convert.ToInt32("1777", 8));
        var tar = Path.Combine(dir.Path, "rootfs.tar");
        var tarRun = Process.Start(new ProcessStartInfo("tar", ["-C", rootfs, "-cf", tar, "."]) { UseShellExecute = false })!;
        tarRun.WaitForExit();
        Assert.That(tarRun.ExitCode, Is.EqualTo(0), "tar of the host image's root filesystem failed");
        MustDocker("import", tar, Image);
    }

    private static bool OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => d.Length > 0 && File.Exists(Path.Combine(d, name)));

    /// <summary>Removes any container of ours still there, and stops dockerd only if this fixture started it.</summary>
    public void Dispose()
    {
        RemoveLeftovers();
        if (_startedDaemon is { HasExited: false })
        {
            Process.Start("kill", ["-TERM", _startedDaemon.Id.ToString()])!.WaitForExit();
            _startedDaemon.WaitForExit(30_000);
        }
        _startedDaemon?.Dispose();
    }
}
