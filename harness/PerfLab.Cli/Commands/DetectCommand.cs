using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PerfLab.Harness.Analysis;
using PerfLab.Harness.Storage;
using PerfLab.Harness.Text;
using PerfLab.Results;

namespace PerfLab.Cli.Commands;

/// <summary><c>perflab detect</c>: change points in the stored history of every series (comparability key × metric).</summary>
internal static class DetectCommand
{
    /// <summary>The --branch value that reads every branch.</summary>
    public const string AllBranches = "*";

    public static Command Create()
    {
        var db = CommonOptions.Database();
        var suite = new Option<string?>("--suite") { Description = "Only this suite." };
        var branch = new Option<string>("--branch")
        {
            Description = $"History of this branch only ('{AllBranches}' for every branch, ordered by first run of each build).",
            DefaultValueFactory = _ => "main",
        };
        var json = CommonOptions.Json();
        var command = new Command("detect",
            "Find change points in history: per series (comparability key × metric), one point per build (the median of its samples), " +
            $"robust PELT ({RobustPeltChangePointDetector.Name}; a lone outlier build is never a change point). Each change point gives " +
            "the last build before and the first build after the change, the medians before and after, the change in % and whether it " +
            "is a regression or an improvement. JSON: a list of {device, suite, case, metric, change_points: [{index, build, " +
            "timestamp, before, after, change_pct, direction}]}, index = 0-based position of the first build of the new segment.\n" +
            "Example: perflab detect --db perflab.db --suite hailo-yolo --json")
        { db, suite, branch, json };
        command.SetAction((parse, _) => CliAction.RunAsync(() =>
        {
            using var store = ReadDatabase.Open(parse.GetValue(db)!);
            var b = parse.GetValue(branch)!;
            var filter = new SeriesFilter(Suite: parse.GetValue(suite), Branch: b == AllBranches ? null : b);
            var detector = new RobustPeltChangePointDetector();
            var found = store.Queries.LoadSeries(filter).Select(s => (Series: s, Points: detector.Detect(s))).ToList();
            if (parse.GetValue(json)) System.Console.WriteLine(Json(found));
            else WriteText(found, b);
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }

    private static string Json(IEnumerable<(MetricSeries Series, SeriesChangePoints Points)> found) =>
        JsonSerializer.Serialize(found.Select(f => new
        {
            device = f.Series.Identity.Device,
            suite = f.Series.Identity.Suite,
            @case = f.Series.Identity.Case,
            metric = f.Series.Identity.Metric,
            change_points = f.Points.ChangePoints.Select(c => new
            {
                index = c.Index,
                build = c.BuildAfter,
                timestamp = f.Series.Points.First(p => p.Build == c.BuildAfter).Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                before = c.MedianBefore,
                after = c.MedianAfter,
                change_pct = double.IsFinite(c.ChangePercent) ? Math.Round(c.ChangePercent, 4) : (double?)null,
                direction = c.Direction == ChangeDirection.Regression ? "regression" : "improvement",
            }),
        }), JsonOutput.Options);

    private static void WriteText(List<(MetricSeries Series, SeriesChangePoints Points)> found, string branch)
    {
        var o = System.Console.Out;
        var points = found.SelectMany(f => f.Points.ChangePoints.Select(c => (f.Series, c))).ToList();
        o.WriteLine($"{found.Count} series on {(branch == AllBranches ? "every branch" : "branch " + PrintableText.Escape(branch))}, {points.Count} change point(s)");
        if (points.Count == 0) return;
        string[] head = ["direction", "device", "suite", "case", "metric", "last before", "first after", "index", "before", "after", "change"];
        var rows = points.Select(p => new[]
        {
            p.c.Direction == ChangeDirection.Regression ? "regression" : "improvement", p.Series.Identity.Device, p.Series.Identity.Suite,
            p.Series.Identity.Case, p.Series.Identity.Metric, p.c.BuildBefore, p.c.BuildAfter, p.c.Index.ToString(CultureInfo.InvariantCulture),
            Num(p.c.MedianBefore) + " " + p.Series.Unit, Num(p.c.MedianAfter) + " " + p.Series.Unit,
            double.IsFinite(p.c.ChangePercent) ? p.c.ChangePercent.ToString("+0.00;-0.00", CultureInfo.InvariantCulture) + " %" : "n/a",
        }).Select(r => r.Select(PrintableText.Escape).ToArray()).ToList();
        var widths = head.Select((h, k) => Math.Min(36, rows.Select(r => r[k].Length).Append(h.Length).Max())).ToArray();
        o.WriteLine(string.Join("  ", head.Select((h, k) => h.PadRight(widths[k]))).TrimEnd());
        foreach (var r in rows)
            o.WriteLine(string.Join("  ", r.Select((c, k) => (c.Length > widths[k] ? c[..(widths[k] - 1)] + "…" : c).PadRight(widths[k]))).TrimEnd());
        o.WriteLine("For a regression, 'last before' is the last good build and 'first after' the first bad one.");
    }

    private static string Num(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
}
