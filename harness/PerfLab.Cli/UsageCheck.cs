using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using PerfLab.Harness.Suites;

namespace PerfLab.Cli;

/// <summary>The usage errors of one parsed command line, stricter than System.CommandLine's own: an unknown option is an
/// error even where a verb takes file arguments (the parser would read <c>--dbb</c> as a file name), an unknown verb or
/// option names the closest known one, and nothing that looks like an option is ever taken as a path.</summary>
public static partial class UsageCheck
{
    /// <summary>One line per problem (no "perflab:" prefix); empty when the command line is usable.</summary>
    public static IReadOnlyList<string> Problems(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var verb = VerbPath(parse.CommandResult);
        var problems = new List<string>();

        // Tokens after "--" are arguments whatever they look like; the parser marks that separator with its own token type.
        var literal = new HashSet<Token>(ReferenceEqualityComparer.Instance);
        var afterSeparator = false;
        foreach (var token in parse.Tokens)
        {
            if (token.Type == TokenType.DoubleDash) afterSeparator = true;
            else if (afterSeparator) literal.Add(token);
        }

        var unmatched = parse.UnmatchedTokens.ToList();
        if (command.Subcommands.Count > 0 && command.Action is null && unmatched.Count > 0 && !LooksLikeOption(unmatched[0]))
        {
            // "perflab rnu" or "perflab suites lsit": the first stray word was meant as a verb.
            var names = command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList();
            problems.Add($"unknown verb '{Join(verb, unmatched[0])}'{Hint(unmatched[0], names, verb)}");
            return problems;
        }

        var options = KnownOptions(parse.CommandResult);
        var unknownOptions = new List<string>();
        foreach (var token in parse.Tokens)
        {
            if (literal.Contains(token) || token.Type != TokenType.Argument || !LooksLikeOption(token.Value)) continue;
            if (ConsumedByOption(parse.CommandResult, token) && !token.Value.StartsWith("--", StringComparison.Ordinal)) continue; // "--shift -5"
            unknownOptions.Add(token.Value);
        }
        foreach (var name in unknownOptions.Distinct(StringComparer.Ordinal))
        {
            var bare = name.Split('=', 2)[0];
            problems.Add($"unknown option '{bare}' for '{verb}'{Hint(bare, options, verb)}");
        }
        if (unknownOptions.Count > 0) return problems; // the words after an unknown option are its value, not new mistakes

        foreach (var error in parse.Errors)
        {
            problems.Add(error.Message.TrimEnd('.'));
        }
        return problems;
    }

    /// <summary>Where to read more: "Try 'perflab run --help'." for the verb the command line reached.</summary>
    public static string HelpHint(ParseResult parse) => $"Try '{VerbPath(parse.CommandResult)} --help'.";

    /// <summary>True when <paramref name="args"/> asks for help (then help is shown, whatever else is wrong).</summary>
    public static bool AsksForHelp(IEnumerable<string> args) =>
        args.TakeWhile(a => a != "--").Any(a => a is "--help" or "-h" or "-?" or "/?" or "/h");

    /// <summary>"--x", "-x" and "--x=1" look like options; "-", "-5" and "-0.5" do not (a number may be a value).</summary>
    public static bool LooksLikeOption(string token) => OptionShape().IsMatch(token);

    private static bool ConsumedByOption(CommandResult command, Token token) =>
        command.Children.OfType<OptionResult>().Any(o => o.Tokens.Any(t => ReferenceEquals(t, token)));

    /// <summary>Every option name and alias the verb accepts, its own and those it inherits (help, version).</summary>
    private static List<string> KnownOptions(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is not null; r = r.Parent)
        {
            if (r is not CommandResult c) continue;
            foreach (var o in c.Command.Options)
            {
                if (o.Hidden || (!ReferenceEquals(c, result) && !o.Recursive)) continue;
                names.Add(o.Name);
                names.AddRange(o.Aliases);
            }
        }
        return names.Distinct(StringComparer.Ordinal).ToList();
    }

    private static string Hint(string written, IReadOnlyCollection<string> known, string verb)
    {
        // Long names only: a short alias one letter from a typo ("-x" → "-h") is a guess, not a suggestion.
        var listed = known.Where(k => k.StartsWith("--", StringComparison.Ordinal) || char.IsLetter(k[0])).ToList();
        var closest = KeySuggestion.Closest(written, listed);
        if (closest is not null) return $"; did you mean '{closest}'?";
        return $" ('{verb}' knows: {string.Join(", ", listed)})";
    }

    private static string VerbPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is not null; r = r.Parent)
        {
            if (r is CommandResult c) names.Add(c.Parent is null ? "perflab" : c.Command.Name);
        }
        names.Reverse();
        return string.Join(' ', names);
    }

    /// <summary>"rnu" at the top, "suites lsit" under suites: the words after "perflab".</summary>
    private static string Join(string verb, string word) => verb == "perflab" ? word : $"{verb["perflab ".Length..]} {word}";

    [GeneratedRegex(@"^(--?[A-Za-z?]|--[A-Za-z0-9])")]
    private static partial Regex OptionShape();
}
