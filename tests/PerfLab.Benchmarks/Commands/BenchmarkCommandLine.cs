using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using PerfLab.Cli;

namespace PerfLab.Benchmarks.Commands;

/// <summary>The benchmarks' command line: one verb per benchmark, each printing its figures (only <c>--out</c> writes a file).</summary>
internal static class BenchmarkCommandLine
{
    /// <summary>How the docs and the written reports name a benchmark run (the verb and its options follow).</summary>
    public const string Invocation = "dotnet run -c Release --project tests/PerfLab.Benchmarks --";

    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("PerfLab's own benchmarks: store ingest, runner overhead, detection accuracy and speed, the farm at scale, gate accuracy.")
        {
            StoreCommand.Create(),
            OverheadCommand.Create(),
            DetectionCommand.Create(),
            FarmCommand.Create(),
            GateCommand.Create(),
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && !args.Contains("--help") && !args.Contains("-h"))
        {
            foreach (var e in parse.Errors) System.Console.Error.WriteLine($"benchmarks: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
    }

    /// <summary>Runs a verb's work; a <see cref="UsageException"/> is printed and exits 2, as perflab's verbs do.</summary>
    public static async Task<int> Guard(Func<Task<int>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            System.Console.Error.WriteLine($"benchmarks: {e.Message}");
            return ExitCodes.InvalidInput;
        }
    }

    /// <summary>The machine line of the written reports: cores, OS and runtime.</summary>
    public static string Machine()
    {
        var os = RuntimeInformation.OSDescription;
        try
        {
            var pretty = File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal));
            if (pretty is not null) os = pretty["PRETTY_NAME=".Length..].Trim('"');
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return $"{Environment.ProcessorCount}-core {os}, {RuntimeInformation.FrameworkDescription}";
    }

    /// <summary>Removes a scratch folder; a folder that cannot be removed is left behind rather than failing the benchmark.</summary>
    public static void DeleteScratch(string path)
    {
        try { Directory.Delete(path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    public static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
