using Microsoft.Playwright;

namespace Geographie.Api.Tests.Browser;

/// <summary>
/// A connected deployment's basemap (<c>Geographie:Map:BasemapStyleUrl</c>): handed to the page by /map-config.json
/// and drawn under the QPV layers. The basemap server is played by the browser's request routing (the test machine
/// is offline); its style is a plain background, which is all the page needs to prove it is drawn first.
/// </summary>
public sealed class MapBasemapBrowserTests : IAsyncLifetime
{
    private const string StyleUrl = "https://basemap.invalid/style.json";
    private const string Style = """{"version":8,"name":"test basemap","sources":{},"layers":[{"id":"basemap-background","type":"background","paint":{"background-color":"#cfe3d1"}}]}""";
    private readonly KestrelApp _app = new() { Settings = [("Geographie:Map:BasemapStyleUrl", StyleUrl)] };
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        await _app.InitializeAsync();
        (_playwright, _browser) = await MapBrowser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task The_configured_basemap_is_drawn_under_the_qpv_layers()
    {
        using var http = new HttpClient();
        Assert.Contains(StyleUrl, await http.GetStringAsync(_app.RestUrl + "/map-config.json"));
        using (var index = await http.GetAsync(_app.RestUrl + "/"))
        {
            Assert.Contains("connect-src 'self' https://basemap.invalid;", index.Headers.GetValues("Content-Security-Policy").Single());
        }

        await using var session = await MapBrowser.OpenAsync(_browser, _app.RestUrl, "", 1280, 800,
            page => page.RouteAsync(StyleUrl, route => route.FulfillAsync(new RouteFulfillOptions { ContentType = "application/json", Body = Style })));
        var layers = await session.Page.EvaluateAsync<string[]>("() => window.geographieMap.getStyle().layers.map(l => l.id)");
        Assert.Equal("basemap-background", layers[0]);
        Assert.Contains("communes-fill", layers);
        Assert.True(Array.IndexOf(layers, "quartiers-fill") > 0);
        Assert.DoesNotContain("background", layers);
        Assert.Contains(StyleUrl, session.Requests);
        Assert.True(await session.CountRendered("communes") > 50);
        Assert.Empty(session.Errors);
    }
}
