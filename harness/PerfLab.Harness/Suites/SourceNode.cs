using PerfLab.Harness.Domain;
using YamlDotNet.Core;

namespace PerfLab.Harness.Suites;

/// <summary>A YAML node as written in a suite file, with where it starts; the loader's own tree.</summary>
/// <remarks>YamlDotNet's representation model throws at the first duplicate key, so the loader composes its own
/// tree from the parser's events: duplicates are then reported like any other problem and loading goes on.</remarks>
internal abstract record SourceNode(SourcePosition Position)
{
    /// <summary>How the node is named in a wrong-type message ("a map", "a list", "a scalar").</summary>
    public abstract string KindText { get; }
}

/// <summary>A scalar; its text is kept verbatim, types are applied by whoever reads it.</summary>
internal sealed record SourceScalar(string Value, ScalarStyle Style, SourcePosition Position) : SourceNode(Position)
{
    /// <summary>An unquoted empty value, <c>~</c> or <c>null</c>: YAML's null, read as "not given".</summary>
    public bool IsNull => Style is ScalarStyle.Plain or ScalarStyle.Any && Value is "" or "~" or "null" or "Null" or "NULL";

    public override string KindText => IsNull ? "nothing" : "a scalar";
}

/// <summary>A YAML sequence.</summary>
internal sealed record SourceList(IReadOnlyList<SourceNode> Items, SourcePosition Position) : SourceNode(Position)
{
    public override string KindText => "a list";
}

/// <summary>A YAML mapping whose keys are scalars; the first of duplicate keys is kept (duplicates are reported).</summary>
internal sealed record SourceMap(IReadOnlyList<SourceEntry> Entries, SourcePosition Position) : SourceNode(Position)
{
    public override string KindText => "a map";

    public SourceEntry? Find(string key) => Entries.FirstOrDefault(e => e.Key == key);
}

/// <summary>One key of a <see cref="SourceMap"/> and its value.</summary>
internal sealed record SourceEntry(string Key, SourcePosition KeyPosition, SourceNode Value);
