using Microsoft.Playwright;
using NUnit.Framework;
using PerfLab.Cli.Demo;
using PerfLab.Tests.Infrastructure;

namespace PerfLab.Tests.Browser;

/// <summary>Opens the demo's HTML reports in Debian's chromium (headless, through Playwright) and checks that each page has
/// its tables and charts, logs no console error and requests nothing outside its own file; keeps a screenshot of each.</summary>
[NonParallelizable]
public sealed class ReportBrowserTests
{
    /// <summary>The browser CI installs (apt-get install chromium); never a downloaded one.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Set to 1 to let a machine without chromium skip these tests; CI never sets it, so there they fail loudly.</summary>
    public const string AllowSkipVariable = "PERFLAB_ALLOW_NO_BROWSER";

    private TempDirectory? _tmp;
    private DemoResult? _demo;

    /// <summary>Screenshots are kept here after the run (under the test output folder).</summary>
    public static string ScreenshotDirectory => Path.Combine(TestContext.CurrentContext.WorkDirectory, "browser-screenshots");

    [OneTimeSetUp]
    public async Task RunDemo()
    {
        _tmp = new TempDirectory();
        // Three GPUs instead of nine keep the test quick (the first loses CUDA on the last night, two remain to compare);
        // everything else is the demo as shipped.
        var options = new DemoOptions(Path.Combine(_tmp.Path, "demo"), RepoPaths.Suites, Gpus: new HashSet<string> { "rtx-3090", "rtx-4090", "rtx-pro-6000-blackwell" });
        _demo = await new DemoRunner(options, TextWriter.Null).RunAsync(CancellationToken.None);
    }

    [OneTimeTearDown]
    public void Clean() => _tmp?.Dispose();

    [Test]
    public void The_demo_gate_blocks_on_the_injected_regression_and_the_nightly_finds_it()
    {
        Assert.That(_demo!.GateDecision, Is.EqualTo("BLOCKED"));
        Assert.That(_demo.Blocking, Has.Some.Contains("model=hydra on HAILO10H"));
        Assert.That(_demo.Blocking, Has.All.Contains("model=hydra"), "the only injected regression is Hydra's");
        var nightly = File.ReadAllText(Path.Combine(Path.GetDirectoryName(_demo.IndexHtml)!, "nightly.md"));
        Assert.That(nightly, Does.Match(@"\| \*\*8\*\* \| HAILO10H \| model=hydra \| fps \|"), "flagged on the night of build 8");
    }

