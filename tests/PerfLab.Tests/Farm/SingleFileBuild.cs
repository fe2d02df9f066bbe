using System.Diagnostics;
using NUnit.Framework;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Farm;

/// <summary>One single-file perflab for one runtime, published by the documented command (docs/farm.md, "Packaging")
/// into a temp folder; a fixture publishes it once in its OneTimeSetUp and every test of the fixture uses that file.</summary>
internal sealed class SingleFileBuild : IDisposable
{
    private readonly TempDirectory _temp;

    private SingleFileBuild(TempDirectory temp, string runtime, string executable, TimeSpan took)
    {
        _temp = temp;
        Runtime = runtime;
        Executable = executable;
        PublishTime = took;
    }

    public string Runtime { get; }

    /// <summary>The published file (the only file in its folder, SQLite's native library inside).</summary>
    public string Executable { get; }

    public TimeSpan PublishTime { get; }

    /// <summary>A scratch folder beside the file, deleted with it.</summary>
    public string Scratch(string name) => Directory.CreateDirectory(_temp.File(name)).FullName;

    /// <summary>Publishes <paramref name="runtime"/> and checks it left exactly one file.</summary>
    public static SingleFileBuild Publish(string runtime)
    {
        var temp = new TempDirectory();
        var output = temp.File(runtime);
        var watch = Stopwatch.StartNew();
        var publish = Run("dotnet", RepoPaths.Root, TimeSpan.FromMinutes(10), new Dictionary<string, string>(),
            "publish", Path.Combine(RepoPaths.Root, "harness", "PerfLab.Cli"), "-c", "Release", "-r", runtime, "--self-contained",
            "-p:PublishSingleFile=true", "-p:IncludeNativeLibrariesForSelfExtract=true", "-p:DebugType=none", "-p:GenerateDocumentationFile=false",
            "-o", output);
        var took = watch.Elapsed;
        Assert.That(publish.Exit, Is.Zero, publish.Output);
        Assert.That(Directory.GetFiles(output).Select(Path.GetFileName), Is.EqualTo(new[] { "perflab" }), "one file, SQLite's native library inside");
        TestContext.Progress.WriteLine($"published {runtime} single file in {took.TotalSeconds:0} s");
        return new SingleFileBuild(temp, runtime, Path.Combine(output, "perflab"), took);
    }

    public static (int Exit, string Output, string Stdout) Run(
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

    public void Dispose() => _temp.Dispose();
}
