using System.CommandLine;
using System.Text.Json;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Text;

namespace PerfLab.Cli.Commands;

/// <summary><c>perflab suites list|show|export</c>: the suites perflab would use here (./suites, --suites or the embedded ones).</summary>
internal static class SuitesCommand
{
    public static Command Create()
    {
        var command = new Command("suites",
            "The suites perflab uses when none are named: --suites DIR when given, else ./suites when present, else the suites embedded " +
            "in perflab. 'list' shows them, 'show' prints one suite's YAML, 'export' writes them with their device profiles, model cards, " +
            "HEF stand-ins and workload scripts into a folder to edit ('perflab validate DIR' passes on it).")
        { List(), Show(), Export() };
        return command;
    }

    private static Option<DirectoryInfo?> SuitesOption() => new("--suites")
    {
        Description = "Folder of suites. Default: ./suites when present, else the suites embedded in perflab.",
    };

    private static Command List()
    {
        var suites = SuitesOption();
        var json = CommonOptions.Json();
        var command = new Command("list", "List the suites: name, version, evidence scope and the devices each requires. The first line (stderr with --json) says " +
            "which source was used.\nExit codes: 0 all suites load, 2 some suite does not (its problems on stderr).\nExample: perflab suites list --json")
        { suites, json };
        command.SetAction((parse, _) => CliAction.RunAsync(() => Task.FromResult(ListSuites(parse.GetValue(suites), parse.GetValue(json)))));
        return command;
    }

    private static int ListSuites(DirectoryInfo? folder, bool json)
    {
        var source = SuiteSource.Resolve(folder?.ToString());
        var loaded = Load(source, json ? System.Console.Error : System.Console.Out);
        var suites = loaded.Suites.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        if (json)
        {
            System.Console.WriteLine(JsonSerializer.Serialize(new
            {
                source = new { kind = source.Kind.ToString().ToLowerInvariant(), label = source.Label, directory = source.Directory },
                suites = suites.Select(s => new
                {
                    name = s.Name, version = s.Version, scope = s.Scope.ToName(), description = s.Description,
                    requires = s.Requires.Select(r => new SortedDictionary<string, IReadOnlyList<string>>(r.Labels.ToDictionary(), StringComparer.Ordinal)),
                    file = Path.GetRelativePath(source.Directory, s.SourcePath).Replace('\\', '/'),
                }),
            }, JsonOutput.Options));
        }
        else
        {
            string[] header = ["suite", "version", "scope", "requires"];
            var rows = suites.Select(s => new[] { PrintableText.Escape(s.Name), PrintableText.Escape(s.Version), s.Scope.ToName(), PrintableText.Escape(Requires(s)) }).ToList();
            var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
            foreach (var row in rows.Prepend(header))
                System.Console.WriteLine(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
        }
        return loaded.Errors.Count == 0 ? ExitCodes.Success : ExitCodes.InvalidInput;
    }

    private static Command Show()
    {
        var name = new Argument<string>("name") { Description = "The suite's name (its 'name:' field)." };
        var suites = SuitesOption();
        var command = new Command("show", "Print one suite's YAML exactly as stored; the source line goes to stderr, so the output can be redirected into a file.\n" +
            "Exit codes: 0 shown, 2 no suite of that name.\nExample: perflab suites show host-baseline > host-baseline.yaml")
        { name, suites };
        command.SetAction((parse, _) => CliAction.RunAsync(() => Task.FromResult(ShowSuite(parse.GetValue(name)!, parse.GetValue(suites)))));
        return command;
    }

    private static int ShowSuite(string name, DirectoryInfo? folder)
    {
        var source = SuiteSource.Resolve(folder?.ToString());
        var loaded = Load(source, System.Console.Error);
        var suite = loaded.Suites.FirstOrDefault(s => s.Name == name)
            ?? throw new UsageException($"no suite named '{PrintableText.Escape(name)}' in {source.Label}; there are: {string.Join(", ", loaded.Suites.Select(s => s.Name).Order(StringComparer.Ordinal))}");
        System.Console.Out.Write(File.ReadAllText(suite.SourcePath));
        return ExitCodes.Success;
    }

    private static Command Export()
    {
        var target = new Argument<DirectoryInfo>("dir") { Description = "Folder to write; created if absent, refused if it holds anything (unless --force)." };
        var suites = SuitesOption();
        var force = new Option<bool>("--force") { Description = "Write into a folder that is not empty, replacing files of the same name (others are kept)." };
        var command = new Command("export", "Write the suites and every file they use (devices/, models/, workloads/) into a folder, to edit and then pass " +
            "with --suites or run from beside it as ./suites.\nExit codes: 0 written, 2 the folder is not empty (without --force) or is a file.\n" +
            "Example: perflab suites export ./suites && perflab validate ./suites")
        { target, suites, force };
        command.SetAction((parse, _) => CliAction.RunAsync(() => Task.FromResult(ExportSuites(parse.GetValue(target)!, parse.GetValue(suites), parse.GetValue(force)))));
        return command;
    }

    private static int ExportSuites(DirectoryInfo target, DirectoryInfo? folder, bool force)
    {
        if (File.Exists(target.FullName)) throw new UsageException($"{target.FullName}: is a file, not a folder");
        if (target.Exists && target.EnumerateFileSystemInfos().Any() && !force)
            throw new UsageException($"{target.FullName}: the folder is not empty; nothing was written (pass --force to write into it)");
        var source = SuiteSource.Resolve(folder?.ToString());
        if (Path.GetFullPath(source.Directory).TrimEnd('/') == target.FullName.TrimEnd('/'))
            throw new UsageException($"{target.FullName}: is the source itself ({source.Label}); nothing was written");
        System.Console.WriteLine(source.Line);
        var files = Copy(source, target.FullName);
        System.Console.WriteLine($"exported {files} file(s) to {target.FullName}");
        return ExitCodes.Success;
    }

    private static int Copy(SuiteSource source, string target)
    {
        if (source.Kind == SuiteSourceKind.Embedded)
        {
            EmbeddedSuites.WriteTo(target);
            return EmbeddedSuites.Files.Count;
        }
        var count = 0;
        foreach (var file in Directory.EnumerateFiles(source.Directory, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source.Directory, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "__pycache__")) continue;
            var to = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to, overwrite: true);
            count++;
        }
        return count;
    }

    private static SuiteSet Load(SuiteSource source, TextWriter log)
    {
        log.WriteLine(source.Line);
        var loaded = SuiteSet.Load([source.Directory], PerfLabServices.Create().Runners);
        foreach (var e in loaded.Errors) System.Console.Error.WriteLine(e.ToString());
        return loaded;
    }

    private static string Requires(Suite s) =>
        s.Requires.Count == 0 ? "any device" : string.Join("; ", s.Requires.Select(r => r.ToString()));
}
