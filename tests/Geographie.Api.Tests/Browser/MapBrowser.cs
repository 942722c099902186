using System.Globalization;
using System.Net;
using Microsoft.Playwright;

namespace Geographie.Api.Tests.Browser;

/// <summary>
/// The service on Kestrel over its own database with the shipped data, and Debian's headless Chromium (never a
/// downloaded browser), shared by the map page's browser tests (collection <see cref="MapBrowserCollection"/>).
/// </summary>
public sealed class MapBrowser : IAsyncLifetime
{
    private IPlaywright _playwright = null!;

    /// <summary>The service.</summary>
    public KestrelApp App { get; } = new();

    /// <summary>The browser.</summary>
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The REST base URL of the service.</summary>
    public string BaseUrl => App.RestUrl;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(BaseUrl + "/readyz")).StatusCode);
        (_playwright, Browser) = await LaunchAsync();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await App.DisposeAsync();
    }

    /// <summary>Starts Playwright over Debian's Chromium (headless WebGL needs SwiftShader).</summary>
    public static async Task<(IPlaywright, IBrowser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--enable-unsafe-swiftshader", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return (playwright, browser);
    }

    /// <summary>Opens the page at <paramref name="fragment"/> (e.g. <c>carte=14/45.7/4.8&amp;geo=qpv2015</c>) and waits for the map's first idle.</summary>
    public Task<MapSession> OpenAsync(string fragment = "", int width = 1280, int height = 800) =>
        OpenAsync(Browser, BaseUrl, fragment, width, height);

    /// <summary>
    /// Opens the page of <paramref name="baseUrl"/> in a new browser context that records page errors and requests;
    /// <paramref name="beforeLoad"/> may set routes first.
    /// </summary>
    public static async Task<MapSession> OpenAsync(IBrowser browser, string baseUrl, string fragment, int width, int height, Func<IPage, Task>? beforeLoad = null)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        var session = new MapSession(context, page);
        page.PageError += (_, error) => session.Errors.Add(error);
        page.Request += (_, request) => session.Requests.Add(request.Url);
        if (beforeLoad is not null)
        {
            await beforeLoad(page);
        }
        await page.GotoAsync(baseUrl + "/" + (fragment.Length > 0 ? "#" + fragment : ""));
        await page.WaitForSelectorAsync("body[data-map-ready='true']", new PageWaitForSelectorOptions { Timeout = 30_000 });
        return session;
    }

    /// <summary>A map fragment at zoom <paramref name="zoom"/> centred on (lon, lat).</summary>
    public static string View(double zoom, double lon, double lat, string? geography = null) =>
        string.Create(CultureInfo.InvariantCulture, $"carte={zoom}/{lat}/{lon}") + (geography is null ? "" : "&geo=" + geography);
}

/// <summary>One page in its own browser context, with what it logged.</summary>
public sealed class MapSession(IBrowserContext context, IPage page) : IAsyncDisposable
{
    /// <summary>The page.</summary>
    public IPage Page => page;

    /// <summary>Uncaught script errors.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Every URL the page requested.</summary>
    public List<string> Requests { get; } = [];

    /// <summary>Clicks the map at (lon, lat).</summary>
    public async Task ClickAsync(double lon, double lat)
    {
        var point = await page.EvaluateAsync<double[]>(string.Create(CultureInfo.InvariantCulture,
            $"() => {{ const p = window.geographieMap.project([{lon}, {lat}]); const r = document.querySelector('#map').getBoundingClientRect(); return [p.x + r.left, p.y + r.top]; }}"));
        await page.Mouse.ClickAsync((float)point[0], (float)point[1]);
    }

    /// <summary>How many features of a tile layer are drawn in the view.</summary>
    public Task<int> CountRendered(string sourceLayer) => page.EvaluateAsync<int>(
        $"() => window.geographieMap.queryRenderedFeatures({{ layers: window.geographieMap.getStyle().layers.filter(l => l['source-layer'] === '{sourceLayer}').map(l => l.id) }}).length");

    /// <summary>Waits until features of a tile layer are drawn.</summary>
    public Task WaitRendered(string sourceLayer) => page.WaitForFunctionAsync(
        $"() => window.geographieMap.queryRenderedFeatures({{ layers: window.geographieMap.getStyle().layers.filter(l => l['source-layer'] === '{sourceLayer}').map(l => l.id) }}).length > 0",
        null, new PageWaitForFunctionOptions { Timeout = 30_000 });

    /// <summary>Waits for the map to settle (tiles loaded, labels and header refreshed).</summary>
    public Task WaitIdle() => page.EvaluateAsync("() => new Promise(resolve => { const map = window.geographieMap; map.once('idle', () => resolve(true)); map.triggerRepaint(); })");

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await context.CloseAsync();
}

/// <summary>The browser tests share one service and one browser, and run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class MapBrowserCollection : ICollectionFixture<MapBrowser>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "map page in Chromium";
}
