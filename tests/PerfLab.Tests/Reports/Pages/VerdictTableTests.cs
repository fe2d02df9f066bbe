using NUnit.Framework;
using PerfLab.Harness.Analysis;
using PerfLab.Harness.Gating;
using PerfLab.Harness.Domain;
using PerfLab.Harness.Storage;
using PerfLab.Reports.Charts;
using PerfLab.Reports.Json;
using PerfLab.Reports.Pages;
using PerfLab.Reports.Templates;

namespace PerfLab.Tests.Reports.Pages;

/// <summary>Long verdict tables on pages.</summary>
public sealed class VerdictTableTests
{
    private static VerdictRow Row(int i, string verdict) => new(
        $"dev-{i}", "suite", "case", "fps", "FPS", "fps", verdict, 100, 100, 0, -1, 1, "100 fps", "100 fps", "+0 %", "[-1 %, +1 %]",
        "±3 %", "reason", "b1", 5, 5, $"key-{i}", verdict == "regression" ? "bad" : "ok");

    [Test]
    public void Tables_up_to_the_limit_are_listed_whole()
    {
        var rows = Enumerable.Range(0, VerdictListing.MaxRows).Select(i => Row(i, "no-change")).ToList();
        var listing = VerdictListing.Of(rows);
        Assert.That(listing.Rows, Has.Count.EqualTo(VerdictListing.MaxRows));
        Assert.That(listing.NoChangeNotListed, Is.Zero);
    }

    [Test]
    public void Longer_tables_list_every_verdict_but_no_change_and_count_those()
    {
        var rows = Enumerable.Range(0, 5000).Select(i => Row(i, i % 1000 == 0 ? "regression" : i % 700 == 0 ? "inconclusive" : "no-change")).ToList();
        var listing = VerdictListing.Of(rows);
        Assert.That(listing.Rows.Select(r => r.Verdict), Has.None.EqualTo("no-change"));
        Assert.That(listing.Rows, Has.Count.EqualTo(rows.Count(r => r.Verdict != "no-change")));
        Assert.That(listing.NoChangeNotListed, Is.EqualTo(rows.Count(r => r.Verdict == "no-change")));
    }

    [Test]
    public void A_farm_sized_nightly_page_counts_the_unlisted_rows_and_the_json_keeps_them_all()
    {
        var header = new PageHeader("Nightly", "", false, "2026-01-01 00:00:00 UTC", "");
        var rows = Enumerable.Range(0, 1500).Select(i => Row(i, i == 7 ? "regression" : "no-change")).ToList();
        var page = new NightlyPage(header, "b2", "b1", 2, [], [rows[7]], [], [], rows, [], [], "detector", "method", "FAIL: regression", "perflab gate --db x.db --candidate b2 --baseline branch:main");
        var set = new ReportSet("2026-01-01 00:00:00 UTC", false, new IndexPage(header, [], 1, 2, 1, 3), [], [], page,
            new GatePage(header, "b2", "b1", "PASSED", "ok", "", "PASS", "perflab gate --db x.db --candidate b2 --baseline branch:main", [], [], rows, [], []));
        var renderer = new ReportRenderer(ReportTemplates.Load());

        var md = renderer.Render("nightly", "md", page);
        Assert.That(md, Does.Contain("1499 further series have the verdict no-change"));
        Assert.That(md.Split('\n').Count(l => l.Contains("**no-change**", StringComparison.Ordinal)), Is.Zero);
        Assert.That(md, Does.Contain("**regression**"));
        Assert.That(renderer.Render("gate", "html", set.Gate), Does.Contain("1499 further series have the verdict no-change"));

        var json = ReportJson.Render(set);
        Assert.That(System.Text.RegularExpressions.Regex.Matches(json, "\"verdict\": \"no-change\"").Count, Is.EqualTo(2 * 1499));
        Assert.That(json, Does.Not.Contain("\"listed\""));
    }
}
