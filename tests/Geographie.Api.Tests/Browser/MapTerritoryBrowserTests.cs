using Microsoft.Playwright;

namespace Geographie.Api.Tests.Browser;

/// <summary>
/// Where you are on the map, offline: the Rhône commune outlines and their names over Lyon, the quartiers' names closer in, a header naming the
/// commune under the centre, and a banner from /readyz when the chosen geography has no perimeter loaded or in view.
/// </summary>
[Collection(MapBrowserCollection.Name)]
public sealed class MapTerritoryBrowserTests(MapBrowser browser)
{
    [Fact]
    public async Task Over_Lyon_the_offline_page_draws_and_names_the_communes_and_quartiers_and_the_header_names_the_commune_in_view()
    {
        var (_, _, inside) = MapData.LargestLyonQuartier;
        var commune = MapData.CommuneAt(inside);
        await using var session = await browser.OpenAsync(MapBrowser.View(12, inside.X, inside.Y, "qpv2015"));
        var page = session.Page;
        await session.WaitRendered("communes");
        await session.WaitIdle();

        var rhone = await page.EvaluateAsync<string[]>("() => [...new Set(window.geographieMap.queryRenderedFeatures({ layers: ['communes-line'] }).map(f => f.properties.insee))]");
        Assert.True(rhone.Count(i => i.StartsWith("69", StringComparison.Ordinal)) > 5, $"Rhône communes outlined: {string.Join(' ', rhone)}");
        var labels = await page.Locator(".map-label.commune").AllInnerTextsAsync();
        var named = MapData.RhoneCommunes.Select(c => c.Name).ToHashSet();
        Assert.True(labels.Count(named.Contains) > 3, $"commune labels: {string.Join(", ", labels)}");

        var header = await page.InnerTextAsync("#territory");
        Assert.Contains(commune.Name, header);
        Assert.Contains("Rhône", header);
        Assert.Equal(commune.Insee, await page.GetAttributeAsync("#territory", "data-insee"));
        Assert.DoesNotContain("Aix-Marseille", await page.InnerTextAsync(".site-header"));

        // Closer in, the quartiers are named too, with HTML labels (no glyphs to fetch, so the offline page stays whole).
        var (code, _, _) = MapData.LargestLyonQuartier;
        var name = Geographie.Import.Files.GeoJsonFeatureReader.Read(Geographie.Testing.Geodata.Path("qpv2015/qpv2015_metropole_lyon.geojson")).Features
            .Single(f => f.Attribute("CODE_QP") == code).Attribute("Nom du QPV")!;
        await page.EvaluateAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"() => {{ window.geographieMap.jumpTo({{ zoom: 14, center: [{inside.X}, {inside.Y}] }}); }}"));
        await page.WaitForFunctionAsync("name => [...document.querySelectorAll('.map-label.quartier')].some(n => n.textContent === name)", name);

        // Offline and whole: every request went to the service itself (no basemap, glyphs or fonts from elsewhere).
        Assert.All(session.Requests, url => Assert.True(url.StartsWith(browser.BaseUrl, StringComparison.Ordinal) || url.StartsWith("blob:", StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal), url));
        using var http = new HttpClient();
        Assert.Contains("\"basemapStyleUrl\":null", await http.GetStringAsync(browser.BaseUrl + "/map-config.json"));
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task The_default_2024_view_says_at_the_top_that_no_perimeter_is_loaded_and_offers_the_loaded_geography()
    {
        await using var session = await browser.OpenAsync();
        var page = session.Page;
        var banner = page.Locator("#geography-banner[data-kind='none-loaded']");
        await banner.WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        Assert.Contains("QPV 2024", await banner.InnerTextAsync());
        var bannerBox = (await banner.BoundingBoxAsync())!;
        var mapBox = (await page.Locator("#map").BoundingBoxAsync())!;
        Assert.True(bannerBox.Y < mapBox.Y + 50 && bannerBox.Y + bannerBox.Height < mapBox.Y + mapBox.Height / 2, $"banner at y={bannerBox.Y}, map at y={mapBox.Y}");

        // The banner's button switches to the geography that has perimeters; over Marseille none is in view, and
        // "Y aller" brings them into view.
        await banner.Locator("button", new LocatorLocatorOptions { HasText = "QPV 2015" }).ClickAsync();
        Assert.Equal("qpv2015", await page.InputValueAsync("#filter-geography"));
        var elsewhere = page.Locator("#geography-banner[data-kind='none-in-view']");
        await page.EvaluateAsync("() => { window.geographieMap.jumpTo({ center: [5.38, 43.3], zoom: 12 }); }");
        await elsewhere.WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        await elsewhere.Locator("button").ClickAsync();
        await session.WaitRendered("quartiers");
        await page.WaitForSelectorAsync("#geography-banner", new PageWaitForSelectorOptions { State = WaitForSelectorState.Hidden, Timeout = 15_000 });
        Assert.Empty(session.Errors);
    }
}
