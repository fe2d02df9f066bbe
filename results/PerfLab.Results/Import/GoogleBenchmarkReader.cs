using System.Globalization;
using System.Text.Json;
using PerfLab.Harness.Domain;

namespace PerfLab.Results.Import;

/// <summary>Reads Google Benchmark's JSON (<c>--benchmark_format=json</c> / <c>--benchmark_out</c>). Each run name is a case;
/// its iteration entries (one per repetition with <c>--benchmark_repetitions</c>) are the samples of <c>real_time</c> and
/// <c>cpu_time</c> in the entry's time unit; aggregates (mean, median, stddev, BigO) are derived from them and not stored.
/// <c>bytes_per_second</c> and <c>items_per_second</c> are higher-is-better metrics; any other user counter needs --better.
/// The device is the context's host name, the suite the executable's name, the time the context's date. No build: give
/// --build. Pure: text in, runs or problems out.</summary>
public static class GoogleBenchmarkReader
{
    /// <summary>The <c>--format</c> name.</summary>
    public const string Format = "google-benchmark";

    // Fields of an entry that are not figures (everything else numeric is a user counter).
    private static readonly HashSet<string> EntryFields =
    [
        "name", "family_index", "per_family_instance_index", "run_name", "run_type", "repetitions", "repetition_index", "threads",
        "iterations", "real_time", "cpu_time", "time_unit", "aggregate_name", "aggregate_unit", "label", "error_occurred",
        "error_message", "skipped", "skip_message", "big_o", "rms", "cpu_coefficient", "real_coefficient",
    ];

    private static readonly Dictionary<string, string> RateUnits = new(StringComparer.Ordinal)
    {
        ["bytes_per_second"] = "B/s",
        ["items_per_second"] = "items/s",
    };

    /// <summary>Parses <paramref name="text"/> into runs, or every problem with its line.</summary>
    public static ImportResult Read(string text, string file, ImportOptions options, PeerImportOptions peer)
    {
        var problems = new List<ImportProblem>();
        var figures = new List<PeerFigure>();
        var source = new PeerSource();
        using var json = PeerJson.Parse(text, file, problems);
        if (json is not null && json.IsObject(json.Root, "$"))
        {
            if (json.Optional(json.Root, "$", "context", JsonValueKind.Object) is { } context)
            {
                DateTimeOffset? at = null;
                if (json.String(context, "$.context", "date") is { } date)
                {
                    if (DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)) at = t;
                    else json.Problem("$.context.date", $"'{PeerJson.Shorten(date)}' is not a date-time");
                }
                var executable = json.String(context, "$.context", "executable");
                var host = json.String(context, "$.context", "host_name");
                source = new PeerSource(Device: host, Host: host, Suite: executable is null ? null : Path.GetFileName(executable.Replace('\\', '/')), At: at);
            }
            if (json.Required(json.Root, "$", "benchmarks", JsonValueKind.Array) is { } benchmarks)
            {
                var i = 0;
                var aggregates = 0;
                foreach (var b in benchmarks.EnumerateArray())
                {
                    var path = $"$.benchmarks[{i++}]";
                    if (!json.IsObject(b, path)) continue;
                    if (json.String(b, path, "run_type") == "aggregate") { aggregates++; continue; }
                    ReadIteration(json, b, path, figures);
                }
                if (figures.Count == 0 && aggregates > 0)
                    json.Problem("$.benchmarks", "holds only aggregates (mean, median, ...), no repetition; run without --benchmark_report_aggregates_only");
            }
        }
        return PeerRunAssembler.Assemble(Format, "a Google Benchmark JSON file", file, text, source, figures, problems, options, peer);
    }

    private static void ReadIteration(PeerJson json, JsonElement b, string path, List<PeerFigure> figures)
    {
        var name = json.String(b, path, "run_name") ?? json.String(b, path, "name", required: true);
        if (name is null) return;
        if (json.Optional(b, path, "error_occurred", JsonValueKind.True) is { ValueKind: JsonValueKind.True })
        {
            json.Problem(path, $"benchmark '{name}' failed: {json.String(b, path, "error_message") ?? "no message"}; a failed benchmark has no figure to store");
            return;
        }
        var unit = json.String(b, path, "time_unit") ?? "ns";
        var line = json.LineOf(path);
        foreach (var metric in new[] { "real_time", "cpu_time" })
            if (json.NumberProperty(b, path, metric, required: true) is { } v)
                figures.Add(new PeerFigure(line, name, new Dictionary<string, string>(), metric, unit, Better.Lower, [v]));
        foreach (var p in b.EnumerateObject())
        {
            if (EntryFields.Contains(p.Name) || p.Value.ValueKind != JsonValueKind.Number) continue;
            if (json.Number(p.Value, $"{path}.{p.Name}") is not { } counter) continue;
            var rate = RateUnits.TryGetValue(p.Name, out var rateUnit);
            figures.Add(new PeerFigure(json.LineOf($"{path}.{p.Name}"), name, new Dictionary<string, string>(), p.Name, rate ? rateUnit! : "",
                rate ? Better.Higher : null, [counter]));
        }
    }
}
