using PerfLab.Harness.Domain;

namespace PerfLab.Harness.Suites;

/// <summary>Expands command-line paths (files or folders) into suite files.</summary>
public static class SuiteFiles
{
    /// <summary>Folders under <c>suites/</c> whose YAML files are not suites (device profiles, workload inputs).</summary>
    public static IReadOnlyList<string> NotSuiteFolders { get; } = ["devices", "workloads"];

    /// <summary>Each file as given; each folder's own .yaml/.yml files (not its subfolders), sorted by name.
    /// A file named twice is listed once, at its first place.</summary>
    public static SuiteFileList Expand(IEnumerable<string> pathsOrDirs)
    {
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var errors = new List<SuiteError>();
        foreach (var given in pathsOrDirs)
        {
            if (File.Exists(given))
            {
                if (seen.Add(Path.GetFullPath(given))) files.Add(given);
            }
            else if (Directory.Exists(given))
            {
                var folderName = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(given)));
                if (NotSuiteFolders.Contains(folderName))
                {
                    errors.Add(new SuiteError(given, SourcePosition.Unknown,
                        $"'{folderName}/' holds {(folderName == "devices" ? "device profiles" : "workload files")}, not suites; name the suites folder or a suite file"));
                    continue;
                }
                var found = Directory.EnumerateFiles(given)
                    .Where(IsYaml)
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (found.Count == 0)
                {
                    errors.Add(new SuiteError(given, SourcePosition.Unknown, "the folder holds no .yaml or .yml file"));
                }
                foreach (var f in found.Where(f => seen.Add(Path.GetFullPath(f)))) files.Add(f);
            }
            else
            {
                errors.Add(new SuiteError(given, SourcePosition.Unknown, "no such file or folder"));
            }
        }
        return new SuiteFileList(files, errors);
    }

    private static bool IsYaml(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
}
