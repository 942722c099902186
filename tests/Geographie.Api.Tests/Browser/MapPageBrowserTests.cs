using System.Globalization;
using System.Net;
using Geographie.Testing;
using Microsoft.Playwright;

namespace Geographie.Api.Tests.Browser;

/// <summary>
/// The map page in real headless Chromium (Debian's, never a downloaded browser) against the service on Kestrel
/// over its own database with the shipped data. A screenshot is kept in artifacts/screenshots/.
/// </summary>
public sealed class MapPageBrowserTests : IAsyncLifetime
{
    private readonly KestrelApp _app = new();
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private string _baseUrl = null!;

    public async Task InitializeAsync()
    {
        await _app.InitializeAsync();
        _baseUrl = _app.RestUrl;
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(_baseUrl + "/readyz")).StatusCode);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--enable-unsafe-swiftshader", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task The_page_renders_the_layers_opens_a_quartier_and_checks_a_point()
    {
        var (code, perimeter) = Eligibility.RealPoints.LyonPerimeters.OrderByDescending(p => p.Perimeter.Area).First();
        var inside = perimeter.InteriorPoint.Coordinate;
        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);

        // The Métropole view: commune outlines (with their QPV counts) are the map.
        await page.GotoAsync(_baseUrl + "/");
        await page.WaitForSelectorAsync("body[data-map-ready='true']", new PageWaitForSelectorOptions { Timeout = 30_000 });
        var communes = await CountRendered(page, "communes");
        Assert.True(communes > 50, $"{communes} commune features rendered");

        // Lyon's 2015 perimeters: the quartiers layer renders, a click opens the quartier's panel.
        var lat = inside.Y.ToString(CultureInfo.InvariantCulture);
        var lon = inside.X.ToString(CultureInfo.InvariantCulture);
        await page.GotoAsync($"{_baseUrl}/#carte=14/{lat}/{lon}&geo=qpv2015");
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("body[data-map-ready='true']", new PageWaitForSelectorOptions { Timeout = 30_000 });
        await page.WaitForFunctionAsync("() => window.geographieMap.queryRenderedFeatures({ layers: window.geographieMap.getStyle().layers.filter(l => l['source-layer'] === 'quartiers').map(l => l.id) }).length > 0", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        Assert.True(await CountRendered(page, "quartiers") > 0);
        var point = await page.EvaluateAsync<double[]>($"() => {{ const p = window.geographieMap.project([{lon}, {lat}]); const r = document.querySelector('#map').getBoundingClientRect(); return [p.x + r.left, p.y + r.top]; }}");
        await page.Mouse.ClickAsync((float)point[0], (float)point[1]);
        await page.WaitForSelectorAsync("#panel.open", new PageWaitForSelectorOptions { Timeout = 15_000 });
        var title = await page.InnerTextAsync("#panel-title");
        Assert.Contains(await QuartierName(code), title);

        // A click away from any quartier runs an eligibility check and shows its status.
        var elsewhere = await page.EvaluateAsync<double[]>("() => { const r = document.querySelector('#map').getBoundingClientRect(); return [r.left + 25, r.bottom - 60]; }");
        await page.Mouse.ClickAsync((float)elsewhere[0], (float)elsewhere[1]);
        await page.WaitForSelectorAsync("#eligibility[data-status]", new PageWaitForSelectorOptions { Timeout = 15_000 });
        var status = await page.GetAttributeAsync("#eligibility", "data-status");
        Assert.Contains(status, new[] { "OUTSIDE", "NEAR", "UNKNOWN", "UNCERTAIN" });

        // The same click lands in a Rhône commune: the side panel shows its QPV shares and offers them as CSV.
        await page.WaitForSelectorAsync("#panel-meta a[download]", new PageWaitForSelectorOptions { Timeout = 15_000 });
        Assert.Contains("part en QPV", await page.InnerTextAsync("#panel-title"));
        var csv = await page.GetAttributeAsync("#panel-meta a[download]", "href");
        Assert.Contains("/v1/overlaps?commune=", csv);
        using (var http = new HttpClient())
        {
            Assert.StartsWith("zone_id,", await http.GetStringAsync(csv!));
        }

        Directory.CreateDirectory(Path.Combine(Geodata.Root, "artifacts", "screenshots"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Geodata.Root, "artifacts", "screenshots", "map-lyon-qpv2015.png") });
        Assert.Empty(errors);
    }

    private static Task<int> CountRendered(IPage page, string sourceLayer) => page.EvaluateAsync<int>(
        $"() => window.geographieMap.queryRenderedFeatures({{ layers: window.geographieMap.getStyle().layers.filter(l => l['source-layer'] === '{sourceLayer}').map(l => l.id) }}).length");

    private async Task<string> QuartierName(string code)
    {
        using var http = new HttpClient();
        var json = await http.GetStringAsync($"{_baseUrl}/v1/quartiers/{code}");
        return System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("name").GetString()!;
    }
}
