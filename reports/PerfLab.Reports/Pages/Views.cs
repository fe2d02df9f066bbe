using System.Text.Json.Serialization;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Statistics;
using PerfLab.Reports.Charts;
using PerfLab.Reports.Evidence;
using PerfLab.Reports.Presentation;

namespace PerfLab.Reports.Pages;

/// <summary>A figure as templates print it: the numbers (for JSON) and their invariant-culture texts.</summary>
public sealed record FigureView(double Median, double Q1, double Q3, double Min, double Max, int N, string Unit)
{
    public string MedianText => FigureText.Number(Median);

    public string IqrText => $"{FigureText.Number(Q1)}–{FigureText.Number(Q3)}";

    public string RangeText => $"{FigureText.Number(Min)}–{FigureText.Number(Max)}";

    public static FigureView Of(SampleSummary s, string unit) => new(s.Median, s.Q1, s.Q3, s.Min, s.Max, s.Count, unit);
}

/// <summary>A claim as a report row.</summary>
public sealed record ClaimView(
    string Sentence, string Suite, string Case, string Device, string Metric, string MetricLabel, FigureView Figure,
    string Scope, bool Citable, string ComparabilityKey, string KeyParts, IReadOnlyList<string> RunIds, string Build)
{
    public string RunIdsText => string.Join(", ", RunIds);

    public static ClaimView Of(Claim c) => new(c.Sentence, c.Suite, c.Case, c.Device, c.Metric, MetricLabels.Label(c.Metric),
        FigureView.Of(c.Value, c.Unit), c.Scope.ToName(), c.Citable, c.ComparabilityKey,
        string.Join(", ", c.KeyParts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}")), c.RunIds, c.Build);
}

/// <summary>An excluded result as a row under a table.</summary>
public sealed record ExcludedView(string Suite, string Case, string Device, string Reason, string Detail, string AllReasons, string RunId, string Build)
{
    public static ExcludedView Of(ExcludedResult e) => new(e.Suite, e.Case, e.Device, e.Primary.Reason.ToWire(), e.Primary.Detail,
        string.Join("; ", e.Reasons.Select(r => r.Reason.ToWire())), e.RunId, e.Build);
}

/// <summary>A chart: its image (SVG inlined into HTML, PNG saved at <paramref name="File"/> beside the Markdown pages) and its texts.</summary>
public sealed record ChartView(string Title, [property: JsonIgnore] ChartImage Image, string File, string Caption)
{
    /// <summary>The SVG element HTML pages inline.</summary>
    [JsonIgnore]
    public string Svg => Image.Svg;

    /// <summary>The figure in words: the Markdown image's alt text.</summary>
    public string Alt => Image.Description;
}

/// <summary>A label and a value (facts tables).</summary>
public sealed record FactView(string Label, string Value, string Source);

/// <summary>What every page shows at the top and bottom.</summary>
public sealed record PageHeader(string Title, string Subtitle, bool Emulated, [property: JsonIgnore] string GeneratedAt, [property: JsonIgnore] string Root);

/// <summary>Turns metric names into the labels of the seed documents.</summary>
public static class MetricLabels
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["fps"] = "Throughput",
        ["hw_latency"] = "HW latency (on-die)",
        ["overall_latency"] = "Overall latency (end-to-end)",
        ["temp_min"] = "Chip temperature (min)",
        ["temp_avg"] = "Chip temperature (avg)",
        ["temp_max"] = "Chip temperature (max)",
        ["bench_fps_hw_only"] = "FPS (hw_only)",
        ["bench_fps_streaming"] = "FPS (streaming)",
        ["bench_hw_latency"] = "HW latency (benchmark)",
        ["bench_power_avg"] = "Power (streaming avg)",
        ["bench_power_max"] = "Power (streaming max)",
        ["bench_fps"] = "FPS (benchmark)",
        ["bench_temp_min"] = "Chip temperature (benchmark min)",
        ["bench_temp_avg"] = "Chip temperature (benchmark avg)",
        ["bench_temp_max"] = "Chip temperature (benchmark max)",
        ["idle_power"] = "Power (idle)",
        ["soak_fps"] = "Sustained FPS (soak window)",
        ["soak_temp_max"] = "Soak chip temperature (max)",
        ["soak_fps_drop"] = "Soak FPS drop",
        ["ms_per_iter"] = "Decode time per step",
        ["hf_mean_ms"] = "HF benchmark mean",
        ["peak_mem_mb"] = "Peak memory",
        ["tokens_per_s"] = "Tokens per second",
    };

    public static string Label(string metric) => Labels.TryGetValue(metric, out var l) ? l : metric;
}

/// <summary>Scope words a reader understands.</summary>
public static class ScopeText
{
    public static string Describe(EvidenceScope scope) => scope switch
    {
        EvidenceScope.SiliconMeasurement => "silicon measurement (production hardware, named device)",
        EvidenceScope.KernelPackageValidation => "kernel/package validation",
        EvidenceScope.ResearchCampaign => "research campaign",
        EvidenceScope.ExactModelPoc => "exact-model proof-of-concept",
        EvidenceScope.HostMeasurement => "host measurement",
        _ => "emulated (not evidence)",
    };
}

/// <summary>Excluded results that share device, reason, detail, build and run, said once: the cases and how many.</summary>
/// <param name="Cases">The cases, joined ("a, b, c").</param>
/// <param name="OtherReasons">Reasons besides <paramref name="Reason"/> ("" when none), joined.</param>
/// <param name="Detail">The primary reason's detail without a repeat of the reason.</param>
public sealed record ExcludedGroup(
    string Suite, string Cases, int Count, string Device, string DeviceShort, bool DeviceShortened, string Reason, string OtherReasons,
    string Detail, string Build, string RunId)
{
    /// <summary>The groups of <paramref name="excluded"/>, in first-seen order.</summary>
    public static IReadOnlyList<ExcludedGroup> Of(IEnumerable<ExcludedView> excluded) =>
        ExclusionGrouping.Group(excluded, e => (e.Suite, e.Device, e.Reason, e.Detail, e.AllReasons, e.Build, e.RunId))
            .Select(g =>
            {
                var e = g[0];
                return new ExcludedGroup(e.Suite, string.Join(", ", g.Select(x => x.Case)), g.Count, e.Device, Identifiers.Shorten(e.Device),
                    Identifiers.IsShortened(e.Device), e.Reason,
                    string.Join(", ", ExclusionGrouping.OtherReasons(e.Reason, e.AllReasons.Split("; ", StringSplitOptions.RemoveEmptyEntries))),
                    ExclusionGrouping.DetailWithoutReason(e.Reason, e.Detail), e.Build, e.RunId);
            }).ToList();
}
