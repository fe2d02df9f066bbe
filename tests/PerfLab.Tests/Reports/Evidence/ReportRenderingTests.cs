using NUnit.Framework;
using PerfLab.Harness.Domain;
using System.Text.RegularExpressions;
using PerfLab.Reports.Interactive;
using PerfLab.Reports.Pages;
using PerfLab.Reports.Templates;
using PerfLab.Results;
using PerfLab.Tests.Infrastructure;
using PerfLab.Tests.Results;

namespace PerfLab.Tests.Reports.Evidence;

/// <summary>Stored strings render as text, the same database renders the same bytes, and templates can be replaced.</summary>
public sealed class ReportRenderingTests
{
    private const string Hostile = "<script>alert(1)</script>";
    private const string HostileMessage = "<img src=x onerror=alert(2)> | **bold** [link](http://example.com)";

    private static string BuildStore(string dir)
    {
        var db = Path.Combine(dir, "r.db");
        using var store = SqliteResultStore.Open(db);
        var device = StoreSamples.Device(id: "hailo:<b>bold</b>", model: "HAILO8");
        for (var b = 1; b <= 6; b++)
        {
            var id = $"run-{b}";
            store.BeginRun(StoreSamples.Run(id, build: b.ToString(System.Globalization.CultureInfo.InvariantCulture), at: StoreSamples.T0.AddHours(b), device: device));
            var samples = Enumerable.Range(0, 5).Select(i => StoreSamples.Sample(b >= 4 ? 700 + i : 812 + i, repetition: i)).ToList();
            store.RecordCase(id, StoreSamples.Case(name: Hostile, key: "key-1", samples: samples, device: device, at: StoreSamples.T0.AddHours(b)) with
            {
                Parameters = new Dictionary<string, string> { ["model"] = Hostile },
                Facts = new Dictionary<string, string> { ["hef_sha256"] = "c0ffee", ["arch"] = "HAILO8", ["hef_inputs"] = Hostile + " UINT8 NC(1)" },
            });
            store.RecordCase(id, StoreSamples.Case(name: "model=broken", key: "key-2", status: CaseStatus.Failed, device: device, at: StoreSamples.T0.AddHours(b)) with
            {
                FailureMessage = HostileMessage,
            });
            store.EndRun(id, RunStatus.Failed, StoreSamples.T0.AddHours(b).AddMinutes(5));
        }
        return db;
    }

    private static IReadOnlyList<string> Render(string db, string outDir, DateTimeOffset at, ReportTemplates? templates = null)
    {
        using var store = SqliteResultStore.Open(db);
        var inputs = ReportInputs.Load(store, new Dictionary<string, ModelCard>());
        return ReportOutput.Write(inputs, outDir, ReportFormats.All, at, templates);
    }

