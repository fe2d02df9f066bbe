using System.Reflection;

namespace PerfLab.Cli;

/// <summary>How to start this same perflab again (for emulator shims): the apphost, or dotnet plus perflab.dll.</summary>
public static class SelfInvocation
{
    public static IReadOnlyList<string> Current()
    {
        var process = Environment.ProcessPath ?? "perflab";
        var isDotnetHost = Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        var dll = Assembly.GetEntryAssembly()?.Location;
        return isDotnetHost && !string.IsNullOrEmpty(dll) ? [process, dll] : [process];
    }
}
