using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Geographie.Api.Features;
using Geographie.Storage.Imports;
using Geographie.Testing;

namespace Geographie.Api.Tests.Features;

/// <summary>
/// A client pages through a collection while the data reloads: next links keep it on the revision it started from,
/// so it sees every feature of that revision exactly once; once that revision is no longer kept it is told so (410).
/// The reloads import the real Lyon 2015 file with one perimeter removed.
/// </summary>
public sealed class OgcPagingDuringReloadTests : IClassFixture<GeographieApp>
{
    private const string Lyon = "/ogc/collections/qpv2015/items?bbox=4.7,45.5,5.1,45.95&limit=10";

    private readonly GeographieApp _app;

    public OgcPagingDuringReloadTests(GeographieApp app) => _app = app;

    [Fact]
    public async Task Next_links_stay_on_the_revision_paging_began_with_until_it_is_no_longer_kept()
    {
        var first = await Get(Lyon);
        var firstIds = Ids(first);
        var all = first.GetProperty("numberMatched").GetInt32();

        // A reload removes a quartier of the first page: a plain offset would now skip the quartier that moves up.
        await ImportWithout(firstIds[3]);
        var seen = new List<string>(firstIds);
        var next = Link(first, "next");
        while (next is not null)
        {
            var page = await Get(next);
            Assert.Equal(all, page.GetProperty("numberMatched").GetInt32());
            seen.AddRange(Ids(page));
            next = Link(page, "next");
        }
        var restarted = await Get(Lyon);

        Assert.Equal(all, seen.Count);
        Assert.Equal(seen.Distinct().Order(StringComparer.Ordinal), seen);
        Assert.Equal(all - 1, restarted.GetProperty("numberMatched").GetInt32());
        Assert.DoesNotContain(firstIds[3], Ids(restarted));

        // After more reloads than are kept, the old revision's links answer 410 with a problem saying what to do.
        for (var reload = 0; reload < FeatureCatalogs.Retained; reload++)
        {
            await ImportWithout(firstIds[reload]);
            await Get(Lyon);
        }
        using var stale = await _app.Client.GetAsync(Link(first, "next"));
        Assert.Equal(HttpStatusCode.Gone, stale.StatusCode);
        Assert.Contains("Start again", (await stale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    private async Task ImportWithout(string code)
    {
        var collection = JsonNode.Parse(await File.ReadAllTextAsync(Geodata.Path("qpv2015/qpv2015_metropole_lyon.geojson")))!.AsObject();
        var features = collection["features"]!.AsArray();
        features.Remove(features.Single(f => f!["properties"]!["CODE_QP"]!.GetValue<string>() == code));
        var path = Path.Combine(Directory.CreateTempSubdirectory("geographie-ogc-reload-").FullName, "lyon.geojson");
        await File.WriteAllTextAsync(path, collection.ToJsonString());
        Assert.Equal(ImportStatus.Applied, (await new GeographyImporter(_app.Database.DataSource).ImportPerimetersAsync(path)).Status);
        await _app.RefreshAsync();
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }

    private async Task<JsonElement> Get(string url)
    {
        using var response = await _app.Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static string? Link(JsonElement document, string rel) =>
        document.GetProperty("links").EnumerateArray().Where(l => l.GetProperty("rel").GetString() == rel).Select(l => l.GetProperty("href").GetString()).FirstOrDefault();

    private static List<string> Ids(JsonElement page) =>
        page.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetString()!).ToList();
}
