using Microsoft.Playwright;
using Pipeline.Modeling.Steps;

namespace Pipeline.Build.Tests;

/// <summary>
/// The reports of a real build, produced once in a scratch checkout: ValidateData, Train, Evaluate, Register (the
/// model card), CheckDrift and ModelCard on ecommerce-conversion (seconds per Train), and ValidateData on ai4i2020, so
/// the index lists two datasets. Opened by <see cref="ReportsInBrowserTests"/> in Debian's chromium.
/// </summary>
public sealed class BuiltReports : IAsyncLifetime
{
    /// <summary>Debian's chromium, which Playwright drives through its executable path (its own download is not reachable).</summary>
    public const string Chromium = "/usr/bin/chromium";

    /// <summary>The dataset whose whole lifecycle runs.</summary>
    public const string Dataset = "ecommerce-conversion";

    readonly TemporaryDirectory _checkout = new();

    /// <summary>The scratch checkout the build ran in.</summary>
    public string Root => _checkout.Path;

    /// <summary>Whether chromium is here to open the reports (.ci/browser.sh installs it).</summary>
    public static bool BrowserAvailable => File.Exists(Chromium);

    /// <summary>The browser, once launched; null without chromium.</summary>
    public IBrowser? Browser { get; private set; }

    IPlaywright? _playwright;

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        if (!BrowserAvailable) return;
        BuildProcess.PrepareCheckout(Root);
        var lifecycle = BuildProcess.Run(Root, "ValidateData", "Register", "CheckDrift", "ModelCard", "--dataset", Dataset,
            "--current", Path.Combine(Root, "data", $"{Dataset}.csv"));
        Assert.True(lifecycle.ExitCode == 0, lifecycle.Output);
        var validation = BuildProcess.Run(Root, "ValidateData", "--dataset", "ai4i2020");
        Assert.True(validation.ExitCode == 0, validation.Output);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        _checkout.Dispose();
    }
}

/// <summary>
/// Every report page of a real build, opened in headless Chromium at a laptop's width: no console error, nothing wider
/// than the page, no chart label cut off by its chart, every chart drawn with a size, every link of the index
/// resolving to a page that loads. A screenshot of each page goes to artifacts/screenshots/ of the repository for review.
/// Skipped without chromium on a laptop, failed on CI.
/// </summary>
public sealed class ReportsInBrowserTests(BuiltReports reports) : IClassFixture<BuiltReports>
{
    const string NoChromium = $"Debian's chromium is not at {BuiltReports.Chromium}; install it with .ci/browser.sh (apt-get install chromium fonts-dejavu-core).";

    public static TheoryData<string> Pages => new()
    {
        $"{BuiltReports.Dataset}/validation/report.html",
        $"{BuiltReports.Dataset}/evaluation/report.html",
        $"{BuiltReports.Dataset}/drift/report.html",
        $"{BuiltReports.Dataset}/model-card/model-card.html",
        "ai4i2020/validation/report.html",
        "index.html",
    };

    [SkippableTheory]
    [MemberData(nameof(Pages))]
    public async Task ReportPage_RendersWithoutErrors_FitsThePage_AndDrawsEveryChart(string page)
    {
        SkipLocally.Unless(BuiltReports.BrowserAvailable, NoChromium);
        var (problems, _) = await Open(page);
        Assert.True(problems.Count == 0, $"{page}:\n" + string.Join("\n", problems));
    }

