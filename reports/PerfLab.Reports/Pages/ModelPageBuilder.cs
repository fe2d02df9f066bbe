using System.Globalization;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Storage;
using PerfLab.Harness.Statistics;
using PerfLab.Reports.Charts;
using PerfLab.Harness.Analysis;
using PerfLab.Harness.Gating;
using PerfLab.Reports.Evidence;
using PerfLab.Reports.Presentation;

namespace PerfLab.Reports.Pages;

/// <summary>One page per model (a HEF), in the shape of the seed whitepapers: declared facts, network I/O from the HEF,
/// the silicon-performance table per measured device, deployment facts, charts, exclusions.</summary>
public static class ModelPageBuilder
{
    /// <summary>The whitepaper rows, in the whitepapers' order.</summary>
    internal static readonly string[] PerformanceMetrics =
    [
        "fps", "hw_latency", "overall_latency", "temp_min", "temp_avg", "temp_max",
        "bench_fps_hw_only", "bench_fps_streaming", "bench_hw_latency", "bench_fps",
        "bench_power_avg", "bench_power_max", "idle_power", "power_avg", "power_max",
    ];

    /// <param name="judged">The gate's verdicts on the latest build, in the order the headline prefers them (gate, then nightly).</param>
    public static IReadOnlyList<ModelPage> Build(ReportInputs inputs, IChartRenderer charts, Func<string, PageHeader> header, IReadOnlyList<JudgedBuild>? judged = null)
    {
        judged ??= [];
        var pages = new List<ModelPage>();
        var byModel = inputs.LatestCases
            .Where(c => c.Fact("hef_sha256") is not null || c.Result.Parameters.ContainsKey("model") && c.Result.Device.Family == "hailo")
            .GroupBy(ModelId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in byModel)
        {
            var card = inputs.ModelCards.GetValueOrDefault(group.Key);
            var name = card?.Name ?? group.Key;
            var evidence = EvidenceBuilder.Build(group);
            var withHef = group.FirstOrDefault(c => c.Fact("hef_inputs") is not null);
            // Two devices of one model (two Hailo-10H boards) would give charts the same title: their ids tell them apart.
            var shared = group.GroupBy(c => c.Run.DeviceId, StringComparer.Ordinal).Select(g => g.First().Run.DeviceModel)
                .GroupBy(m => m, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
            var sections = group.GroupBy(c => c.Run.DeviceId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => Section(inputs, charts, group.Key, g.ToList(), evidence, judged, shared)).ToList();
            var anyEmulated = group.Any(c => c.Run.Emulated || c.Run.Scope == EvidenceScope.Emulated);
            pages.Add(new ModelPage(
                header($"{name} — silicon performance") with { Emulated = anyEmulated },
                group.Key, name, card,
                DeclaredFacts(card),
                withHef is null ? [] : NetworkIo(withHef),
                withHef?.Fact("hef_sha256") ?? "",
                withHef?.Fact("hef_archs") ?? "",
                sections,
                Deployment(card, group.ToList()),
                evidence.Excluded.Select(ExcludedView.Of).ToList(),
                group.Select(c => c.Run.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()));
        }
        return pages;
    }

    /// <summary>The model a case measured: its <c>model</c> parameter, else the HEF's network group.</summary>
    public static string ModelId(EvidenceCase c) =>
        c.Result.Parameters.TryGetValue("model", out var m) ? m : c.Fact("hef_network_groups") ?? c.Fact("network") ?? c.Result.Name;

    private static ModelDeviceSection Section(ReportInputs inputs, IChartRenderer charts, string model, IReadOnlyList<EvidenceCase> cases, EvidenceSet evidence,
        IReadOnlyList<JudgedBuild> judged, IReadOnlySet<string> sharedModels)
    {
        var first = cases[0];
        var deviceLabel = sharedModels.Contains(first.Run.DeviceModel) ? $"{first.Run.DeviceModel} ({Identifiers.Shorten(first.Run.DeviceId)})" : first.Run.DeviceModel;
        var device = first.DeviceName;
        var claims = evidence.Claims.Where(c => c.Device == device).ToList();
        var rows = new List<PerformanceRow>();
        foreach (var metric in PerformanceMetrics)
        {
            // One row per metric: the throughput suite's figure wins over a soak's, both never mix.
            var claim = claims.FirstOrDefault(c => c.Metric == metric);
            if (claim is null) continue;
            rows.Add(new PerformanceRow(MetricLabels.Label(metric), metric, FigureView.Of(claim.Value, claim.Unit), ClaimView.Of(claim)));
        }
        var facts = MeasuredOn(cases);
        var chartViews = new List<ChartView>();
        if (TrendFor(inputs, charts, model, first, deviceLabel) is { } trend) chartViews.Add(trend);
        if (ThermalFor(charts, model, cases, deviceLabel) is { } thermal) chartViews.Add(thermal);
        var scope = claims.Select(c => c.Scope).Distinct().ToList();
        var scopeTag = scope.Count == 0 ? first.Run.Scope.ToName() : string.Join(", ", scope.Select(s => s.ToName()));
        return new ModelDeviceSection(device, deviceLabel, scopeTag, News(judged, cases, deviceLabel, scopeTag),
            first.Run.StartedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), first.Run.Build,
            scope.Count == 1 ? ScopeText.Describe(scope[0]) : string.Join(", ", scope.Select(ScopeText.Describe)),
            facts, rows, chartViews, cases.Select(c => c.Run.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>The headline news of a device: the first page (gate, else nightly) that judged a regression in any series of these cases
    /// in its candidate build, with the preferred metric (the whitepaper order: throughput first).</summary>
    private static HeadlineNews? News(IReadOnlyList<JudgedBuild> judged, IReadOnlyList<EvidenceCase> cases, string deviceLabel, string scopeTag)
    {
        var keys = cases.Select(c => c.Result.ComparabilityKey).ToHashSet(StringComparer.Ordinal);
        foreach (var j in judged)
        {
            var regressed = j.Report.Items.Where(i => i.Verdict == Verdict.Regression && keys.Contains(i.ComparabilityKey))
                .OrderBy(i => Array.IndexOf(PerformanceMetrics, i.Metric) is var k && k < 0 ? int.MaxValue : k)
                .ThenBy(i => i.Suite, StringComparer.Ordinal).ThenBy(i => i.Metric, StringComparer.Ordinal).ToList();
            if (regressed.Count == 0) continue;
            var top = regressed[0];
            var r = top.Result;
            return new HeadlineNews(deviceLabel, MetricLabels.Label(top.Metric), top.Metric,
                $"{FigureText.Number(r.Baseline.Median)} \u2192 {FigureText.Number(r.Candidate.Median)} {top.Unit}".TrimEnd(),
                FigureText.Percent(r.ShiftPercent), r.Verdict.ToWire(), top.CandidateBuild, string.Join(", ", top.BaselineBuilds),
                j.Page, j.PageName, scopeTag, regressed.Count - 1);
        }
        return null;
    }

    private static IReadOnlyList<FactView> MeasuredOn(IReadOnlyList<EvidenceCase> cases)
    {
        var facts = new List<FactView>();
        void Add(string label, string fact)
        {
            var value = cases.Select(c => c.Fact(fact)).FirstOrDefault(v => v is not null);
            if (value is not null) facts.Add(new FactView(label, value, "measured (fact " + fact + ")"));
        }
        Add("Device architecture", "arch");
        Add("Board", "board");
        Add("Part number", "part");
        Add("Serial number", "serial");
        Add("HailoRT", "hailort_version");
        Add("Firmware", "firmware_version");
        facts.Add(new FactView("Device id", cases[0].Run.DeviceId, "store"));
        facts.Add(new FactView("Host", cases[0].Run.Host, "store"));
        return facts;
    }

    private static IReadOnlyList<FactView> DeclaredFacts(ModelCard? card)
    {
        if (card is null) return [];
        var source = card.Source.Length > 0 ? "declared: " + card.Source : "declared by the model card";
        var list = new List<FactView>();
        void Add(string label, string value) { if (value.Length > 0) list.Add(new FactView(label, value, source)); }
        Add("Model", card.Name);
        Add("Domain", card.Domain);
        Add("Architecture", card.Architecture);
        Add("Target silicon", card.TargetSilicon);
        Add("Compiler", card.Compiler);
        Add("Framework", card.Framework);
        return list;
    }

    private static IReadOnlyList<FactView> Deployment(ModelCard? card, IReadOnlyList<EvidenceCase> cases)
    {
        var list = new List<FactView>();
        if (card is not null)
        {
            var source = card.Source.Length > 0 ? "declared: " + card.Source : "declared by the model card";
            if (card.TargetSilicon.Length > 0) list.Add(new FactView("Target silicon", card.TargetSilicon, source));
            if (card.Compiler.Length > 0) list.Add(new FactView("Compiler", card.Compiler, source));
            if (card.Quantization.Length > 0) list.Add(new FactView("Quantization", card.Quantization, source));
        }
        if (cases.Select(c => c.Fact("hef_archs")).FirstOrDefault(v => v is not null) is { } archs)
            list.Add(new FactView("HEF compatibility", archs, "measured (parse-hef)"));
        if (cases.Select(c => c.Fact("hef_file")).FirstOrDefault(v => v is not null) is { } file)
            list.Add(new FactView("HEF file", file, "measured"));
        var runtimes = cases.Select(c => c.Fact("hailort_version")).Where(v => v is not null).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (runtimes.Count > 0) list.Add(new FactView("Runtime", "HailoRT " + string.Join(", ", runtimes), "measured (hailortcli --version)"));
        return list;
    }

    /// <summary>Network I/O rows from the HEF facts ("name TYPE ORDER(shape)" joined by "; ").</summary>
    public static IReadOnlyList<StreamRow> NetworkIo(EvidenceCase c)
    {
        var rows = new List<StreamRow>();
        foreach (var (direction, fact) in new[] { ("INPUT", "hef_inputs"), ("OUTPUT", "hef_outputs") })
        {
            foreach (var stream in (c.Fact(fact) ?? "").Split("; ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var parts = stream.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
                rows.Add(parts.Length == 3
                    ? new StreamRow(direction, parts[0], parts[1], parts[2])
                    : new StreamRow(direction, stream, "", ""));
            }
        }
        return rows;
    }

    private static ChartView? TrendFor(ReportInputs inputs, IChartRenderer charts, string model, EvidenceCase c, string deviceLabel)
    {
        var series = inputs.Series.FirstOrDefault(s => s.Identity.ComparabilityKey == c.Result.ComparabilityKey && s.Identity.Metric == "fps");
        if (series is null || series.Points.Count < 2) return null;
        var title = $"{model} throughput over builds on {deviceLabel}";
        var svg = charts.Render(TrendCharts.Of(series, title, MetricLabels.Label("fps"), null, []));
        return new ChartView(title, svg, ChartFiles.Name("trend", model, c.Run.DeviceId, "fps"),
            "Median per build with its interquartile range; each build pools its repetitions (the table above gives the newest run's median).");
    }

    private static ChartView? ThermalFor(IChartRenderer charts, string model, IReadOnlyList<EvidenceCase> cases, string deviceLabel)
    {
        // The longest fps/temperature trace of this model on this device (the soak suite's, else the preheat's).
        var best = cases
            .Select(c => (Case: c, Temp: c.Result.Telemetry.Where(t => t.Channel == "chip_temperature_max").ToList(),
                Fps: c.Result.Telemetry.Where(t => t.Channel == "fps").ToList()))
            .Where(x => x.Temp.Count >= 2)
            .OrderByDescending(x => x.Temp.Count).ThenBy(x => x.Case.Run.Suite, StringComparer.Ordinal)
            .FirstOrDefault();
        if (best.Case is null) return null;
        // A soak window's reading belongs at the window's end in the soak's own time: emulated (and replayed) soaks do not
        // take wall time, so the readings' timestamps would squeeze the whole trace into milliseconds.
        var window = double.TryParse(best.Case.Fact("soak_window_seconds"), System.Globalization.NumberStyles.Float, CultureInfo.InvariantCulture, out var w) && w > 0 ? w : (double?)null;
        var start = best.Temp.Concat(best.Fps).Min(t => t.At);
        double X(int i, TelemetryPoint t) => window is { } ws ? (i + 1) * ws : (t.At - start).TotalSeconds;
        var temp = best.Temp.Select((t, i) => new TracePoint(X(i, t), t.Value)).ToList();
        var fps = best.Fps.Select((t, i) => new TracePoint(X(i, t), t.Value)).ToList();
        var title = $"{model} thermal trace on {deviceLabel} ({best.Case.Run.Suite})";
        var svg = charts.Render(new ThermalTraceChart(title, temp, fps, null, 85, "gate max"));
        return new ChartView(title, svg, ChartFiles.Name("thermal", model, best.Case.Run.DeviceId, best.Case.Run.Suite),
            $"Chip temperature (left axis) and FPS (right axis) at the end of each soak window{(window is { } ww ? $" of {FigureText.Number(ww)} s" : "")}, run {best.Case.Run.Id}.");
    }
}

/// <summary>A model page.</summary>
public sealed record ModelPage(
    PageHeader Header,
    string ModelId,
    string Name,
    ModelCard? Card,
    IReadOnlyList<FactView> DeclaredFacts,
    IReadOnlyList<StreamRow> NetworkIo,
    string HefSha256,
    string HefCompatibility,
    IReadOnlyList<ModelDeviceSection> Devices,
    IReadOnlyList<FactView> Deployment,
    IReadOnlyList<ExcludedView> Excluded,
    IReadOnlyList<string> RunIds)
{
    public string FileStem => "model-" + ChartFiles.Slug(ModelId);

    /// <summary>The interactive trend view of the HTML page (every device's whitepaper metrics over builds), or null.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Interactive.TrendView? Trends { get; init; }

    /// <summary>The excluded results as the page lists them: each reason said once per group of cases.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<ExcludedGroup> ExcludedGroups => ExcludedGroup.Of(Excluded);
}

/// <summary>One network stream of a HEF.</summary>
public sealed record StreamRow(string Direction, string Name, string DataType, string Shape);

/// <summary>The measurements of one model on one device.</summary>
/// <param name="DeviceModel">The device model, with its shortened id where two devices of the page share the model.</param>
/// <param name="ScopeTag">The evidence scope's wire name(s), printed beside every headline figure.</param>
/// <param name="News">The regression the gate (else the nightly) found in this device's latest build, or null.</param>
public sealed record ModelDeviceSection(
    string Device, string DeviceModel, string ScopeTag, HeadlineNews? News, string Date, string Build, string Scope,
    IReadOnlyList<FactView> MeasuredOn, IReadOnlyList<PerformanceRow> Performance, IReadOnlyList<ChartView> Charts,
    IReadOnlyList<string> RunIds)
{
    public string RunIdsText => string.Join(", ", RunIds);
}

/// <summary>A model page's headline news: a regression verdict on a device's latest build, said as before → after.</summary>
/// <param name="Change">before → after with the unit, the gate's baseline median and the candidate's median.</param>
/// <param name="Page">The file stem of the page that judged it (gate or nightly).</param>
/// <param name="More">How many further series of this device regressed in the same build.</param>
public sealed record HeadlineNews(
    string Device, string MetricLabel, string Metric, string Change, string ShiftText, string Verdict, string Candidate, string BaselineBuilds,
    string Page, string PageName, string ScopeTag, int More);

/// <summary>A row of the silicon-performance table.</summary>
public sealed record PerformanceRow(string Label, string Metric, FigureView Figure, ClaimView Claim);
