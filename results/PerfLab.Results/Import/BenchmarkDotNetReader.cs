using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using PerfLab.Harness.Domain;

namespace PerfLab.Results.Import;

/// <summary>Reads BenchmarkDotNet's full JSON export (<c>*-report-full.json</c>). A benchmark is a case named by its FullName,
/// with its parameters (<c>N=10&amp;M=2</c>) and job as parameters; its raw measurements are the samples of metric <c>time</c>
/// (ns per operation, lower is better): <c>Statistics.OriginalValues</c>, else the Workload/Result measurements. Bytes allocated
/// per operation (memory diagnoser) become metric <c>allocated</c>. The device is the processor the file names; the suite is the
/// title without its timestamp, which gives the time (the machine's local time, taken as UTC). No build: give --build.
/// Pure: text in, runs or problems out.</summary>
public static partial class BenchmarkDotNetReader
{
    /// <summary>The <c>--format</c> name.</summary>
    public const string Format = "benchmarkdotnet";

    /// <summary>Metric of the per-operation times.</summary>
    public const string TimeMetric = "time";

    /// <summary>Metric of the bytes allocated per operation.</summary>
    public const string AllocatedMetric = "allocated";

    [GeneratedRegex(@"^(?<suite>.+)-(?<at>\d{8}-\d{6})$")]
    private static partial Regex TitleWithTime();

    /// <summary>Parses <paramref name="text"/> into runs, or every problem with its line.</summary>
    public static ImportResult Read(string text, string file, ImportOptions options, PeerImportOptions peer)
    {
        var problems = new List<ImportProblem>();
        var figures = new List<PeerFigure>();
        var source = new PeerSource();
        using var json = PeerJson.Parse(text, file, problems);
        if (json is not null && json.IsObject(json.Root, "$"))
        {
            var root = json.Root;
            var title = json.String(root, "$", "Title");
            DateTimeOffset? at = null;
            var suite = title;
            if (title is not null && TitleWithTime().Match(title) is { Success: true } m)
            {
                suite = m.Groups["suite"].Value;
                if (DateTime.TryParseExact(m.Groups["at"].Value, "yyyyMMdd-HHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                    at = new DateTimeOffset(local, TimeSpan.Zero);
            }
            var hostInfo = json.Optional(root, "$", "HostEnvironmentInfo", JsonValueKind.Object);
            var processor = hostInfo is { } h ? json.String(h, "$.HostEnvironmentInfo", "ProcessorName") : null;
            source = new PeerSource(Device: processor, Suite: suite, At: at);

            if (json.Required(root, "$", "Benchmarks", JsonValueKind.Array) is { } benchmarks)
            {
                var i = 0;
                foreach (var b in benchmarks.EnumerateArray()) ReadBenchmark(json, b, $"$.Benchmarks[{i++}]", figures);
            }
        }
        return PeerRunAssembler.Assemble(Format, "a BenchmarkDotNet JSON report", file, text, source, figures, problems, options, peer);
    }

    private static void ReadBenchmark(PeerJson json, JsonElement b, string path, List<PeerFigure> figures)
    {
        if (!json.IsObject(b, path)) return;
        var name = json.String(b, path, "FullName", required: true);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (json.String(b, path, "Parameters") is { } text)
        {
            foreach (var pair in text.Split('&'))
            {
                var eq = pair.IndexOf('=');
                if (eq <= 0) { json.Problem(path + ".Parameters", $"'{PeerJson.Shorten(text)}' is not name=value pairs joined by '&'"); break; }
                parameters[pair[..eq]] = pair[(eq + 1)..];
            }
        }
        // "Benchmarks.Fib10: DefaultJob": two jobs of one method share a FullName, so the job belongs to the case's identity
        if (json.String(b, path, "DisplayInfo") is { } display && display.LastIndexOf(": ", StringComparison.Ordinal) is var colon and > 0)
            parameters["job"] = display[(colon + 2)..];

        var samples = new List<double>();
        var statistics = json.Optional(b, path, "Statistics", JsonValueKind.Object);
        if (statistics is { } s && json.Optional(s, path + ".Statistics", "OriginalValues", JsonValueKind.Array) is { } original)
        {
            var k = 0;
            foreach (var v in original.EnumerateArray())
                if (json.Number(v, $"{path}.Statistics.OriginalValues[{k++}]") is { } d) samples.Add(d);
        }
        else if (json.Optional(b, path, "Measurements", JsonValueKind.Array) is { } measurements)
        {
            var k = 0;
            foreach (var m in measurements.EnumerateArray())
            {
                var mp = $"{path}.Measurements[{k++}]";
                if (!json.IsObject(m, mp)) continue;
                if (json.String(m, mp, "IterationMode") != "Workload" || json.String(m, mp, "IterationStage") != "Result") continue;
                var ns = json.NumberProperty(m, mp, "Nanoseconds", required: true);
                var ops = json.NumberProperty(m, mp, "Operations", required: true);
                if (ops is <= 0) json.Problem(mp + ".Operations", "must be positive");
                else if (ns is { } n && ops is { } o) samples.Add(n / o);
            }
        }
        if (name is null) return;
        if (samples.Count == 0)
        {
            json.Problem(path, "holds no raw measurement (neither Statistics.OriginalValues nor Workload/Result measurements); export with the full JSON exporter");
            return;
        }
        figures.Add(new PeerFigure(json.LineOf(path), name, parameters, TimeMetric, "ns", Better.Lower, samples));

        if (json.Optional(b, path, "Memory", JsonValueKind.Object) is { } memory
            && json.NumberProperty(memory, path + ".Memory", "BytesAllocatedPerOperation") is { } bytes)
            figures.Add(new PeerFigure(json.LineOf(path + ".Memory"), name, parameters, AllocatedMetric, "B", Better.Lower, [bytes]));
    }
}
