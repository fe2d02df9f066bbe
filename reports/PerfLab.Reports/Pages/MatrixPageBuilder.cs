using PerfLab.Harness.Domain;
using PerfLab.Reports.Charts;
using PerfLab.Reports.Evidence;
using PerfLab.Reports.Presentation;

namespace PerfLab.Reports.Pages;

/// <summary>A cross-device matrix per suite: a row per device × case, a column per metric (the Hydra card's GPU table,
/// generalised to any suite), with the device comparison charts and the excluded results under it.</summary>
public static class MatrixPageBuilder
{
    private const int MaxChartsPerSuite = 2;

    public static IReadOnlyList<MatrixPage> Build(ReportInputs inputs, IChartRenderer charts, Func<string, PageHeader> header)
    {
        var pages = new List<MatrixPage>();
        foreach (var suite in inputs.LatestCases.GroupBy(c => c.Run.Suite, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var evidence = EvidenceBuilder.Build(suite);
            var declared = suite.SelectMany(c => inputs.RunMetrics.GetValueOrDefault(c.Run.Id) ?? []).ToList();
            // Metrics whose figures differ between rows first (they are what the matrix is for); constant ones (test counts) after.
            bool Varies(string m) => evidence.Claims.Where(c => c.Metric == m).Select(c => c.Value.Median).Distinct().Count() > 1;
            var metrics = evidence.Claims.Select(c => c.Metric).Distinct(StringComparer.Ordinal)
                .OrderBy(m => Varies(m) ? 0 : 1)
                .ThenBy(m => Array.IndexOf(ModelPageBuilder.PerformanceMetrics, m) is var k && k < 0 ? int.MaxValue : k)
                .ThenBy(m => declared.FindIndex(d => d.Name == m) is var i && i < 0 ? int.MaxValue : i)
                .ThenBy(m => m, StringComparer.Ordinal).ToList();
            var columns = metrics.Select(m => new MatrixColumn(m, MetricLabels.Label(m),
                evidence.Claims.First(c => c.Metric == m).Unit,
                declared.FirstOrDefault(d => d.Name == m)?.Better == Better.Lower ? "lower is better" : "higher is better")).ToList();

            var rows = evidence.Claims
                .GroupBy(c => (c.Device, c.Case))
                .OrderBy(g => g.Key.Device, StringComparer.Ordinal).ThenBy(g => CaseOrder(suite, g.Key.Case))
                .Select(g => new MatrixRow(g.Key.Device, DeviceModelOf(suite, g.First().RunIds[0]), DeviceIdOf(suite, g.First().RunIds[0]), g.Key.Case, g.First().Scope.ToName(), g.First().ComparabilityKey, g.First().RunIds[0],
                    metrics.Select(m => g.FirstOrDefault(c => c.Metric == m) is { } c
                        ? new MatrixCell(true, c.Value.Median, FigureText.Number(c.Value.Median), $"{FigureText.Number(c.Value.Q1)}–{FigureText.Number(c.Value.Q3)}", c.Value.Count)
                        : new MatrixCell(false, double.NaN, "—", "", 0)).ToList()))
                .ToList();
            // A case that did not pass has no figure, but the device must not vanish from the matrix: it gets a row saying
            // error, as the gate calls it, with the reason.
            var measured = rows.Select(r => (r.Device, r.Case)).ToHashSet();
            var errors = suite.Where(c => c.Result.Status != CaseStatus.Passed && !measured.Contains((c.DeviceName, c.Result.Name)))
                .OrderBy(c => c.DeviceName, StringComparer.Ordinal).ThenBy(c => CaseOrder(suite, c.Result.Name))
                .Select(c => new MatrixRow(c.DeviceName, c.Run.DeviceModel, c.Run.DeviceId, c.Result.Name, c.Run.Scope.ToName(), c.Result.ComparabilityKey, c.Run.Id,
                    metrics.Select(_ => new MatrixCell(false, double.NaN, "—", "", 0)).ToList())
                {
                    Error = ErrorText(c),
                })
                .ToList();
            rows = rows.Concat(errors).OrderBy(r => r.Device, StringComparer.Ordinal).ThenBy(r => CaseOrder(suite, r.Case)).ToList();

            var chartViews = new List<ChartView>();
            foreach (var column in columns)
            {
                if (chartViews.Count >= MaxChartsPerSuite) break;
                var claims = evidence.Claims.Where(c => c.Metric == column.Metric).ToList();
                var devices = claims.Select(c => c.Device).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                if (devices.Count < 2 || !Varies(column.Metric)) continue;
                var series = claims.Select(c => c.Case).Distinct(StringComparer.Ordinal).OrderBy(c => CaseOrder(suite, c)).Take(DeviceComparisonChart.MaxSeries).ToList();
                var failed = errors.Where(e => series.Contains(e.Case, StringComparer.Ordinal)).Select(e => e.Device).Distinct(StringComparer.Ordinal)
                    .Where(d => !devices.Contains(d, StringComparer.Ordinal)).ToList();
                var chart = new DeviceComparisonChart($"{column.Label} by device — {suite.Key}", column.Label, column.Unit, series,
                    devices.Select(d => new DeviceRow(d, series.Select(s => claims.FirstOrDefault(c => c.Device == d && c.Case == s) is { } c
                        ? new BarValue(c.Value.Median, c.Value.Q1, c.Value.Q3) : null).ToList()))
                    .Concat(failed.Select(d => new DeviceRow(d, series.Select(_ => (BarValue?)null).ToList(), "error: no figure (see the matrix)")))
                    .OrderBy(r => r.Device, StringComparer.Ordinal).ToList());
                chartViews.Add(new ChartView(chart.Title, charts.Render(chart), ChartFiles.Name("devices", suite.Key, column.Metric),
                    $"Median per device and case; whiskers span the interquartile range ({column.Direction})."));
            }
            var scopes = suite.Select(c => c.Run.Scope).Distinct().OrderBy(s => s).Select(ScopeText.Describe).ToList();
            pages.Add(new MatrixPage(
                header($"{suite.Key} — cross-device matrix") with { Emulated = suite.Any(c => c.Run.Emulated || c.Run.Scope == EvidenceScope.Emulated) },
                suite.Key, string.Join(", ", scopes), columns, rows, chartViews,
                evidence.Claims.Select(ClaimView.Of).ToList(),
                evidence.Excluded.Select(ExcludedView.Of).ToList(),
                suite.Select(c => c.Run.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()));
        }
        return pages;
    }

    /// <summary>The matrix's words for a case that did not pass: its first exclusion reason and detail (what the gate's error names).</summary>
    private static string ErrorText(EvidenceCase c) =>
        ExclusionRules.Evaluate(c).FirstOrDefault() is { } e
            ? (ExclusionGrouping.DetailWithoutReason(e.Reason.ToWire(), e.Detail) is { Length: > 0 } detail ? $"{e.Reason.ToWire()}: {detail}" : e.Reason.ToWire())
            : "the case did not pass (" + c.Result.Status.ToString() + ")";

    private static string DeviceModelOf(IEnumerable<EvidenceCase> suite, string runId) => suite.First(c => c.Run.Id == runId).Run.DeviceModel;

    private static string DeviceIdOf(IEnumerable<EvidenceCase> suite, string runId) => suite.First(c => c.Run.Id == runId).Run.DeviceId;

    private static int CaseOrder(IEnumerable<EvidenceCase> suite, string caseName) =>
        suite.Select((c, i) => (c, i)).FirstOrDefault(x => x.c.Result.Name == caseName) is { c: not null } hit ? hit.i : int.MaxValue;
}

/// <summary>A cross-device matrix page.</summary>
public sealed record MatrixPage(
    PageHeader Header, string Suite, string Scope, IReadOnlyList<MatrixColumn> Columns, IReadOnlyList<MatrixRow> Rows,
    IReadOnlyList<ChartView> Charts, IReadOnlyList<ClaimView> Claims, IReadOnlyList<ExcludedView> Excluded, IReadOnlyList<string> RunIds)
{
    public string FileStem => "matrix-" + ChartFiles.Slug(Suite);

    /// <summary>The excluded results as the page lists them: each reason said once per group of cases.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<ExcludedGroup> ExcludedGroups => ExcludedGroup.Of(Excluded);
}

/// <summary>A metric column of the matrix.</summary>
public sealed record MatrixColumn(string Metric, string Label, string Unit, string Direction);

/// <summary>One device × case row of the matrix.</summary>
public sealed record MatrixRow(string Device, string DeviceModel, string DeviceId, string Case, string Scope, string ComparabilityKey, string RunId, IReadOnlyList<MatrixCell> Cells)
{
    /// <summary>Why the case has no figure ("" when it was measured): it did not pass, and the gate judges it an error.</summary>
    public string Error { get; init; } = "";

    /// <summary>The row is an error (the case did not pass).</summary>
    public bool IsError => Error.Length > 0;

    /// <summary>The device id shortened for display (<see cref="Identifiers.Shorten"/>); the full id goes into the title.</summary>
    public string DeviceIdShort => Identifiers.Shorten(DeviceId);
}

/// <summary>A matrix cell: the median and its IQR, or a dash.</summary>
public sealed record MatrixCell(bool Present, double Median, string Text, string Iqr, int N);
