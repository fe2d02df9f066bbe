using System.Diagnostics;

namespace PerfLab.Tests.Gating;

/// <summary>Runs the built perflab (perflab.dll beside the tests) as a real child process through the dotnet host.</summary>
internal static class PerfLabProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
    }

    public static Result Run(string workDir, params string[] args) => RunAssembly("perflab.dll", workDir, args);

    /// <summary>Runs the benchmarks program (tests/PerfLab.Benchmarks, built beside the tests) the same way.</summary>
    public static Result RunBenchmarks(string workDir, params string[] args) => RunAssembly("PerfLab.Benchmarks.dll", workDir, args);

    private static Result RunAssembly(string name, string workDir, string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, name);
        if (!File.Exists(dll)) throw new FileNotFoundException(name + " is not beside the tests", dll);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["NO_COLOR"] = "1";
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException(name + " " + string.Join(' ', args) + " did not finish in 120 s");
        }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }
}
