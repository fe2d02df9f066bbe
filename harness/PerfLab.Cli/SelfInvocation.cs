using System.Reflection;

namespace PerfLab.Cli;

/// <summary>How to start this same perflab again (for emulator shims): the apphost, or dotnet plus perflab.dll.</summary>
public static class SelfInvocation
{
    public static IReadOnlyList<string> Current()
    {
        var process = Environment.ProcessPath ?? "perflab";
        var isDotnetHost = Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        // Not Assembly.Location: it is empty in a single-file build (which always runs as its own executable anyway).
        var dll = Path.Combine(AppContext.BaseDirectory, (Assembly.GetEntryAssembly()?.GetName().Name ?? "perflab") + ".dll");
        return isDotnetHost && File.Exists(dll) ? [process, dll] : [process];
    }
}