    [Test]
    public void Stored_strings_render_as_text_in_html_and_markdown()
    {
        using var tmp = new TempDirectory();
        var files = Render(BuildStore(tmp.Path), Path.Combine(tmp.Path, "out"), StoreSamples.T0);
        var html = files.Where(f => f.EndsWith(".html", StringComparison.Ordinal)).ToList();
        var md = files.Where(f => f.EndsWith(".md", StringComparison.Ordinal)).ToList();
        Assert.That(html, Has.Count.GreaterThanOrEqualTo(4));
        var all = string.Join("\n", html.Select(File.ReadAllText));
        // The only script elements: the trend view's data block and its script, whose hash the page's CSP names.
        var assets = TrendViewAssets.Load();
        foreach (var page in html.Select(File.ReadAllText))
        {
            var withoutOurs = page.Replace("<script>" + assets.Script + "</script>", "", StringComparison.Ordinal);
            withoutOurs = Regex.Replace(withoutOurs, "<script type=\"application/json\" id=\"trend-view-data\">[^<]*</script>", "");
            Assert.That(withoutOurs, Does.Not.Contain("<script").IgnoreCase, "no script element but the trend view's");
            if (withoutOurs.Length != page.Length)
                Assert.That(page, Does.Contain($"script-src '{assets.ScriptHash.Replace("=", "&#61;", StringComparison.Ordinal)}'"), "the CSP allows exactly our script");
            else Assert.That(page, Does.Not.Contain("script-src"), "a page without the view allows no script");
        }
        var nightlyHtml = File.ReadAllText(html.Single(f => f.EndsWith("nightly.html", StringComparison.Ordinal)));
        Assert.That(nightlyHtml, Does.Contain("id=\"trend-view-data\""), "the nightly flags the step, so it has the view");
        Assert.That(nightlyHtml, Does.Contain("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e").IgnoreCase, "stored strings in the view's JSON are escaped");
        Assert.That(all, Does.Not.Contain("<img").IgnoreCase);
        Assert.That(all, Does.Not.Contain("<b>bold"));
        Assert.That(all, Does.Contain("&lt;script&gt;alert(1)&lt;/script&gt;"));
        Assert.That(all, Does.Contain("&lt;img src&#61;x onerror&#61;alert(2)&gt;"));

        var markdown = string.Join("\n", md.Select(File.ReadAllText));
        Assert.That(markdown, Does.Not.Contain("<script").And.Not.Contain("<img").And.Not.Contain("<b>"));
        Assert.That(markdown, Does.Contain("&lt;script&gt;alert(1)&lt;/script&gt;"));
        Assert.That(markdown, Does.Contain("\\| \\*\\*bold\\*\\* \\[link\\]"), "pipes, emphasis and links from the store are escaped");
        Assert.That(MarkdownEncoder.Escape("a|b\nc"), Is.EqualTo("a\\|b c"));

        var json = File.ReadAllText(files.Single(f => f.EndsWith(".json", StringComparison.Ordinal)));
        Assert.That(json, Does.Not.Contain("<script"), "the JSON encoder escapes angle brackets too");
    }

    [Test]
    public void The_same_database_renders_the_same_bytes_apart_from_one_generated_at_line()
    {
        using var tmp = new TempDirectory();
        var db = BuildStore(tmp.Path);
        var first = Render(db, Path.Combine(tmp.Path, "a"), StoreSamples.T0);
        var second = Render(db, Path.Combine(tmp.Path, "b"), StoreSamples.T0.AddDays(3).AddSeconds(17));
        var relA = Directory.GetFiles(Path.Combine(tmp.Path, "a"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Path.Combine(tmp.Path, "a"), f)).Order(StringComparer.Ordinal).ToList();
        var relB = Directory.GetFiles(Path.Combine(tmp.Path, "b"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Path.Combine(tmp.Path, "b"), f)).Order(StringComparer.Ordinal).ToList();
        Assert.That(relB, Is.EqualTo(relA));
        Assert.That(first.Count, Is.EqualTo(second.Count));
        Assert.That(relA.Count(f => f.StartsWith("charts", StringComparison.Ordinal)), Is.GreaterThan(0), "the trend chart is written for Markdown");
        foreach (var rel in relA)
        {
            var a = File.ReadAllLines(Path.Combine(tmp.Path, "a", rel));
            var b = File.ReadAllLines(Path.Combine(tmp.Path, "b", rel));
            Assert.That(b.Length, Is.EqualTo(a.Length), rel);
            var differing = Enumerable.Range(0, a.Length).Where(i => a[i] != b[i]).ToList();
            if (rel.StartsWith("charts", StringComparison.Ordinal)) Assert.That(differing, Is.Empty, rel);
            else
            {
                Assert.That(differing, Has.Count.EqualTo(1), rel);
                Assert.That(a[differing[0]], Does.Contain("2025-03-01 08:00:00").IgnoreCase.Or.Contain("generated_at"), rel);
            }
        }
    }

    [Test]
    public void The_report_finds_the_step_and_lists_the_failed_case_with_its_reason()
    {
        using var tmp = new TempDirectory();
        var files = Render(BuildStore(tmp.Path), Path.Combine(tmp.Path, "out"), StoreSamples.T0);
        var nightly = File.ReadAllText(files.Single(f => f.EndsWith("nightly.md", StringComparison.Ordinal)));
        Assert.That(nightly, Does.Contain("Regressions flagged on earlier nights"));
        Assert.That(nightly, Does.Contain("| **4** |"), "build 4 is where the 14 % drop came in");
        var matrix = File.ReadAllText(files.Single(f => Path.GetFileName(f).StartsWith("matrix-", StringComparison.Ordinal) && f.EndsWith(".md", StringComparison.Ordinal)));
        Assert.That(matrix, Does.Contain("model=broken").And.Contain("**failed**").And.Contain("nonzero-exit"));
        Assert.That(matrix, Does.Contain("`key-1`"));
    }

    [Test]
    public void A_templates_folder_replaces_a_page_and_rejects_unknown_names()
    {
        using var tmp = new TempDirectory();
        var dir = Path.Combine(tmp.Path, "tpl");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "index.md.liquid"), "custom index: {{ Runs }} runs\n_Generated at {{ Header.GeneratedAt }}_\n");
        var files = Render(BuildStore(tmp.Path), Path.Combine(tmp.Path, "out"), StoreSamples.T0, ReportTemplates.Load(dir));
        Assert.That(File.ReadAllText(files.Single(f => f.EndsWith("index.md", StringComparison.Ordinal))), Does.StartWith("custom index: 6 runs"));

        File.WriteAllText(Path.Combine(dir, "indx.md.liquid"), "typo");
        Assert.Throws<InvalidDataException>(() => ReportTemplates.Load(dir));
        Assert.Throws<DirectoryNotFoundException>(() => ReportTemplates.Load(Path.Combine(tmp.Path, "missing")));
        File.Delete(Path.Combine(dir, "indx.md.liquid"));

        // A Handlebars override of an earlier PerfLab would be ignored silently: it is refused with its name.
        File.WriteAllText(Path.Combine(dir, "gate.md.hbs"), "{{Candidate}}");
        Assert.That(() => ReportTemplates.Load(dir), Throws.TypeOf<InvalidDataException>().With.Message.Contains("gate.md.hbs").And.Message.Contains("Liquid"));
    }

