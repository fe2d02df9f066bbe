using System.Text.Json;
using PerfLab.Harness.Domain;

namespace PerfLab.Results.Import;

/// <summary>Reads Bencher Metric Format: <c>{ benchmark: { measure: { value, lower_value?, upper_value? } } }</c>. A benchmark
/// is a case, a measure a metric, its value the one sample; lower_value/upper_value are kept as the case's bounds facts
/// (<see cref="PeerRunAssembler.LowerFact"/>), as given (Bencher's own adapters write an upper below the value). BMF names no
/// build, device or suite, and no unit or direction: Bencher's built-in measures get theirs, any other needs --better.
/// Pure: text in, runs or problems out.</summary>
public static class BmfReader
{
    /// <summary>The <c>--format</c> name.</summary>
    public const string Format = "bmf";

    private static readonly string[] MetricFields = ["value", "lower_value", "upper_value"];

    /// <summary>Bencher's built-in measures (slug → unit, direction); others are the project's own and carry neither in BMF.</summary>
    public static IReadOnlyDictionary<string, (string Unit, Better Better)> KnownMeasures { get; } = new Dictionary<string, (string, Better)>(StringComparer.Ordinal)
    {
        ["latency"] = ("ns", Better.Lower),
        ["throughput"] = ("ops/s", Better.Higher),
        ["build-time"] = ("s", Better.Lower),
        ["file-size"] = ("B", Better.Lower),
    };

    /// <summary>Parses <paramref name="text"/> into runs, or every problem with its line.</summary>
    public static ImportResult Read(string text, string file, ImportOptions options, PeerImportOptions peer)
    {
        var problems = new List<ImportProblem>();
        var figures = new List<PeerFigure>();
        using var json = PeerJson.Parse(text, file, problems);
        if (json is not null && json.IsObject(json.Root, "$"))
        {
            foreach (var benchmark in json.Root.EnumerateObject())
            {
                var bp = $"$.{benchmark.Name}";
                if (!json.IsObject(benchmark.Value, bp)) continue;
                var measures = 0;
                foreach (var measure in benchmark.Value.EnumerateObject())
                {
                    measures++;
                    var mp = $"{bp}.{measure.Name}";
                    if (!json.IsObject(measure.Value, mp)) continue;
                    json.OnlyKnown(measure.Value, mp, MetricFields);
                    var value = json.NumberProperty(measure.Value, mp, "value", required: true);
                    var lower = json.NumberProperty(measure.Value, mp, "lower_value");
                    var upper = json.NumberProperty(measure.Value, mp, "upper_value");
                    if (value is null) continue;
                    var known = KnownMeasures.TryGetValue(measure.Name, out var k);
                    figures.Add(new PeerFigure(json.LineOf(mp), benchmark.Name, new Dictionary<string, string>(), measure.Name,
                        known ? k.Unit : "", known ? k.Better : null, [value.Value],
                        lower is null && upper is null ? null : new ReportedBounds(lower, upper)));
                }
                if (measures == 0) json.Problem(bp, "holds no measure");
            }
        }
        return PeerRunAssembler.Assemble(Format, "a BMF file", file, text, new PeerSource(), figures, problems, options, peer);
    }
}
