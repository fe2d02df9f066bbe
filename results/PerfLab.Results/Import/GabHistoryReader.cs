using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using PerfLab.Harness.Domain;

namespace PerfLab.Results.Import;

/// <summary>Reads a github-action-benchmark history: the gh-pages <c>data.js</c> (<c>window.BENCHMARK_DATA = {...}</c>) or the
/// same object as plain JSON (<c>external-data-json-path</c>). Every entry group is a suite, every entry a build (its commit
/// id, timed by its <c>date</c>), every bench a case whose unit names its metric (units differ per benchmark: seconds beside
/// milliseconds); the direction comes from the entry's tool as github-action-benchmark itself decides it. Entries of one
/// commit (a re-run) are pooled as repetitions of that build. The history names no device. Pure: text in, runs or problems out.</summary>
public static partial class GabHistoryReader
{
    /// <summary>The <c>--format</c> name.</summary>
    public const string Format = "gab-history";

    private static readonly string[] EntryFields = ["commit", "date", "tool", "benches"];

    /// <summary>Whether bigger is better for each tool github-action-benchmark knows (its <c>biggerIsBetter</c>).</summary>
    public static IReadOnlyDictionary<string, Better> ToolDirections { get; } = new Dictionary<string, Better>(StringComparer.Ordinal)
    {
        ["cargo"] = Better.Lower, ["go"] = Better.Lower, ["benchmarkjs"] = Better.Higher, ["benchmarkluau"] = Better.Lower,
        ["pytest"] = Better.Higher, ["googlecpp"] = Better.Lower, ["catch2"] = Better.Lower, ["julia"] = Better.Lower,
        ["jmh"] = Better.Lower, ["benchmarkdotnet"] = Better.Lower, ["customBiggerIsBetter"] = Better.Higher,
        ["customSmallerIsBetter"] = Better.Lower,
    };

    [GeneratedRegex(@"^\s*window\.BENCHMARK_DATA\s*=\s*")]
    private static partial Regex Assignment();

    /// <summary>Parses <paramref name="text"/> into one run per suite × commit, or every problem with its line.</summary>
    public static ImportResult Read(string text, string file, ImportOptions options, PeerImportOptions peer)
    {
        var problems = new List<ImportProblem>();
        var figures = new List<PeerFigure>();
        if (peer.Build is not null) problems.Add(new(file, 1, "a github-action-benchmark history names the build of every entry (its commit); --build does not apply"));
        if (peer.Suite is not null) problems.Add(new(file, 1, "a github-action-benchmark history names its suites (its entry groups); --suite does not apply"));
        using var json = PeerJson.Parse(AsJson(text), file, problems);
        if (json is not null && json.IsObject(json.Root, "$")
            && json.Required(json.Root, "$", "entries", JsonValueKind.Object) is { } entries)
        {
            foreach (var group in entries.EnumerateObject())
            {
                var gp = $"$.entries.{group.Name}";
                if (!json.IsArray(group.Value, gp)) continue;
                var i = 0;
                foreach (var entry in group.Value.EnumerateArray()) ReadEntry(json, entry, $"{gp}[{i++}]", group.Name, figures);
            }
        }
        return PeerRunAssembler.Assemble(Format, "a github-action-benchmark history", file, text, new PeerSource(), figures, problems, options, peer);
    }

    private static void ReadEntry(PeerJson json, JsonElement entry, string path, string suite, List<PeerFigure> figures)
    {
        if (!json.IsObject(entry, path)) return;
        json.OnlyKnown(entry, path, EntryFields);
        var commit = json.Required(entry, path, "commit", JsonValueKind.Object);
        var id = commit is { } c ? json.String(c, path + ".commit", "id", required: true) : null;
        var date = json.NumberProperty(entry, path, "date", required: true);
        DateTimeOffset? at = null;
        if (date is { } ms)
        {
            if (ms < 0 || ms > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()) json.Problem(path + ".date", "is not a time in milliseconds since 1970");
            else at = DateTimeOffset.FromUnixTimeMilliseconds((long)ms);
        }
        var tool = json.String(entry, path, "tool", required: true);
        Better? better = tool is not null && ToolDirections.TryGetValue(tool, out var b) ? b : null;
        if (json.Required(entry, path, "benches", JsonValueKind.Array) is not { } benches) return;
        var i = 0;
        // read even without a commit id, so every bad bench is reported in one go
        foreach (var bench in benches.EnumerateArray())
            if (GabCustomReader.ReadBench(json, bench, $"{path}.benches[{i++}]", better, suite, id, at) is { } f && id is not null) figures.Add(f);
    }

    // The assignment is blanked, not cut, so every line and column of the JSON stays where it is in the file.
    private static string AsJson(string text)
    {
        var m = Assignment().Match(text);
        if (!m.Success) return text;
        var json = new StringBuilder(text);
        for (var k = 0; k < m.Length; k++) if (json[k] != '\n') json[k] = ' ';
        var end = json.Length - 1;
        while (end >= 0 && char.IsWhiteSpace(json[end])) end--;
        if (end >= 0 && json[end] == ';') json[end] = ' ';
        return json.ToString();
    }
}
