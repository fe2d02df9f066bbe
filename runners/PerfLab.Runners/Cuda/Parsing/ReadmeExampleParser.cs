using System.Globalization;
using System.Text.RegularExpressions;

namespace PerfLab.Runners.Cuda.Parsing;

/// <summary>The shapes <c>readme_example.py</c> prints: <c>Hydra decode: (1, 32, 1, 128) x (1, 8, 8192, 128) -> (1, 32, 1, 128)</c>.</summary>
public sealed record ReadmeShapes(IReadOnlyList<int> Query, IReadOnlyList<int> Key, IReadOnlyList<int> Output)
{
    /// <summary>What is wrong with the shapes for a Hydra decode call (empty when they are consistent).</summary>
    public IReadOnlyList<string> Problems(int? expectedKvTokens = null)
    {
        var problems = new List<string>();
        if (Query.Count != 4 || Key.Count != 4 || Output.Count != 4) { problems.Add("every shape must be (B, H, T, D)"); return problems; }
        if (!Output.SequenceEqual(Query)) problems.Add($"output {Show(Output)} differs from query {Show(Query)}");
        if (Query[2] != 1) problems.Add($"decode needs Tq=1, got {Query[2]}");
        if (Query[3] != 128 || Key[3] != 128) problems.Add("head dim must be 128");
        if (Query[0] != Key[0]) problems.Add("batch of q and k differ");
        if (Key[1] == 0 || Query[1] % Key[1] != 0) problems.Add($"H={Query[1]} is not a multiple of Hkv={Key[1]}");
        if (expectedKvTokens is { } t && Key[2] != t) problems.Add($"Tkv={Key[2]}, expected {t}");
        return problems;
    }

    public static string Show(IReadOnlyList<int> s) => "(" + string.Join(", ", s) + ")";
}

/// <summary>Reads the shapes line of the Hydra README example.</summary>
public static partial class ReadmeExampleParser
{
    [GeneratedRegex(@"^Hydra decode: (\([\d, ]+\)) x (\([\d, ]+\)) -> (\([\d, ]+\))\s*$")]
    private static partial Regex Line();

    public static Parsed<ReadmeShapes> Parse(string stdout)
    {
        var m = stdout.Split('\n').Select(l => Line().Match(l.TrimEnd('\r').Trim())).FirstOrDefault(x => x.Success);
        if (m is null) return Parsed<ReadmeShapes>.Fail("no 'Hydra decode: (..) x (..) -> (..)' line in the output");
        static IReadOnlyList<int> Tuple(string t) => t.Trim('(', ')').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToList();
        return Parsed<ReadmeShapes>.Of(new ReadmeShapes(Tuple(m.Groups[1].Value), Tuple(m.Groups[2].Value), Tuple(m.Groups[3].Value)));
    }
}
