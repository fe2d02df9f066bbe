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
        RequireChromium();
        var reportDir = Path.GetDirectoryName(_demo!.IndexHtml)!;
        var pages = Directory.GetFiles(reportDir, "*.html").Order(StringComparer.Ordinal).ToList();
        Assert.That(pages.Select(Path.GetFileName), Is.SupersetOf(new[]
        {
            "index.html", "gate.html", "nightly.html", "matrix-cuda-hydra-decode.html", "matrix-hailo-hef-throughput.html",
            "model-hydra.html", "model-mamba.html", "model-chimera.html", "model-enki.html",
        }));
        Directory.CreateDirectory(ScreenshotDirectory);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchChromium(playwright);
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

    /// <summary>The share of a PNG's pixels that are not near-white (0..1), measured by chromium itself (the PNG goes back into
    /// the page as a data: image, which the pages' CSP allows, and is read from a canvas).</summary>
    private static async Task<double> InkShare(IPage page, byte[] png) => await page.EvaluateAsync<double>("""
        async src => {
          const img = new Image(); img.src = src; await img.decode();
          const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
          const g = c.getContext('2d'); g.drawImage(img, 0, 0);
          const d = g.getImageData(0, 0, c.width, c.height).data; let ink = 0;
          for (let i = 0; i < d.length; i += 4) if (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235) ink++;
          return ink / (d.length / 4);
        }
        """, "data:image/png;base64," + Convert.ToBase64String(png));

    /// <summary>The page position of the point of build <c>build</c> in the first series of the interactive view's chart of
    /// <c>metric</c> that has one, with the run ids the view's JSON holds for it; null when no series has that build.</summary>
    private const string PointScript = """
        ([metric, build]) => {
          const data = JSON.parse(document.getElementById('trend-view-data').textContent);
          const b = data.builds.indexOf(build);
          const wrap = document.querySelector(`.trend-panel[data-metric="${metric}"]`);
          const u = wrap && wrap.uplot;
          if (!u || b < 0) return null;
          const series = data.series.filter(s => s.metric === metric);
          for (let i = 0; i < series.length; i++) {
            const p = series[i].points.find(p => p.build === b);
            if (!p) continue;
            const r = u.over.getBoundingClientRect();
            return JSON.stringify({ x: r.left + u.valToPos(b, 'x'), y: r.top + u.valToPos(p.median, 'y'), runs: p.runs, device: series[i].device, index: i + 1 });
          }
          return null;
        }
        """;

    private sealed record PointOnPage(double X, double Y, string[] Runs, string Device, int Index);

    private static async Task<PointOnPage?> PointOf(IPage page, string metric, string build) =>
        await page.EvaluateAsync<string?>(PointScript, new object[] { metric, build }) is { } json
            ? System.Text.Json.JsonSerializer.Deserialize<PointOnPage>(json, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))
            : null;

    [Test]
    public async Task The_model_gate_and_nightly_pages_draw_their_charts_and_the_trend_view_answers_hover_toggle_and_zoom()
    {
        RequireChromium();
        var reportDir = Path.GetDirectoryName(_demo!.IndexHtml)!;
        Directory.CreateDirectory(ScreenshotDirectory);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchChromium(playwright);
        foreach (var name in new[] { "model-hydra.html", "gate.html", "nightly.html" })
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
            var problems = new List<string>();
            page.Console += (_, m) => { if (m.Type is "error" or "warning") problems.Add($"console {m.Type}: {m.Text}"); };
            page.PageError += (_, e) => problems.Add("page error: " + e);
            page.Request += (_, r) => { if (!r.Url.StartsWith("file://", StringComparison.Ordinal) && !r.Url.StartsWith("data:", StringComparison.Ordinal)) problems.Add("request left the file: " + r.Url); };
            await page.GotoAsync(new Uri(Path.Combine(reportDir, name)).AbsoluteUri);

            // The static charts: drawn (ink on a white ground), of a readable size, with axis labels.
            var charts = page.Locator("figure.chart svg");
            Assert.That(await charts.CountAsync(), Is.GreaterThan(0), $"{name}: static charts");
            for (var i = 0; i < await charts.CountAsync(); i++)
            {
                var chart = charts.Nth(i);
                var box = (await chart.BoundingBoxAsync())!;
                Assert.That(box.Width, Is.GreaterThan(300), $"{name} chart {i}: width");
                Assert.That(box.Height, Is.GreaterThan(150), $"{name} chart {i}: height");
                Assert.That(await InkShare(page, await chart.ScreenshotAsync()), Is.GreaterThan(0.01), $"{name} chart {i}: not blank");
                var texts = await chart.Locator("text").AllTextContentsAsync();
                Assert.That(texts, Has.Some.Match(@"^(build|Time \(s\))$"), $"{name} chart {i}: an x-axis label");
                Assert.That(texts, Has.Some.Match(@"\(.+\)$"), $"{name} chart {i}: a value axis label with its unit");
            }

            if (name != "gate.html")
            {
                // The interactive view: shown once scripts run, its first chart drawn on canvas with axis labels.
                await page.Locator(".trend-view:not([hidden]) .trend-panel canvas").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
                var panel = page.Locator(".trend-panel:not([hidden])").First;
                var metric = (await panel.GetAttributeAsync("data-metric"))!;
                // uPlot draws axes, tick values and axis labels on its canvas: the labels are its axes' labels, and each axis strip
                // (left of and below the plot area) and the plot area itself hold ink.
                Assert.That(await panel.EvaluateAsync<string[]>("p => p.uplot.axes.map(a => a.label)"), Has.Some.EqualTo("build").And.Some.Contains("(FPS)"), $"{name}: axis labels");
                var ink = await panel.EvaluateAsync<double[]>("""
                    p => { const u = p.uplot, src = p.querySelector('canvas'), b = u.bbox;
                           // One copy, read once (reading the chart's own canvas region by region makes chromium warn).
                           const c = document.createElement('canvas'); c.width = src.width; c.height = src.height;
                           const g = c.getContext('2d', { willReadFrequently: true }); g.drawImage(src, 0, 0);
                           const all = g.getImageData(0, 0, c.width, c.height).data;
                           const share = (x, y, w, h) => { let n = 0;
                                                           for (let r = Math.round(y); r < Math.round(y + h); r++)
                                                             for (let q = Math.round(x); q < Math.round(x + w); q++) if (all[(r * c.width + q) * 4 + 3] > 0) n++;
                                                           return n / Math.max(1, Math.round(w) * Math.round(h)); };
                           return [share(b.left, b.top, b.width, b.height), share(0, b.top, b.left, b.height), share(b.left, b.top + b.height, b.width, c.height - b.top - b.height)]; }
                    """);
                Assert.That(ink[0], Is.GreaterThan(0.002), $"{name}: the interactive chart's lines and points are drawn");
                Assert.That(ink[1], Is.GreaterThan(0.005), $"{name}: the value axis (ticks, values, label) is drawn");
                Assert.That(ink[2], Is.GreaterThan(0.005), $"{name}: the build axis (ticks, builds, label) is drawn");

                // Hover the point of build 8 (the build the injected regression comes in): the tooltip names that build and its runs.
                await panel.ScrollIntoViewIfNeededAsync();
                var point = await PointOf(page, metric, "8");
                Assert.That(point, Is.Not.Null, $"{name}: a point of build 8 in {metric}");
                await page.Mouse.MoveAsync((float)point!.X, (float)point.Y);
                var tip = page.Locator(".trend-panel:not([hidden]) .trend-tip:not([hidden])").First;
                await tip.WaitForAsync(new LocatorWaitForOptions { Timeout = 5_000 });
                var tipText = await tip.TextContentAsync();
                Assert.That(tipText, Does.Contain("build 8").And.Contain(point.Runs[0]).And.Contain("n=").And.Contain("key "), $"{name}: tooltip");

                // Toggle: the device's series hides and shows again; another metric's chart appears when ticked.
                var deviceBox = page.Locator(".trend-set").Nth(1).Locator("label", new LocatorLocatorOptions { HasText = point.Device }).Locator("input");
                await deviceBox.UncheckAsync();
                Assert.That(await panel.EvaluateAsync<bool>($"p => p.uplot.series[{point.Index}].show"), Is.False, $"{name}: device toggled off");
                await deviceBox.CheckAsync();
                Assert.That(await panel.EvaluateAsync<bool>($"p => p.uplot.series[{point.Index}].show"), Is.True, $"{name}: device toggled on");
                var hiddenMetrics = page.Locator(".trend-panel[hidden]");
                if (await hiddenMetrics.CountAsync() > 0)
                {
                    var other = (await hiddenMetrics.First.GetAttributeAsync("data-metric"))!;
                    var labels = await page.EvaluateAsync<string[]>("() => JSON.parse(document.getElementById('trend-view-data').textContent).metrics.map(m => m.id + '|' + m.label)");
                    var label = labels.Single(l => l.StartsWith(other + "|", StringComparison.Ordinal)).Split('|', 2)[1];
                    await page.Locator(".trend-set").First.Locator("label", new LocatorLocatorOptions { HasText = label }).First.Locator("input").CheckAsync();
                    await page.Locator($".trend-panel[data-metric=\"{other}\"] canvas").WaitForAsync(new LocatorWaitForOptions { Timeout = 5_000 });
                }

                // Zoom: drag from build 3 to build 9; the x range narrows to about those builds, Reset zoom shows them all again.
                var from = await PointOf(page, metric, "3");
                var to = await PointOf(page, metric, "9");
                await page.Mouse.MoveAsync((float)from!.X, (float)from.Y);
                await page.Mouse.DownAsync();
                await page.Mouse.MoveAsync((float)(from.X + to!.X) / 2, (float)from.Y, new MouseMoveOptions { Steps = 5 });
                await page.Mouse.MoveAsync((float)to.X, (float)from.Y, new MouseMoveOptions { Steps = 5 });
                await page.Mouse.UpAsync();
                var zoomed = await panel.EvaluateAsync<double[]>("p => [p.uplot.scales.x.min, p.uplot.scales.x.max]");
                Assert.That(zoomed[0], Is.EqualTo(2).Within(0.6), $"{name}: zoomed from build 3 (index 2)");
                Assert.That(zoomed[1], Is.EqualTo(8).Within(0.6), $"{name}: zoomed to build 9 (index 8)");
                await page.Locator(".trend-reset").ClickAsync();
                var all = await panel.EvaluateAsync<double[]>("p => [p.uplot.scales.x.min, p.uplot.scales.x.max, p.uplot.data[0].length]");
                Assert.That(all[0], Is.LessThan(0), $"{name}: reset shows the first build");
                Assert.That(all[1], Is.GreaterThan(all[2] - 1), $"{name}: reset shows the last build");
                await page.Mouse.MoveAsync((float)point.X, (float)point.Y);
            }

            var shot = Path.Combine(ScreenshotDirectory, Path.GetFileNameWithoutExtension(name) + "-interactive.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
            TestContext.AddTestAttachment(shot, $"{name} in chromium at 1280 px (hovering a point of the trend view where it has one)");
            await page.CloseAsync();
            Assert.That(problems, Is.Empty, name);
        }
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
        RequireChromium();
        var reportDir = Path.GetDirectoryName(_demo!.IndexHtml)!;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchChromium(playwright);
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

    /// <summary>Fails (or, with the opt-out variable set, skips) when Debian's chromium is absent.</summary>
    private static void RequireChromium()
    {
        if (File.Exists(ChromiumPath)) return;
        if (Environment.GetEnvironmentVariable(AllowSkipVariable) == "1") Assert.Ignore($"{ChromiumPath} is absent and {AllowSkipVariable}=1");
        Assert.Fail($"{ChromiumPath} is absent: install it with 'apt-get install -y chromium' (tests/run does), or set {AllowSkipVariable}=1 to skip locally");
    }

    /// <summary>Debian's chromium, headless, with nothing that reaches the network on its own.</summary>
    private static Task<IBrowser> LaunchChromium(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = ChromiumPath,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    });
}
