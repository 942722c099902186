using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Geographie.Storage.Imports;
using Geographie.Tiles;
using NetTopologySuite.IO.VectorTiles;
using NetTopologySuite.IO.VectorTiles.Mapbox;

namespace Geographie.Api.Tests.Tiles;

public sealed class TileEndpointsTests : IClassFixture<GeographieApp>
{
    private readonly GeographieApp _app;

    public TileEndpointsTests(GeographieApp app) => _app = app;

    /// <summary>The tile of zoom <paramref name="z"/> holding the interior point of the largest Lyon perimeter.</summary>
    internal static (int Z, int X, int Y, string Code) LyonTile(int z)
    {
        var (code, perimeter) = Eligibility.RealPoints.LyonPerimeters.OrderByDescending(p => p.Perimeter.Area).First();
        var p = perimeter.InteriorPoint.Coordinate;
        var n = 1 << z;
        var x = (int)((p.X + 180) / 360 * n);
        var lat = p.Y * Math.PI / 180;
        var y = (int)((1 - Math.Log(Math.Tan(lat) + 1 / Math.Cos(lat)) / Math.PI) / 2 * n);
        return (z, x, y, code);
    }

    private static VectorTile Decode(byte[] bytes, int z, int x, int y) =>
        new MapboxTileReader().Read(new MemoryStream(bytes), new NetTopologySuite.IO.VectorTiles.Tiles.Tile(x, y, z));

    [Fact]
    public async Task A_tile_has_the_three_layers_with_their_properties()
    {
        var (z, x, y, code) = LyonTile(12);
        // As a map page of another origin asks: CORS headers answer an Origin (see HttpConventions).
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/tiles/{z}/{x}/{y}.mvt?geography=qpv2015");
        request.Headers.Add("Origin", "https://carto.example.fr");
        var response = await _app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.mapbox-vector-tile", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.NotNull(response.Headers.ETag);
        var tile = Decode(await response.Content.ReadAsByteArrayAsync(), z, x, y);
        var quartiers = tile.Layers.Single(l => l.Name == "quartiers");
        var feature = quartiers.Features.Single(f => (string)f.Attributes["code"] == code);
        Assert.Equal("qpv2015", feature.Attributes["geography"]);
        Assert.Equal(0L, Convert.ToInt64(feature.Attributes["projets"]));
        Assert.True(feature.Attributes.Exists("communes"));

        var (mz, mx, my, _) = (12, 2109, 1500, "");
        var marseille = Decode(await _app.Client.GetByteArrayAsync($"/tiles/{mz}/{mx}/{my}.mvt"), mz, mx, my);
        var communes = marseille.Layers.Single(l => l.Name == "communes");
        var commune = communes.Features.Single(f => (string)f.Attributes["insee"] == "13055");
        Assert.Equal(41L, Convert.ToInt64(commune.Attributes["qpv"]));
        Assert.True(Convert.ToInt64(commune.Attributes["projets"]) >= 33);
        Assert.Contains(marseille.Layers.Single(l => l.Name == "etablissements").Features, f => (string)f.Attributes["ep"] == "REP+");
    }

    [Fact]
    public async Task An_empty_tile_is_204_and_out_of_range_addresses_are_400()
    {
        var ocean = await _app.Client.GetAsync("/tiles/10/0/0.mvt");
        var tooDeep = await _app.Client.GetAsync("/tiles/21/0/0.mvt");
        var outside = await _app.Client.GetAsync("/tiles/3/8/1.mvt");
        var notANumber = await _app.Client.GetAsync("/tiles/a/0/0.mvt");
        var badFilter = await _app.Client.GetAsync("/tiles/3/4/2.mvt?defi=defi-99");

        Assert.Equal(HttpStatusCode.NoContent, ocean.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooDeep.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notANumber.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
        Assert.Contains("defi", await badFilter.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_ETag_gives_304_and_gzip_is_served_when_accepted()
    {
        var (z, x, y, _) = LyonTile(13);
        var url = $"/tiles/{z}/{x}/{y}.mvt?geography=qpv2015";
        var first = await _app.Client.GetAsync(url);
        var raw = await first.Content.ReadAsByteArrayAsync();

        using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var notModified = await _app.Client.SendAsync(conditional);

        using var zipped = new HttpRequestMessage(HttpMethod.Get, url);
        zipped.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        var gzip = await _app.Client.SendAsync(zipped);
        var compressed = await gzip.Content.ReadAsByteArrayAsync();
        using var inflated = new MemoryStream();
        await new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress).CopyToAsync(inflated);

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal("gzip", gzip.Content.Headers.ContentEncoding.Single());
        Assert.Equal(raw, inflated.ToArray());
        Assert.NotEqual(first.Headers.ETag, gzip.Headers.ETag);
    }

    [Fact]
    public async Task Filters_select_quartiers_by_their_projets()
    {
        var (z, x, y, _) = LyonTile(12);

        var filtered = await _app.Client.GetAsync($"/tiles/{z}/{x}/{y}.mvt?geography=qpv2015&orientation=orientation-1");
        var tile = Decode(await filtered.Content.ReadAsByteArrayAsync(), z, x, y);

        // No projet of the Contrat reaches Lyon: with a Contrat filter no Lyon quartier remains, communes still draw.
        Assert.Equal(HttpStatusCode.OK, filtered.StatusCode);
        Assert.Contains(tile.Layers, l => l.Name == "communes" && l.Features.Count > 0);
        Assert.True(tile.Layers.All(l => l.Name != "quartiers" || l.Features.Count == 0));
    }

    [Fact]
    public async Task TileJSON_describes_the_layers_and_their_fields()
    {
        var json = await _app.Client.GetFromJsonAsync<JsonElement>("/tiles/tiles.json");

        Assert.Equal("3.0.0", json.GetProperty("tilejson").GetString());
        Assert.EndsWith("/tiles/{z}/{x}/{y}.mvt", json.GetProperty("tiles")[0].GetString());
        var layers = json.GetProperty("vector_layers").EnumerateArray().ToDictionary(l => l.GetProperty("id").GetString()!);
        Assert.Equal(["communes", "etablissements", "quartiers"], layers.Keys.Order());
        foreach (var field in new[] { "code", "name", "communes", "geography", "projets", "defis", "orientations" })
        {
            Assert.True(layers["quartiers"].GetProperty("fields").TryGetProperty(field, out _), field);
        }
        Assert.Equal(4, json.GetProperty("bounds").GetArrayLength());
        Assert.Equal(20, json.GetProperty("maxzoom").GetInt32());
    }
}
