using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Geographie.Storage.Imports;
using Geographie.Testing;
using NetTopologySuite.IO.VectorTiles.Mapbox;

namespace Geographie.Api.Tests.Tiles;

/// <summary>A new import changes the tiles as soon as /readyz shows the new revision: never an old tile after that.</summary>
public sealed class TileInvalidationTests : IClassFixture<GeographieApp>
{
    private readonly GeographieApp _app;

    public TileInvalidationTests(GeographieApp app) => _app = app;

    [Fact]
    public async Task After_an_import_the_cached_tile_is_rebuilt_from_the_new_data()
    {
        var (z, x, y, code) = TileEndpointsTests.LyonTile(11);
        var url = $"/tiles/{z}/{x}/{y}.mvt?geography=qpv2015";
        var before = await _app.Client.GetAsync(url);
        Assert.Contains(Codes(await before.Content.ReadAsByteArrayAsync(), z, x, y), c => c == code);

        var collection = JsonNode.Parse(await File.ReadAllTextAsync(Geodata.Path("qpv2015/qpv2015_metropole_lyon.geojson")))!.AsObject();
        var features = collection["features"]!.AsArray();
        features.Remove(features.First(f => f!["properties"]!["CODE_QP"]!.GetValue<string>() == code));
        var newer = Path.Combine(Directory.CreateTempSubdirectory("geographie-tiles-").FullName, "lyon-newer.geojson");
        await File.WriteAllTextAsync(newer, collection.ToJsonString());
        try
        {
            Assert.Equal(ImportStatus.Applied, (await new GeographyImporter(_app.Database.DataSource).ImportPerimetersAsync(newer)).Status);
            await _app.RefreshAsync();
            var ready = await _app.Client.GetFromJsonAsync<JsonElement>("/readyz");
            Assert.Equal(36, ready.GetProperty("geographies").EnumerateArray().Single(g => g.GetProperty("code").GetString() == "qpv2015").GetProperty("perimetersLoaded").GetInt32());

            using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
            conditional.Headers.IfNoneMatch.Add(before.Headers.ETag!);
            var after = await _app.Client.SendAsync(conditional);

            Assert.Equal(HttpStatusCode.OK, after.StatusCode);
            Assert.DoesNotContain(Codes(await after.Content.ReadAsByteArrayAsync(), z, x, y), c => c == code);
        }
        finally
        {
            await new GeographyImporter(_app.Database.DataSource).ImportPerimetersAsync(Geodata.Path("qpv2015/qpv2015_metropole_lyon.geojson"));
            await _app.RefreshAsync();
        }
    }

    private static IEnumerable<string> Codes(byte[] bytes, int z, int x, int y) =>
        new MapboxTileReader().Read(new MemoryStream(bytes), new NetTopologySuite.IO.VectorTiles.Tiles.Tile(x, y, z))
            .Layers.Where(l => l.Name == "quartiers").SelectMany(l => l.Features).Select(f => (string)f.Attributes["code"]);
}
