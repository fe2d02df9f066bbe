using System.CommandLine;

namespace PerfLab.Cli.Commands;

/// <summary>Options several verbs share, spelled and described the same everywhere.</summary>
internal static class CommonOptions
{
    /// <summary>The results database; never required, so help shows its default and no "(REQUIRED)" beside it.</summary>
    /// <param name="creates">True for verbs that create the file on first use (say so in help).</param>
    public static Option<FileInfo> Database(bool creates = false) => new("--db")
    {
        Description = creates ? "SQLite results database (created on first use)." : "SQLite results database.",
        DefaultValueFactory = _ => new FileInfo("perflab.db"),
    };

    public static Option<string?> Build() => new("--build")
    {
        Description = "Build under test (git sha or version). Default: $PERFLAB_BUILD, else local-<UTC time>.",
    };

    public static Option<string> Branch() => new("--branch")
    {
        Description = "Branch the build belongs to; baselines are drawn per branch.",
        DefaultValueFactory = _ => "main",
    };

    public static Option<string[]> Tags() => new("--tag")
    {
        Description = "A tag key=value stored with every run (repeatable), e.g. --tag release=1.4.",
    };

    public static Option<bool> Emulate() => new("--emulate")
    {
        Description = "Add the emulated device farm (profiles in --profiles). Emulated results are never evidence.",
    };

    public static Option<DirectoryInfo?> Profiles() => new("--profiles")
    {
        Description = "Folder of emulated device profiles. Default: ./suites/devices when ./suites is present, else the embedded suites' devices/.",
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "Print machine-readable JSON on stdout instead of text.",
    };
}
