using System.CommandLine;

namespace PerfLab.Cli.Commands;

/// <summary>Options several verbs share, spelled and described the same everywhere.</summary>
internal static class CommonOptions
{
    public static Option<FileInfo> Database(bool required = true) => new("--db")
    {
        Description = "SQLite results database (created on first use). Default: perflab.db in the current folder.",
        Required = required,
        DefaultValueFactory = _ => new FileInfo("perflab.db"),
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "Print machine-readable JSON on stdout instead of text.",
    };
}