    [SkippableFact]
    public async Task ReportIndex_LinksTheLatestReportOfEveryDataset_AndEveryLinkLoads()
    {
        SkipLocally.Unless(BuiltReports.BrowserAvailable, NoChromium);
        var (_, links) = await Open("index.html");

        string[] expected =
        [
            $"{BuiltReports.Dataset}/validation/report.html", $"{BuiltReports.Dataset}/evaluation/report.html",
            $"{BuiltReports.Dataset}/drift/report.html", $"{BuiltReports.Dataset}/model-card/model-card.html", "ai4i2020/validation/report.html",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), links.Order(StringComparer.Ordinal));
        foreach (var link in links)
        {
            var (problems, _) = await Open(link, screenshot: false);
            Assert.True(problems.Count == 0, $"index.html links {link}:\n" + string.Join("\n", problems));
        }
    }

    // Opens a page of artifacts/ and returns what is wrong with it and the targets of its links (relative to artifacts/).
    async Task<(IReadOnlyList<string> Problems, IReadOnlyList<string> Links)> Open(string relative, bool screenshot = true)
    {
        var artifacts = new Workspace(reports.Root, BuiltReports.Dataset).ArtifactsDirectory;
        var file = Path.Combine(artifacts, relative);
        if (!File.Exists(file)) return ([$"{file} does not exist."], []);
        var page = await reports.Browser!.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") problems.Add($"console error: {message.Text}"); };
        page.PageError += (_, error) => problems.Add($"page error: {error}");
        page.RequestFailed += (_, request) => problems.Add($"request failed: {request.Url} ({request.Failure})");
        try
        {
            await page.GotoAsync(new Uri(file).AbsoluteUri, new() { WaitUntil = WaitUntilState.Load });
            if (await page.TitleAsync() is not { Length: > 0 }) problems.Add("the page has no title.");
            problems.AddRange(await page.EvaluateAsync<string[]>(LayoutProblems));
            if (screenshot)
            {
                var shots = Path.Combine(RepositoryRoot.Path, "artifacts", "screenshots");
                Directory.CreateDirectory(shots);
                await page.ScreenshotAsync(new() { Path = Path.Combine(shots, relative.Replace('/', '-').Replace(".html", ".png")), FullPage = true });
            }
            var hrefs = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))");
            var links = hrefs.Where(h => !h.StartsWith('#') && !h.Contains("://", StringComparison.Ordinal))
                .Select(h => Path.GetRelativePath(artifacts, Path.GetFullPath(Uri.UnescapeDataString(h), Path.GetDirectoryName(file)!)).Replace('\\', '/'))
                .ToList();
            return (problems, links);
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    // Elements reaching past the page's width (outside a scrolling or clipping box), chart text cut off by its chart,
    // and charts (svg, canvas) drawn without a size.
    const string LayoutProblems = """
        () => {
          const problems = [];
          const width = document.documentElement.clientWidth;
          const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.getAttribute('class') ? '.' + e.getAttribute('class').split(' ')[0] : '')
            + ' "' + (e.textContent || '').trim().slice(0, 40) + '"';
          const insideBox = e => { for (let p = e.parentElement; p && p !== document.body; p = p.parentElement)
            if (getComputedStyle(p).overflowX !== 'visible') return true; return false; };
          if (document.documentElement.scrollWidth > width + 1)
            problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth}px wide in a ${width}px window`);
          for (const e of document.body.querySelectorAll('*')) {
            const r = e.getBoundingClientRect();
            if (r.width === 0 && r.height === 0) continue;
            if ((r.right > width + 1 || r.left < -1) && !insideBox(e))
              problems.push(`${name(e)} reaches ${Math.round(r.left)}..${Math.round(r.right)}px, past the page's ${width}px`);
          }
          for (const chart of document.querySelectorAll('svg, canvas')) {
            const box = chart.getBoundingClientRect();
            if (box.width < 1 || box.height < 1) { problems.push(`chart ${name(chart)} is drawn ${box.width}x${box.height}px`); continue; }
            for (const t of chart.querySelectorAll('text')) {
              const r = t.getBoundingClientRect();
              if (r.width === 0) continue;
              if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
                problems.push(`label "${t.textContent}" of chart "${chart.getAttribute('aria-label') || ''}" is cut off: ${Math.round(r.left - box.left)}..${Math.round(r.right - box.left)}px in a ${Math.round(box.width)}px chart`);
            }
          }
          return problems.slice(0, 30);
        }
        """;
}
