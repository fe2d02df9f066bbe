namespace PerfLab.Tests.Infrastructure;

/// <summary>How tests start the real perflab CLI built beside them, as a child process.</summary>
public static class PerflabExecutable
{
    /// <summary>The argv prefix that starts perflab: the apphost where it was built, else dotnet plus perflab.dll.</summary>
    public static IReadOnlyList<string> Invocation()
    {
        var apphost = Path.Combine(AppContext.BaseDirectory, "perflab");
        if (File.Exists(apphost)) return [apphost];
        var dll = Path.Combine(AppContext.BaseDirectory, "perflab.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("perflab.dll is not built beside the tests", dll);
        return ["dotnet", dll];
    }
}
