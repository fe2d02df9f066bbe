using System.Globalization;

namespace PerfLab.Tests.Runners.Hailo;

/// <summary>A fixture's <c>.expected</c> file: one directive per line (sample, csv, json, fact, failure, ...).</summary>
public sealed record HailoFixtureExpectations(string Path, IReadOnlyList<(string Directive, string[] Words, string Tail)> Lines)
{
    public static HailoFixtureExpectations Load(string path) =>
        new(path, File.ReadAllLines(path)
            .Where(l => l.Trim().Length > 0 && !l.StartsWith('#'))
            .Select(l =>
            {
                var words = l.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var rest = l.Length > words[0].Length ? l[(words[0].Length + 1)..] : "";
                return (words[0], words[1..], rest);
            })
            .ToList());

    public IEnumerable<(string Metric, double Value, string Unit)> Figures(string directive) =>
        Lines.Where(l => l.Directive == directive)
            .Select(l => (l.Words[0], double.Parse(l.Words[1], CultureInfo.InvariantCulture), l.Words[2]));

    public IEnumerable<string[]> Words(string directive) => Lines.Where(l => l.Directive == directive).Select(l => l.Words);

    public string? Rest(string directive) => Lines.FirstOrDefault(l => l.Directive == directive).Tail;

    public bool Has(string directive) => Lines.Any(l => l.Directive == directive);

    /// <summary>The fixture file beside this expectation with another extension.</summary>
    public string Sibling(string extension) => System.IO.Path.ChangeExtension(Path, extension);

    public string Text(string extension) => File.Exists(Sibling(extension)) ? File.ReadAllText(Sibling(extension)) : "";

    public string Kind => System.IO.Path.GetFileNameWithoutExtension(Path) switch
    {
        var n when n.StartsWith("version", StringComparison.Ordinal) => "version",
        var n when n.StartsWith("scan-", StringComparison.Ordinal) => "scan",
        var n when n.StartsWith("identify-", StringComparison.Ordinal) => "identify",
        var n when n.StartsWith("parse-hef-", StringComparison.Ordinal) => "parse-hef",
        var n when n.StartsWith("benchmark-", StringComparison.Ordinal) => "benchmark",
        var n when n.StartsWith("run2-", StringComparison.Ordinal) => "run2",
        var n when n.StartsWith("run-", StringComparison.Ordinal) => "run",
        var n when n.StartsWith("measure-power-", StringComparison.Ordinal) => "measure-power",
        var n when n.StartsWith("error-", StringComparison.Ordinal) => "error",
        var n when n.StartsWith("garbage-", StringComparison.Ordinal) => "garbage",
        var n => throw new InvalidOperationException($"{Path}: no parser for a fixture named '{n}'"),
    };

    public override string ToString() => System.IO.Path.GetRelativePath(HailoTestSupport.FixtureRoot, Path);
}
