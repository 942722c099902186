using System.Text.Json;
using Microsoft.Playwright;
using System.Text.Json.Nodes;
using Geographie.Testing;

namespace Geographie.Api.Tests.Browser;

/// <summary>
/// Search by commune and by quartier without accents, and zones: a commune from the search, an uploaded GeoJSON
/// (a real commune outline) and a drawn polygon, each with its QPV shares from /v1/overlaps and their CSV.
/// </summary>
[Collection(MapBrowserCollection.Name)]
public sealed class MapZonesBrowserTests(MapBrowser browser)
{
    [Fact]
    public async Task Search_finds_a_commune_by_name_or_insee_and_a_quartier_by_name_without_accents()
    {
        // Rule: the first shipped Rhône commune, and the first Lyon 2015 quartier, whose names carry an accent.
        var commune = MapData.RhoneCommunes.First(c => MapData.HasAccent(c.Name));
        await using var session = await browser.OpenAsync("geo=qpv2015");
        var page = session.Page;
        var quartiers = JsonDocument.Parse(await new HttpClient().GetStringAsync($"{browser.BaseUrl}/v1/quartiers?geography=qpv2015&limit=2000"))
            .RootElement.EnumerateArray().Select(q => (Code: q.GetProperty("code").GetString()!, Name: q.GetProperty("name").GetString()!)).ToArray();
        var quartier = quartiers.First(q => MapData.HasAccent(q.Name));

        await page.FillAsync("#search", MapData.Unaccented(commune.Name));
        await page.WaitForSelectorAsync($"#search-results li[data-kind='commune'][data-code='{commune.Insee}']", new PageWaitForSelectorOptions { Timeout = 15_000 });
        await page.FillAsync("#search", commune.Insee);
        await page.WaitForSelectorAsync($"#search-results li[data-kind='commune'][data-code='{commune.Insee}']", new PageWaitForSelectorOptions { Timeout = 15_000 });
        await page.FillAsync("#search", MapData.Unaccented(quartier.Name));
        await page.WaitForSelectorAsync($"#search-results li[data-kind='quartier'][data-code='{quartier.Code}']", new PageWaitForSelectorOptions { Timeout = 15_000 });
        await page.FillAsync("#search", quartier.Code.ToLowerInvariant());
        await page.WaitForSelectorAsync($"#search-results li[data-kind='quartier'][data-code='{quartier.Code}']", new PageWaitForSelectorOptions { Timeout = 15_000 });

        // Choosing a commune frames it and opens its QPV shares.
        await page.FillAsync("#search", commune.Insee);
        await page.ClickAsync($"#search-results li[data-code='{commune.Insee}']");
        await page.WaitForSelectorAsync("#panel-meta a[download]", new PageWaitForSelectorOptions { Timeout = 15_000 });
        Assert.Contains(commune.Name, await page.InnerTextAsync("#panel-title"));
        Assert.Contains($"commune={commune.Insee}", await page.GetAttributeAsync("#panel-meta a[download]", "href"));
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task An_uploaded_commune_outline_and_a_drawn_polygon_get_their_qpv_shares_and_csv()
    {
        var (code, _, inside) = MapData.LargestLyonQuartier;
        var commune = MapData.CommuneAt(inside);
        await using var session = await browser.OpenAsync(MapBrowser.View(14, inside.X, inside.Y, "qpv2015"));
        var page = session.Page;
        await session.WaitRendered("quartiers");

        // The real outline of the commune holding the largest Lyon perimeter, as a user's GeoJSON file.
        var feature = JsonNode.Parse(await File.ReadAllTextAsync(Geodata.Path("admin/communes_69.geojson")))!["features"]!.AsArray()
            .Single(f => (string?)f!["properties"]!["code"] == commune.Insee)!.DeepClone();
        feature["id"] = commune.Insee;
        await page.SetInputFilesAsync("#zone-file", new FilePayload { Name = "commune.geojson", MimeType = "application/geo+json", Buffer = System.Text.Encoding.UTF8.GetBytes(feature.ToJsonString()) });
        await page.WaitForSelectorAsync("#panel-meta a[download^='blob:'], #panel-meta a[href^='blob:']", new PageWaitForSelectorOptions { Timeout = 30_000 });
        Assert.Contains(code, await page.InnerTextAsync("#panel-meta"));
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#panel-meta a[download]"));
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith("zone_id,", csv.TrimStart('\uFEFF'));
        Assert.Contains($"{commune.Insee},", csv);
        Assert.Contains(code, csv);

        // A square drawn around a point inside the same quartier (about 300 m a side), back at a street zoom.
        await page.EvaluateAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"() => {{ window.geographieMap.jumpTo({{ center: [{inside.X}, {inside.Y}], zoom: 15 }}); }}"));
        await page.ClickAsync("#zone-draw");
        const double half = 0.0015;
        foreach (var (dx, dy) in new[] { (-half, -half), (half, -half), (half, half), (-half, half) })
        {
            await session.ClickAsync(inside.X + dx, inside.Y + dy);
        }
        Assert.Contains("4 sommets", await page.InnerTextAsync("#zone-draw"));
        await page.ClickAsync("#zone-draw");
        await page.WaitForFunctionAsync("() => document.querySelector('#panel-title').textContent.startsWith('Zone dessinée') && document.querySelector('#panel-meta a[download]')", null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        Assert.Contains(code, await page.InnerTextAsync("#panel-meta"));
        Assert.Empty(session.Errors);
    }
}
