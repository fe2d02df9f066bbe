using System.Globalization;
using PerfLab.Harness.Domain;

namespace PerfLab.Results.Import;

/// <summary>Turns the figures a peer-format reader found into PerfLab runs: one run per suite × build (the device is one per
/// file), one case per benchmark (name and parameters), the figures' samples as repetitions. Everything format-specific ends
/// here: what is stored is runs, cases, metrics, samples and a comparability key built as for any ingested history.</summary>
public static class PeerRunAssembler
{
    /// <summary>Suite version of every run read from a peer format. One value for all of them, so a history moved from one tool to
    /// another (a github-action-benchmark data.js, then the tool's own JSON) continues its series when names agree.</summary>
    public const string SuiteVersion = "ingest";

    /// <summary>Case fact holding the lower bound a tool reported for a metric ("bounds.latency.lower").</summary>
    public static string LowerFact(string metric) => $"bounds.{metric}.lower";

    /// <summary>Case fact holding the upper bound a tool reported for a metric.</summary>
    public static string UpperFact(string metric) => $"bounds.{metric}.upper";

    /// <summary>Case fact holding a reported spread that is not a number ("stddev: 0.0002").</summary>
    public static string BoundsTextFact(string metric) => $"bounds.{metric}.text";

    /// <summary>The runs, or every problem (the reader's and the assembler's) ordered by line; never a partial result.</summary>
    /// <param name="format">The format's name as <c>--format</c> takes it (recorded in the run's environment).</param>
    /// <param name="formatTitle">How messages name the format ("a BMF file").</param>
    public static ImportResult Assemble(string format, string formatTitle, string file, string text, PeerSource source,
        IReadOnlyList<PeerFigure> figures, IReadOnlyList<ImportProblem> readerProblems, ImportOptions options, PeerImportOptions peer)
    {
        var problems = readerProblems.ToList();
        var device = peer.Device ?? source.Device;
        if (string.IsNullOrWhiteSpace(device)) problems.Add(new(file, 1, $"{formatTitle} names no device; give --device NAME"));
        if (peer.Suite is null && source.Suite is null && figures.Any(f => f.Suite is null))
            problems.Add(new(file, 1, $"{formatTitle} names no suite; give --suite NAME"));
        if (peer.Build is null && source.Build is null && figures.Any(f => f.Build is null))
            problems.Add(new(file, 1, $"{formatTitle} names no build; give --build ID (the git sha or version under test)"));
        if (readerProblems.Count == 0 && figures.Count == 0) problems.Add(new(file, 1, $"{formatTitle} holds no benchmark result"));

        var resolved = new List<Resolved>();
        var undirected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in figures)
        {
            var better = f.Better ?? peer.Better;
            if (better is null)
            {
                // once per metric: the first place it appears
                if (undirected.Add(f.Metric))
                    problems.Add(new(file, f.Line, $"metric '{f.Metric}' (of '{f.Case}' here) has no known good direction; give --better higher or --better lower"));
                continue;
            }
            if (f.Samples.Count == 0) { problems.Add(new(file, f.Line, $"'{f.Case}' has no value for metric '{f.Metric}'")); continue; }
            var suite = peer.Suite ?? f.Suite ?? source.Suite ?? "";
            var build = peer.Build ?? f.Build ?? source.Build ?? "";
            resolved.Add(new Resolved(f, suite, build, better.Value, f.At ?? source.At));
        }

        // one unit and one direction per suite × metric, as a suite declares them
        var declared = new Dictionary<(string Suite, string Metric), Resolved>();
        foreach (var r in resolved)
        {
            if (!declared.TryGetValue((r.Suite, r.Figure.Metric), out var first)) { declared[(r.Suite, r.Figure.Metric)] = r; continue; }
            if (first.Figure.Unit != r.Figure.Unit)
                problems.Add(new(file, r.Figure.Line, $"metric '{r.Figure.Metric}' has unit '{r.Figure.Unit}' here but '{first.Figure.Unit}' on line {first.Figure.Line}"));
            if (first.Better != r.Better)
                problems.Add(new(file, r.Figure.Line, $"metric '{r.Figure.Metric}' is {Word(r.Better)}-is-better here but {Word(first.Better)}-is-better on line {first.Figure.Line}"));
        }
        if (problems.Count > 0) return new ImportResult([], problems.OrderBy(p => p.Line).ThenBy(p => p.Message, StringComparer.Ordinal).ToList());