    [Test]
    public void A_template_may_not_print_a_stored_string_raw_and_a_syntax_error_names_the_template()
    {
        using var tmp = new TempDirectory();
        var dir = Path.Combine(tmp.Path, "tpl");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "index.html.liquid"), "{{ Header.Title | raw }}");
        var renderer = new ReportRenderer(ReportTemplates.Load(dir));
        var page = new IndexPage(new PageHeader(Hostile, "", false, "now", ""), [], 0, 0, 0, 0);
        Assert.That(() => renderer.Render("index", "html", page), Throws.TypeOf<InvalidDataException>().With.Message.Contains("raw"));
        Assert.That(renderer.Render("index", "md", page), Does.Contain("&lt;script&gt;"), "the default Markdown template escapes it");

        File.WriteAllText(Path.Combine(dir, "index.html.liquid"), "{% if Runs %}unclosed");
        Assert.That(() => new ReportRenderer(ReportTemplates.Load(dir)), Throws.TypeOf<InvalidDataException>().With.Message.Contains("index.html.liquid"));
    }

    [Test]
    public void Json_for_a_script_element_cannot_close_it_and_parses_to_the_same_value()
    {
        const string hostile = "</script><!-- \u2028\u2029 & >";
        var raw = System.Text.Json.JsonSerializer.Serialize(new { s = hostile }, new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.That(raw, Does.Contain("</script>"), "the relaxed encoder leaves it raw: the case Embed exists for");
        var safe = ScriptJson.Embed(raw);
        Assert.That(safe, Does.Not.Contain("<").And.Not.Contain(">").And.Not.Contain("\u2028").And.Not.Contain("\u2029"));
        Assert.That(System.Text.Json.JsonDocument.Parse(safe).RootElement.GetProperty("s").GetString(), Is.EqualTo(hostile));
    }

    [Test]
    public void The_encoders_escape_markup_and_control_characters_and_keep_other_text()
    {
        const string text = "a=\"b\" <c> 'd' `e` & \u001b\u202e é — 😀 x|y *z* [l](u)\nnext";
        Assert.That(StrictHtmlEncoder.Instance.Encode(text),
            Is.EqualTo("a&#61;&quot;b&quot; &lt;c&gt; &#39;d&#39; &#96;e&#96; &amp; \\x1b\\u202e é — 😀 x|y *z* [l](u)\\x0anext"));
        Assert.That(MarkdownEncoder.Escape(text),
            Is.EqualTo("a=\"b\" &lt;c&gt; 'd' \\`e\\` &amp; \\\\x1b\\\\u202e é — 😀 x\\|y \\*z\\* \\[l\\](u) next"));
    }
}
