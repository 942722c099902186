using System.Globalization;
using Microsoft.Playwright;

namespace Geographie.Api.Tests.Browser;

/// <summary>The quartiers on screen as CSV, the print view, and the page on a phone (390 × 844).</summary>
[Collection(MapBrowserCollection.Name)]
public sealed class MapExportAndPhoneBrowserTests(MapBrowser browser)
{
    [Fact]
    public async Task The_quartiers_on_screen_download_as_french_excel_csv_and_the_print_view_keeps_the_map()
    {
        var (code, _, inside) = MapData.LargestLyonQuartier;
        await using var session = await browser.OpenAsync(MapBrowser.View(14, inside.X, inside.Y, "qpv2015"));
        var page = session.Page;
        await session.WaitRendered("quartiers");
        await session.WaitIdle();
        var onScreen = await page.EvaluateAsync<string[]>("() => [...new Set(window.geographieMap.queryRenderedFeatures({ layers: ['quartiers-fill'] }).map(f => f.properties.code))]");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-visible"));
        Assert.Equal("quartiers-visibles-qpv2015.csv", download.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("code;nom;communes;geographie;projets", lines[0]);
        Assert.Equal(onScreen.Order(StringComparer.Ordinal), lines.Skip(1).Select(l => l.Split(';')[0]).Order(StringComparer.Ordinal));
        Assert.Contains(code, onScreen);

        // The print button prints; the print media hides the controls and keeps the map, its banner and the legend.
        await page.EvaluateAsync("() => { window.printed = 0; window.print = () => { window.printed++; }; }");
        await page.ClickAsync("#print-view");
        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.printed"));
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.False(await page.IsVisibleAsync("#filters"));
        Assert.False(await page.IsVisibleAsync("#search"));
        Assert.False(await page.IsVisibleAsync("#print-view"));
        Assert.True(await page.IsVisibleAsync("#legend"));
        var mapBox = (await page.Locator("#map").BoundingBoxAsync())!;
        var legendBox = (await page.Locator("#legend").BoundingBoxAsync())!;
        Assert.True(mapBox.Height > 300 && mapBox.Y < legendBox.Y, $"map {mapBox.Height}px high at y={mapBox.Y}, legend at y={legendBox.Y}");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task On_a_phone_the_map_has_room_the_attribution_is_folded_and_the_panel_is_a_bottom_sheet()
    {
        var (code, _, inside) = MapData.LargestLyonQuartier;
        await using var session = await browser.OpenAsync(MapBrowser.View(14, inside.X, inside.Y, "qpv2015"), 390, 844);
        var page = session.Page;
        await session.WaitRendered("quartiers");
        var mapBox = (await page.Locator("#map").BoundingBoxAsync())!;
        Assert.True(mapBox.Height >= 0.45 * 844 && mapBox.Width >= 389, $"map {mapBox.Width}×{mapBox.Height}");
        var attribution = (await page.Locator(".maplibregl-ctrl-attrib").BoundingBoxAsync())!;
        Assert.True(attribution.Width * attribution.Height < 0.01 * mapBox.Width * mapBox.Height, $"attribution {attribution.Width}×{attribution.Height}");

        await session.ClickAsync(inside.X, inside.Y);
        await page.WaitForSelectorAsync($"#panel.open[data-code='{code}']", new PageWaitForSelectorOptions { Timeout = 15_000 });
        await page.Locator("#panel").EvaluateAsync("panel => Promise.all(panel.getAnimations().map(a => a.finished))");
        var screenshots = Directory.CreateDirectory(Path.Combine(Geographie.Testing.Geodata.Root, "artifacts", "screenshots")).FullName;
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "map-phone.png") });
        var panel = (await page.Locator("#panel").BoundingBoxAsync())!;
        Assert.True(Math.Abs(panel.Width - 390) < 1 && panel.Y > 844 / 2.0 && panel.Y + panel.Height <= 845, $"panel {panel.Width}×{panel.Height} at y={panel.Y}");
        Assert.True(await page.IsVisibleAsync("#eligibility[data-status]"), "eligibility card in view");

        // The menu folds away and the map takes the room.
        await page.ClickAsync("#sidebar-toggle");
        Assert.False(await page.IsVisibleAsync("#sidebar"));
        await page.WaitForFunctionAsync(string.Create(CultureInfo.InvariantCulture, $"() => document.querySelector('#map').getBoundingClientRect().height > {mapBox.Height + 100}"), null, new PageWaitForFunctionOptions { Timeout = 5_000 });
        Assert.Empty(session.Errors);
    }
}
