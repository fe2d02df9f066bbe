using System.Globalization;
using System.Text.Json;
using PerfLab.Harness.Domain;

namespace PerfLab.Results.Import;

/// <summary>Reads pytest-benchmark's JSON (<c>--benchmark-json</c>). A benchmark is a case named by its fullname, with its
/// params (and group) as parameters; <c>stats.data</c>, the time of every round in seconds, are the samples of metric
/// <c>time</c> (lower is better). A file without all its rounds in <c>stats.data</c> is refused: a summary is not samples.
/// Build, branch and suite come from <c>commit_info</c> (id, branch, project), the device from the CPU brand, the host from
/// the node name, the time from <c>datetime</c> (UTC). Pure: text in, runs or problems out.</summary>
public static class PytestBenchmarkReader
{
    /// <summary>The <c>--format</c> name.</summary>
    public const string Format = "pytest-benchmark";

    /// <summary>Metric of the round times.</summary>
    public const string TimeMetric = "time";

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
            string? device = null, host = null, build = null, branch = null, project = null;
            if (json.Optional(root, "$", "machine_info", JsonValueKind.Object) is { } machine)
            {
                host = json.String(machine, "$.machine_info", "node");
                if (json.Optional(machine, "$.machine_info", "cpu", JsonValueKind.Object) is { } cpu)
                    device = json.String(cpu, "$.machine_info.cpu", "brand") ?? json.String(cpu, "$.machine_info.cpu", "brand_raw");
            }
            if (json.Optional(root, "$", "commit_info", JsonValueKind.Object) is { } commit)
            {
                build = json.String(commit, "$.commit_info", "id");
                branch = json.String(commit, "$.commit_info", "branch");
                project = json.String(commit, "$.commit_info", "project");
            }
            DateTimeOffset? at = null;
            if (json.String(root, "$", "datetime") is { } when)
            {
                if (DateTimeOffset.TryParse(when, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)) at = t;
                else json.Problem("$.datetime", $"'{PeerJson.Shorten(when)}' is not an ISO-8601 date-time");
            }
            source = new PeerSource(device, host, project, build, branch, at);

            if (json.Required(root, "$", "benchmarks", JsonValueKind.Array) is { } benchmarks)
            {
                var i = 0;
                foreach (var b in benchmarks.EnumerateArray())
                    if (ReadBenchmark(json, b, $"$.benchmarks[{i++}]") is { } f) figures.Add(f);
            }
        }
        return PeerRunAssembler.Assemble(Format, "a pytest-benchmark JSON file", file, text, source, figures, problems, options, peer);
    }

    private static PeerFigure? ReadBenchmark(PeerJson json, JsonElement b, string path)
    {
        if (!json.IsObject(b, path)) return null;
        var name = json.String(b, path, "fullname", required: true);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (json.Optional(b, path, "params", JsonValueKind.Object) is { } ps)
            foreach (var p in ps.EnumerateObject())
                parameters[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
        if (json.String(b, path, "group") is { } group) parameters["group"] = group;

        if (json.Required(b, path, "stats", JsonValueKind.Object) is not { } stats) return null;
        var sp = path + ".stats";
        if (json.Optional(stats, sp, "data", JsonValueKind.Array) is not { } data)
        {
            json.Problem(sp, "has no 'data' (the time of every round); write the file with --benchmark-json, which includes them");
            return null;
        }
        var samples = new List<double>();
        var k = 0;
        var complete = true;
        foreach (var v in data.EnumerateArray())
        {
            var vp = $"{sp}.data[{k++}]";
            if (v.ValueKind == JsonValueKind.String)
            {
                json.Problem(vp, $"'{PeerJson.Shorten(v.GetString()!)}' stands where a round's time should be: the file leaves rounds out, so its samples are incomplete");
                complete = false;
            }
            else if (json.Number(v, vp) is { } d) samples.Add(d);
            else complete = false;
        }
        if (complete && json.NumberProperty(stats, sp, "rounds") is { } rounds && rounds != samples.Count)
            json.Problem(sp + ".data", $"holds {samples.Count} round time(s) but stats.rounds says {rounds.ToString(CultureInfo.InvariantCulture)}");
        return name is null ? null : new PeerFigure(json.LineOf(path), name, parameters, TimeMetric, "s", Better.Lower, samples);
    }
}
