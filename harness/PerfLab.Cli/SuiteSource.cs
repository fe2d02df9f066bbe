namespace PerfLab.Cli;

/// <summary>Where a verb's default suites come from: a folder on disk, or the copy embedded in perflab itself.</summary>
public enum SuiteSourceKind
{
    /// <summary>A folder on disk: given with --suites, or ./suites in the working folder.</summary>
    Disk,

    /// <summary>The suites shipped inside this assembly, materialized into a cache folder keyed by their content hash.</summary>
    Embedded,
}

/// <summary>The suites folder a verb uses, resolved once: the folder given, else ./suites when present, else the embedded
/// suites. <see cref="Directory"/> is always a real folder (for embedded suites, the cache copy), because suites refer to
/// their scripts and stand-ins through <c>${suite_dir}</c> and paths relative to it.</summary>
public sealed record SuiteSource(SuiteSourceKind Kind, string Directory, string Label)
{
    /// <summary>The folder looked for in the working folder when no suites folder is given.</summary>
    public const string LocalFolder = "suites";

    /// <summary>The folder of emulated device profiles inside the source.</summary>
    public string DevicesDirectory => Path.Combine(Directory, "devices");

    /// <summary>The folder of model cards inside the source.</summary>
    public string ModelsDirectory => Path.Combine(Directory, "models");

    /// <summary>The one line a verb prints to say which suites it used.</summary>
    public string Line => $"suites: {Label}";

    /// <summary>Resolves <paramref name="given"/> (null: none given) against <paramref name="workingDirectory"/>
    /// (default: the current folder). A folder given that does not exist is a usage error; nothing falls back silently.</summary>
    public static SuiteSource Resolve(string? given, string? workingDirectory = null)
    {
        var cwd = workingDirectory ?? Environment.CurrentDirectory;
        if (given is not null)
        {
            var full = Path.GetFullPath(given, cwd);
            if (!System.IO.Directory.Exists(full)) throw new UsageException($"{full}: no such suites folder");
            return new SuiteSource(SuiteSourceKind.Disk, full, given);
        }
        var local = Path.Combine(cwd, LocalFolder);
        if (System.IO.Directory.Exists(local)) return new SuiteSource(SuiteSourceKind.Disk, local, "./" + LocalFolder);
        return Embedded();
    }

    /// <summary>The embedded suites, materialized into their cache folder.</summary>
    public static SuiteSource Embedded() =>
        new(SuiteSourceKind.Embedded, EmbeddedSuites.Materialize(), $"embedded (PerfLab {PerfLabServices.AgentVersion})");

    /// <summary>The emulated device profiles folder: <paramref name="profiles"/> when given, else the default source's
    /// devices/ (its line written to <paramref name="log"/>).</summary>
    public static string ProfilesDirectory(DirectoryInfo? profiles, TextWriter log)
    {
        if (profiles is not null) return profiles.FullName;
        var source = Resolve(null);
        log.WriteLine(source.Line);
        return source.DevicesDirectory;
    }

    /// <summary>Turns bare suite names among <paramref name="arguments"/> (no such file or folder, no path separator, no
    /// .yaml ending) into the default source's suite files, so <c>perflab run host-baseline</c> works from any folder;
    /// everything else is passed on unchanged. Null source: no argument was a name.</summary>
    public static (IReadOnlyList<string> Paths, SuiteSource? Source) ResolveNames(IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var cwd = workingDirectory ?? Environment.CurrentDirectory;
        SuiteSource? source = null;
        var paths = new List<string>();
        foreach (var a in arguments)
        {
            var full = Path.GetFullPath(a, cwd);
            if (!IsBareName(a) || File.Exists(full) || System.IO.Directory.Exists(full))
            {
                paths.Add(a);
                continue;
            }
            source ??= Resolve(null, cwd);
            var file = Path.Combine(source.Directory, a + ".yaml");
            // An unknown name stays as given, so the loader's "no such file or folder" names what the user typed.
            paths.Add(File.Exists(file) ? file : a);
        }
        return (paths, source);
    }

    private static bool IsBareName(string argument) =>
        argument.Length > 0 && argument.IndexOfAny(['/', '\\']) < 0 && argument != "." && argument != ".."
        && !argument.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) && !argument.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
}
