namespace PerfLab.Tests.Infrastructure;

/// <summary>Finds the repository's folders from a test, so fixtures and fake tools are read where they are kept.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Fixtures => Path.Combine(Root, "tests", "fixtures");

    public static string Fakes => Path.Combine(Root, "tests", "fakes");

    public static string Suites => Path.Combine(Root, "suites");

    /// <summary>The shared folder beside the checkout (seeds, research, TCPD data); null when absent.</summary>
    public static string? Shared
    {
        get
        {
            var p = Path.GetFullPath(Path.Combine(Root, "..", "shared"));
            return Directory.Exists(p) ? p : null;
        }
    }

    public static string Fixture(params string[] parts) => Path.Combine([Fixtures, .. parts]);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PerfLab.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("PerfLab.sln not found above " + AppContext.BaseDirectory);
    }
}
