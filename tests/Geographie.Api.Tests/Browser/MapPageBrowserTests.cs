using Geographie.Testing;
using Microsoft.Playwright;

namespace Geographie.Api.Tests.Browser;

/// <summary>
/// The map page in real headless Chromium against the service with the shipped data: layers, a quartier's panel,
/// the eligibility card on every click, a commune's QPV shares. A screenshot is kept in artifacts/screenshots/.
/// </summary>
[Collection(MapBrowserCollection.Name)]
public sealed class MapPageBrowserTests(MapBrowser browser)
{
    [Fact]
    public async Task The_page_renders_the_layers_opens_a_quartier_and_checks_a_point()
    {
        var (code, _, inside) = MapData.LargestLyonQuartier;

        // The Métropole view: commune outlines (with their QPV counts) are the map.
        await using (var metropole = await browser.OpenAsync())
        {
            var communes = await metropole.CountRendered("communes");
            Assert.True(communes > 50, $"{communes} commune features rendered");
        }

        // Lyon's 2015 perimeters: the quartiers layer renders; a click inside one opens its panel and the eligibility card.
        await using var session = await browser.OpenAsync(MapBrowser.View(14, inside.X, inside.Y, "qpv2015"));
        var page = session.Page;
        await session.WaitRendered("quartiers");
        await session.ClickAsync(inside.X, inside.Y);
        await page.WaitForSelectorAsync($"#panel.open[data-code='{code}']", new PageWaitForSelectorOptions { Timeout = 15_000 });
        Assert.Contains(await QuartierName(code), await page.InnerTextAsync("#panel-title"));
        await page.WaitForSelectorAsync("#eligibility[data-status='INSIDE']", new PageWaitForSelectorOptions { Timeout = 15_000 });
        Assert.Contains(code, await page.InnerTextAsync("#eligibility"));

        // A click away from any quartier runs an eligibility check and shows its status.
        var elsewhere = await page.EvaluateAsync<double[]>("() => { const r = document.querySelector('#map').getBoundingClientRect(); return [r.left + 25, r.bottom - 60]; }");
        await page.Mouse.ClickAsync((float)elsewhere[0], (float)elsewhere[1]);
        await page.WaitForSelectorAsync("#eligibility:not([data-status='INSIDE'])[data-status]", new PageWaitForSelectorOptions { Timeout = 15_000 });
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
        Assert.Empty(session.Errors);
    }

    private async Task<string> QuartierName(string code)
    {
        using var http = new HttpClient();
        var json = await http.GetStringAsync($"{browser.BaseUrl}/v1/quartiers/{code}?geography=qpv2015");
        return System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("name").GetString()!;
    }
}
