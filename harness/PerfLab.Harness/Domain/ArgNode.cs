using System.Text.RegularExpressions;

namespace PerfLab.Harness.Domain;

/// <summary>A runner argument as written in a suite (scalar, list or map), with where it was written.</summary>
/// <remarks>Runners read their own arguments from this tree so the suite loader needs no knowledge of any runner,
/// and every problem a runner finds can still be reported at the suite's line and column.</remarks>
public abstract record ArgNode(SourcePosition Position)
{
    /// <summary>Replaces every <c>${name}</c> in scalars with its value from <paramref name="variables"/>.</summary>
    public abstract ArgNode Substitute(IReadOnlyDictionary<string, string> variables);

    /// <summary>Every <c>${name}</c> reference in this tree, with the position of the scalar holding it.</summary>
    public abstract IEnumerable<(string Name, SourcePosition Position)> References();
}

/// <summary>A scalar argument. Its text is kept verbatim; runners convert it.</summary>
public sealed record ArgScalar(string Value, SourcePosition Position) : ArgNode(Position)
{
    private static readonly Regex Reference = new(@"\$\{([A-Za-z_][A-Za-z0-9_.\-]*)\}", RegexOptions.Compiled);

    public override ArgNode Substitute(IReadOnlyDictionary<string, string> variables) =>
        this with { Value = SubstituteText(Value, variables) };

    public override IEnumerable<(string Name, SourcePosition Position)> References() =>
        ReferencedNames(Value).Select(n => (n, Position));

    /// <summary>Substitutes <c>${name}</c> references in a string; unknown names are left as written.</summary>
    public static string SubstituteText(string text, IReadOnlyDictionary<string, string> variables) =>
        Reference.Replace(text, m => variables.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);

    /// <summary>The names referenced as <c>${name}</c> in a string.</summary>
    public static IEnumerable<string> ReferencedNames(string text) =>
        Reference.Matches(text).Select(m => m.Groups[1].Value);
}

/// <summary>A list argument.</summary>
public sealed record ArgList(IReadOnlyList<ArgNode> Items, SourcePosition Position) : ArgNode(Position)
{
    public override ArgNode Substitute(IReadOnlyDictionary<string, string> variables) =>
        this with { Items = Items.Select(i => i.Substitute(variables)).ToList() };

    public override IEnumerable<(string Name, SourcePosition Position)> References() =>
        Items.SelectMany(i => i.References());
}

/// <summary>A map argument; keys keep their order and their own positions.</summary>
public sealed record ArgMap(IReadOnlyList<ArgEntry> Entries, SourcePosition Position) : ArgNode(Position)
{
    public static ArgMap Empty { get; } = new([], SourcePosition.Unknown);

    public ArgNode? this[string key] => Entries.FirstOrDefault(e => e.Key == key)?.Value;

    public bool Has(string key) => Entries.Any(e => e.Key == key);

    public override ArgNode Substitute(IReadOnlyDictionary<string, string> variables) =>
        this with { Entries = Entries.Select(e => e with { Value = e.Value.Substitute(variables) }).ToList() };

    public override IEnumerable<(string Name, SourcePosition Position)> References() =>
        Entries.SelectMany(e => e.Value.References());
}

/// <summary>One key of an <see cref="ArgMap"/>.</summary>
public sealed record ArgEntry(string Key, SourcePosition KeyPosition, ArgNode Value);
