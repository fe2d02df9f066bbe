using System.Globalization;
using PerfLab.Harness.Domain;

namespace PerfLab.Results.Import;

/// <summary>Reads <c>go test -bench</c> text. A result line <c>BenchmarkName-8  5000000  325 ns/op  16 B/op</c> is a case (the
/// full name, GOMAXPROCS suffix included, as github-action-benchmark names it) with one sample per unit; each unit is a metric
/// (ns/op, B/op, allocs/op lower is better; rates ending in /s higher; custom units need --better). The same name again
/// (<c>-count N</c>) adds repetitions. <c>pkg:</c> (or the closing <c>ok pkg</c> line) names the suite, <c>cpu:</c> the device.
/// No build: give --build. Pure: text in, runs or problems out.</summary>
public static class GoBenchReader
{
    /// <summary>The <c>--format</c> name.</summary>
    public const string Format = "go-bench";

    private static readonly HashSet<string> LowerUnits = ["ns/op", "sec/op", "B/op", "allocs/op"];

    /// <summary>Parses <paramref name="text"/> into runs, or every problem with its line.</summary>
    public static ImportResult Read(string text, string file, ImportOptions options, PeerImportOptions peer)
    {
        var problems = new List<ImportProblem>();
        var figures = new List<PeerFigure>();
        var lines = text.TrimStart('\uFEFF').Split('\n');
        string? package = null, cpu = null;
        var waiting = new List<PeerFigure>(); // results before any "pkg:" line wait for the closing "ok <pkg>"
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var number = i + 1;
            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0) continue;
            if (line.StartsWith("pkg: ", StringComparison.Ordinal)) { package = line[5..].Trim(); continue; }
            if (line.StartsWith("cpu: ", StringComparison.Ordinal)) { cpu = line[5..].Trim(); continue; }
            if ((fields[0] is "ok" or "FAIL") && fields.Length >= 2)
            {
                figures.AddRange(waiting.Select(f => f with { Suite = fields[1] }));
                waiting.Clear();
                package = null;
                continue;
            }
            if (!fields[0].StartsWith("Benchmark", StringComparison.Ordinal) || fields.Length == 1) continue; // -v prints the name alone first
            if (!long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                problems.Add(new(file, number, $"'{fields[0]}': iteration count '{PeerJson.Shorten(fields[1])}' is not a whole number"));
                continue;
            }
            if (fields.Length < 4 || fields.Length % 2 != 0)
            {
                problems.Add(new(file, number, $"'{fields[0]}': expected value-unit pairs after the iteration count, found '{PeerJson.Shorten(string.Join(' ', fields[2..]))}'"));
                continue;
            }
            for (var k = 2; k < fields.Length; k += 2)
            {
                var unit = fields[k + 1];
                if (!double.TryParse(fields[k], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                {
                    problems.Add(new(file, number, $"'{fields[0]}': value '{PeerJson.Shorten(fields[k])}' of {unit} is not a finite number"));
                    continue;
                }
                Better? better = LowerUnits.Contains(unit) ? Better.Lower : unit.EndsWith("/s", StringComparison.Ordinal) ? Better.Higher : null;
                var figure = new PeerFigure(number, fields[0], new Dictionary<string, string>(), unit, unit, better, [value], Suite: package);
                if (package is null) waiting.Add(figure);
                else figures.Add(figure);
            }
        }
        figures.AddRange(waiting); // no package named anywhere: the suite must come from --suite
        return PeerRunAssembler.Assemble(Format, "go test -bench output", file, text, new PeerSource(Device: cpu), figures, problems, options, peer);
    }
}