    [Test]
    public async Task Every_html_report_renders_with_tables_charts_and_no_errors()
    {
        if (!File.Exists(ChromiumPath))
        {
            if (Environment.GetEnvironmentVariable(AllowSkipVariable) == "1") Assert.Ignore($"{ChromiumPath} is absent and {AllowSkipVariable}=1");
            Assert.Fail($"{ChromiumPath} is absent: install it with 'apt-get install -y chromium' (.ci/run does), or set {AllowSkipVariable}=1 to skip locally");
        }
        var reportDir = Path.GetDirectoryName(_demo!.IndexHtml)!;
        var pages = Directory.GetFiles(reportDir, "*.html").Order(StringComparer.Ordinal).ToList();
        Assert.That(pages.Select(Path.GetFileName), Is.SupersetOf(new[]
        {
            "index.html", "gate.html", "nightly.html", "matrix-cuda-hydra-decode.html", "matrix-hailo-hef-throughput.html",
            "model-hydra.html", "model-mamba.html", "model-chimera.html", "model-enki.html",
        }));
        Directory.CreateDirectory(ScreenshotDirectory);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        foreach (var file in pages)
        {
            var name = Path.GetFileName(file);
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
            var problems = new List<string>();
            page.Console += (_, m) => { if (m.Type is "error" or "warning") problems.Add($"console {m.Type}: {m.Text}"); };
            page.PageError += (_, e) => problems.Add("page error: " + e);
            page.Request += (_, r) => { if (!r.Url.StartsWith("file://", StringComparison.Ordinal) && !r.Url.StartsWith("data:", StringComparison.Ordinal)) problems.Add("request left the file: " + r.Url); };
            page.Dialog += (_, d) => problems.Add("dialog opened: " + d.Message);

            await page.GotoAsync(new Uri(file).AbsoluteUri);
            Assert.That(await page.Locator("h1").CountAsync(), Is.EqualTo(1), name);
            Assert.That(await page.Locator(".banner").CountAsync(), Is.EqualTo(1), $"{name}: the emulated banner");
            if (name != "index.html") Assert.That(await page.Locator("table").CountAsync(), Is.GreaterThan(0), $"{name}: tables");
            if (name.StartsWith("model-", StringComparison.Ordinal) || name.StartsWith("matrix-cuda", StringComparison.Ordinal) || name is "gate.html" or "nightly.html")
                Assert.That(await page.Locator("figure.chart svg").CountAsync(), Is.GreaterThan(0), $"{name}: charts");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, Path.ChangeExtension(name, ".png")), FullPage = true });
            await page.CloseAsync();
            Assert.That(problems, Is.Empty, name);
        }
        TestContext.Out.WriteLine($"screenshots: {ScreenshotDirectory}");
    }

    /// <summary>Finds, in the page as chromium lays it out: chart text outside its chart, text cut with an ellipsis but no full value
    /// on hover, page text reaching past the content column (outside a scrolling container), and chart titles or h2/h3 headings
    /// said twice on one page.</summary>
    private const string LayoutProblemsScript = """
        () => {
          const problems = [];
          for (const svg of document.querySelectorAll('figure.chart svg')) {
            const box = svg.getBoundingClientRect();
            const name = svg.querySelector(':scope > title')?.textContent ?? '(chart)';
            for (const t of svg.querySelectorAll('text')) {
              const r = t.getBoundingClientRect();
              if (r.width === 0 && r.height === 0) continue;
              if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5)
                problems.push(`chart '${name}': text '${t.textContent}' reaches outside the chart`);
              if (t.textContent.endsWith('\u2026') && !t.closest('g')?.querySelector(':scope > title'))
                problems.push(`chart '${name}': text '${t.textContent}' is cut with no full value on hover`);
            }
          }
          const main = document.querySelector('main').getBoundingClientRect();
          const scrolls = el => { for (let e = el.parentElement; e; e = e.parentElement) { const o = getComputedStyle(e).overflowX; if (o === 'auto' || o === 'scroll') return true; } return false; };
          for (const el of document.querySelectorAll('main td, main th, main p, main li, main h1, main h2, main h3, main div, main code, main summary')) {
            const r = el.getBoundingClientRect();
            if (r.width > 0 && r.right > main.right + 1 && !scrolls(el))
              problems.push(`<${el.tagName.toLowerCase()}> '${el.textContent.trim().slice(0, 60)}' reaches past the page's content column`);
          }
          const titles = [...document.querySelectorAll('figure.chart svg > title, main h2, main h3')].map(e => e.textContent.trim());
          const seen = new Set();
          for (const t of titles) { if (seen.has(t)) problems.push(`title said twice: '${t}'`); seen.add(t); }
          return problems;
        }
        """;

    [Test]
    public async Task No_page_cuts_a_label_or_lets_text_overflow_and_no_title_repeats_on_a_page()
    {
        if (!File.Exists(ChromiumPath))
        {
            if (Environment.GetEnvironmentVariable(AllowSkipVariable) == "1") Assert.Ignore($"{ChromiumPath} is absent and {AllowSkipVariable}=1");
            Assert.Fail($"{ChromiumPath} is absent: install it with 'apt-get install -y chromium' (tests/run does), or set {AllowSkipVariable}=1 to skip locally");
        }
        var reportDir = Path.GetDirectoryName(_demo!.IndexHtml)!;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        var problems = new List<string>();
        var charts = 0;
        foreach (var file in Directory.GetFiles(reportDir, "*.html").Order(StringComparer.Ordinal))
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
            await page.GotoAsync(new Uri(file).AbsoluteUri);
            charts += await page.Locator("figure.chart svg").CountAsync();
            problems.AddRange((await page.EvaluateAsync<string[]>(LayoutProblemsScript)).Select(p => $"{Path.GetFileName(file)}: {p}"));
            await page.CloseAsync();
        }
        Assert.That(charts, Is.GreaterThan(10), "the check saw the demo's charts");
        Assert.That(problems, Is.Empty, string.Join("\n", problems));
    }
}
