using System.Globalization;
using PerfLab.Harness.Domain;
using PerfLab.Runners.Processes;

namespace PerfLab.Runners.Command;

/// <summary>The <c>with:</c> arguments of a <c>command</c> step, read and checked.</summary>
/// <param name="Program">The program to start: <c>argv[0]</c>, or <c>/bin/sh</c> for a <c>shell:</c> step.</param>
/// <param name="Arguments">The rest of <c>argv</c>, or <c>-c script</c>.</param>
/// <param name="Shell">True when the step asked for a shell script.</param>
/// <param name="WorkingDirectory">As written (suite-relative), or null for the suite folder.</param>
public sealed record CommandArguments(
    string Program,
    IReadOnlyList<string> Arguments,
    bool Shell,
    IReadOnlyDictionary<string, string> Environment,
    string? WorkingDirectory,
    string? StandardInput,
    long OutputCapBytes,
    IReadOnlySet<int> OkExitCodes)
{
    public const string ShellPath = "/bin/sh";

    /// <summary>Reads the arguments; every problem is reported with its position and the result is null if any.</summary>
    /// <param name="stepPosition">Where the step is, for problems about arguments that are absent altogether.</param>
    /// <param name="beforeSubstitution">True in validation: a number written as <c>${var}</c> is checked once substituted.</param>
    public static CommandArguments? Read(ArgMap with, SourcePosition stepPosition, bool beforeSubstitution, out IReadOnlyList<ArgProblem> problems)
    {
        var reader = new ArgReader(with);
        var at = with.Position == SourcePosition.Unknown ? stepPosition : with.Position;
        var argv = reader.StringList("argv");
        var shell = reader.String("shell");
        var env = reader.StringMap("env");
        var cwd = reader.String("cwd");
        var stdin = reader.String("stdin");
        var cap = beforeSubstitution && HasReference(reader.Node("output_cap")) ? null : reader.Integer("output_cap", min: 1);
        var okCodes = ReadExitCodes(reader, beforeSubstitution);
        reader.RejectUnknownKeys();

        if (with.Has("argv") && with.Has("shell"))
        {
            reader.Problem(with.Entries.First(e => e.Key == "shell").KeyPosition, "give either 'argv' or 'shell', not both");
        }
        else if (!with.Has("argv") && !with.Has("shell"))
        {
            reader.Problem(at, "a command step needs 'argv: [program, arg...]' or 'shell: \"script\"'");
        }
        if (argv is { Count: 0 }) reader.Problem(with["argv"]!.Position, "'argv' must name a program");
        else if (argv is { } list && list[0].Length == 0) reader.Problem(with["argv"]!.Position, "'argv[0]' (the program) is empty");
        if (shell is { Length: 0 }) reader.Problem(with["shell"]!.Position, "'shell' is empty");
        if (cwd is { Length: 0 }) reader.Problem(with["cwd"]!.Position, "'cwd' is empty");
        if (with["env"] is ArgMap envMap)
        {
            foreach (var e in envMap.Entries.Where(e => e.Key.Length == 0 || e.Key.Contains('=') || e.Key.Contains('\0')))
            {
                reader.Problem(e.KeyPosition, $"'{e.Key}' is not a valid environment variable name");
            }
        }

        problems = reader.Problems;
        if (problems.Count > 0) return null;

        var viaShell = shell is not null;
        return new CommandArguments(
            viaShell ? ShellPath : argv![0],
            viaShell ? ["-c", shell!] : argv!.Skip(1).ToList(),
            viaShell,
            env ?? new Dictionary<string, string>(),
            cwd,
            stdin,
            cap ?? ProcessSpec.DefaultOutputCap,
            okCodes ?? new HashSet<int> { 0 });
    }

    private static bool HasReference(ArgNode? node) => node is ArgScalar s && ArgScalar.ReferencedNames(s.Value).Any();

    private static HashSet<int>? ReadExitCodes(ArgReader reader, bool beforeSubstitution)
    {
        switch (reader.Node("ok_exit_codes"))
        {
            case null:
                return null;
            case ArgList { Items.Count: 0 } empty:
                reader.Problem(empty.Position, "'ok_exit_codes' must list at least one exit code");
                return null;
            case ArgList list:
                var codes = new HashSet<int>();
                foreach (var item in list.Items)
                {
                    if (beforeSubstitution && HasReference(item)) continue;
                    if (item is ArgScalar s && int.TryParse(s.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code <= 255)
                    {
                        codes.Add(code);
                    }
                    else
                    {
                        reader.Problem(item.Position, $"'ok_exit_codes' entries must be exit codes 0..255, got {Describe(item)}");
                    }
                }
                return codes;
            case var other:
                reader.Problem(other.Position, "'ok_exit_codes' must be a list, e.g. [0, 1]");
                return null;
        }
    }

    private static string Describe(ArgNode node) => node switch
    {
        ArgScalar s => $"'{s.Value}'",
        ArgList => "a list",
        _ => "a map",
    };
}