        var branch = options.Branch ?? source.Branch ?? ImportOptions.DefaultBranch;
        var externalDevice = CsvHistoryReader.ExternalDevice(device!, options.Emulated);
        var host = source.Host is { Length: > 0 } h ? new HostInfo(h, "unknown", "unknown", 0, "unknown") : CsvHistoryReader.ExternalHost(device!);
        var fileHash = IngestIdentity.FileHash(text);
        var runs = resolved
            .GroupBy(r => (r.Suite, r.Build))
            .Select(g => ToRun(format, file, fileHash, g.Key.Suite, g.Key.Build, branch, externalDevice, host, g.ToList(), options, peer))
            .OrderBy(r => r.Line)
            .ToList();
        return new ImportResult(runs, []);
    }

    private static ImportedRun ToRun(string format, string file, string fileHash, string suite, string build, string branch, Device device,
        HostInfo host, List<Resolved> figures, ImportOptions options, PeerImportOptions peer)
    {
        var scope = options.Emulated ? EvidenceScope.Emulated : options.Scope;
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in options.Tags ?? new Dictionary<string, string>()) tags[k] = v;
        var metrics = figures.GroupBy(r => r.Figure.Metric, StringComparer.Ordinal)
            .Select(g => new MetricSpec(g.Key, g.First().Figure.Unit, g.First().Better, MetricGate.None))
            .OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
        var now = peer.Now == default ? DateTimeOffset.UnixEpoch : peer.Now;

        var cases = figures
            .GroupBy(r => (r.Figure.Case, Parameters: Canonical(r.Figure.Parameters)))
            .Select(g =>
            {
                var first = g.First().Figure;
                var (key, parts) = IngestIdentity.ComparabilityKey(suite, SuiteVersion, device, first.Parameters, first.Case);
                var samples = new List<RecordedSample>();
                var facts = new SortedDictionary<string, string>(StringComparer.Ordinal);
                foreach (var metric in g.GroupBy(r => r.Figure.Metric, StringComparer.Ordinal))
                {
                    var rep = 0;
                    foreach (var r in metric)
                        foreach (var v in r.Figure.Samples)
                            samples.Add(new RecordedSample(CsvHistoryReader.Step, ++rep, r.Figure.Metric, v, r.Figure.Unit));
                    // bounds describe one value: kept when the build has exactly one figure for this metric
                    if (metric.Count() == 1 && metric.First().Figure.Bounds is { } b)
                    {
                        if (b.Lower is { } lo) facts[LowerFact(metric.Key)] = Number(lo);
                        if (b.Upper is { } hi) facts[UpperFact(metric.Key)] = Number(hi);
                        if (b.Text is { } t) facts[BoundsTextFact(metric.Key)] = t;
                    }
                }
                var start = g.Min(r => r.At ?? now);
                var end = g.Max(r => r.At ?? now);
                return new CaseResult(first.Case, first.Parameters, device, key, parts, CaseStatus.Passed, null, null, samples, [], [], [], [],
                    facts, start, end);
            }).ToList();

        // The id hashes what is stored except the ingest's own clock, so the same file ingested twice is stored once.
        var content = new List<string> { format, scope.ToName(), options.Emulated ? "emulated" : "real", host.Name,
            string.Join(",", tags.Select(t => t.Key + "=" + t.Value)) };
        content.AddRange(figures.Select(r => string.Join("|", r.Figure.Case, Canonical(r.Figure.Parameters), r.Figure.Metric, r.Figure.Unit,
            Word(r.Better), r.At?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? "", string.Join(",", r.Figure.Samples.Select(Number)),
            r.Figure.Bounds is { } b ? $"{b.Lower?.ToString("R", CultureInfo.InvariantCulture)};{b.Upper?.ToString("R", CultureInfo.InvariantCulture)};{b.Text}" : "")));
        var prefix = IngestIdentity.Prefix(suite, device.Id, build, branch);
        var id = IngestIdentity.RunId(prefix, IngestIdentity.Hash(content));
        var line = figures.Min(r => r.Figure.Line);
        var run = new RunInfo(id, suite, SuiteVersion, fileHash, scope, build, branch, tags, host, device, options.AgentVersion,
            new Dictionary<string, string>
            {
                ["ingest.format"] = format,
                ["ingest.file"] = Path.GetFileName(file),
                ["ingest.first_line"] = line.ToString(CultureInfo.InvariantCulture),
            },
            cases.Min(c => c.StartedAt), metrics);
        return new ImportedRun(run, cases.Max(c => c.EndedAt), cases, prefix, line);
    }

    private static string Canonical(IReadOnlyDictionary<string, string> parameters) =>
        string.Join("&", parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));

    private static string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Word(Better b) => b == Better.Higher ? "higher" : "lower";

    private sealed record Resolved(PeerFigure Figure, string Suite, string Build, Better Better, DateTimeOffset? At);
}
