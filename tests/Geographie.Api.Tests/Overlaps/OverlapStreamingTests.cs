using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Geographie.Testing;

namespace Geographie.Api.Tests.Overlaps;

/// <summary>
/// POST /v1/overlaps reads its body feature by feature through a small buffer: features straddling the buffer's
/// refills, a feature larger than the buffer, a byte-order mark and a late <c>crs</c> member must all read as the
/// whole document would.
/// </summary>
public sealed class OverlapStreamingTests : IClassFixture<GeographieApp>
{
    private readonly GeographieApp _app;

    public OverlapStreamingTests(GeographieApp app) => _app = app;

    [Fact]
    public async Task The_Rhone_communes_posted_as_a_file_get_the_figures_of_their_shipped_outlines()
    {
        // The shipped file itself (295 kB, several buffer refills), ids from its "code" property.
        var file = await File.ReadAllBytesAsync(Geodata.Path("admin/communes_69.geojson"));
        var posted = await ZonesOf(await Post(file, "?geography=qpv2015&id=code"));
        var shipped = (await (await _app.Client.GetAsync("/v1/overlaps/communes?geography=qpv2015&departement=69")).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("zones").EnumerateArray().ToDictionary(z => z.GetProperty("id").GetString()!);
        Assert.Equal(278, posted.Length);
        Assert.Equal(shipped.Keys.Order(StringComparer.Ordinal), posted.Select(z => z.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
        foreach (var zone in posted)
        {
            var id = zone.GetProperty("id").GetString()!;
            Tolerance.AssertArea(shipped[id].GetProperty("zoneAreaM2").GetDouble(), zone.GetProperty("zoneAreaM2").GetDouble(), id);
            Tolerance.AssertArea(shipped[id].GetProperty("qpvAreaM2").GetDouble(), zone.GetProperty("qpvAreaM2").GetDouble(), id + " in QPV");
        }

        Assert.Contains(posted, z => z.GetProperty("qpvAreaM2").GetDouble() > 0);
    }

    [Fact]
    public async Task A_feature_larger_than_the_read_buffer_is_read_whole_between_small_ones()
    {
        // Real polygons: the 111 Marseille quartiers (not QPV) gathered as one MultiPolygon zone of about 2 MB,
        // between two copies of a small zone; the big one's area must be PostGIS's, the small ones must agree.
        using var quartiers = JsonDocument.Parse(await File.ReadAllBytesAsync(Geodata.Path("admin/quartiers_marseille_111.geojson")));
        var polygons = quartiers.RootElement.GetProperty("features").EnumerateArray()
            .Select(f => f.GetProperty("geometry"))
            .SelectMany(g => g.GetProperty("type").GetString() == "Polygon"
                ? [g.GetProperty("coordinates").GetRawText()]
                : g.GetProperty("coordinates").EnumerateArray().Select(p => p.GetRawText()))
            .ToArray();
        var big = $$"""{"type":"MultiPolygon","coordinates":[{{string.Join(",", polygons)}}]}""";
        var small = """{"type":"Polygon","coordinates":[[[4.90,45.75],[4.92,45.75],[4.92,45.77],[4.90,45.75]]]}""";
        var body = $$"""{"type":"FeatureCollection","features":[{"type":"Feature","id":"a","properties":{},"geometry":{{small}}},{"type":"Feature","id":"big","properties":{},"geometry":{{big}}},{"type":"Feature","id":"b","properties":{},"geometry":{{small}}}]}""";
        Assert.True(big.Length > 1 << 20);

        var zones = await ZonesOf(await Post(Encoding.UTF8.GetBytes(body), "?geography=qpv2015"));
        Assert.Equal(["a", "big", "b"], zones.Select(z => z.GetProperty("id").GetString()));
        Assert.Equal(zones[0].GetProperty("zoneAreaM2").GetDouble(), zones[2].GetProperty("zoneAreaM2").GetDouble());
        await using var command = _app.Database.DataSource.CreateCommand("SELECT ST_Area(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(@g), 4326), 2154))");
        command.Parameters.AddWithValue("g", big);
        Tolerance.AssertArea((double)(await command.ExecuteScalarAsync())!, zones[1].GetProperty("zoneAreaM2").GetDouble(), "the 111 quartiers as one zone");
    }

    [Fact]
    public async Task A_byte_order_mark_is_skipped_and_a_crs_member_after_the_features_is_refused()
    {
        var feature = """{"type":"Feature","id":"z","properties":{},"geometry":{"type":"Polygon","coordinates":[[[4.90,45.75],[4.92,45.75],[4.92,45.77],[4.90,45.75]]]}}""";
        var withBom = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes($$"""{"type":"FeatureCollection","features":[{{feature}}]}""")).ToArray();
        Assert.Equal("z", (await ZonesOf(await Post(withBom, "?geography=qpv2015")))[0].GetProperty("id").GetString());

        var late = await Post(Encoding.UTF8.GetBytes(
            """{"type":"FeatureCollection","features":[""" + feature + """],"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::2154"}}}"""), "?geography=qpv2015");
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("crs member must come before features", await late.Content.ReadAsStringAsync());

        var cut = await Post(Encoding.UTF8.GetBytes($$"""{"type":"FeatureCollection","features":[{{feature}},"""), "?geography=qpv2015");
        Assert.Equal(HttpStatusCode.BadRequest, cut.StatusCode);
        Assert.Contains("not JSON", await cut.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_fault_in_the_last_zone_of_many_is_a_400_with_no_partial_answer()
    {
        var good = """{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[4.90,45.75],[4.92,45.75],[4.92,45.77],[4.90,45.75]]]}}""";
        var bad = """{"type":"Feature","id":"far","properties":{},"geometry":{"type":"Polygon","coordinates":[[[40.9,45.7],[40.95,45.7],[40.95,45.75],[40.9,45.7]]]}}""";
        var body = $$"""{"type":"FeatureCollection","features":[{{string.Join(",", Enumerable.Repeat(good, 200))}},{{bad}}]}""";
        var response = await Post(Encoding.UTF8.GetBytes(body), "?geography=qpv2015");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var fault = Assert.Single(JsonDocument.Parse(text).RootElement.GetProperty("errors").GetProperty("zones").EnumerateArray());
        Assert.StartsWith("feature 201 (id 'far')", fault.GetString());
        Assert.DoesNotContain("zoneAreaM2", text, StringComparison.Ordinal);
        var withoutTheFault = body.Replace("," + bad, string.Empty, StringComparison.Ordinal);
        Assert.Equal(200, (await ZonesOf(await Post(Encoding.UTF8.GetBytes(withoutTheFault), "?geography=qpv2015"))).Length);
    }

    [Fact]
    public async Task Zone_faults_are_French_by_default_and_English_on_request()
    {
        // A drawn triangle in the Atlantic, west of the Gironde: a zone outside France, named by its feature's id.
        const string atSea = """{"type":"FeatureCollection","features":[{"type":"Feature","id":"large","properties":{},"geometry":{"type":"Polygon","coordinates":[[[-15.2,45.7],[-15.1,45.7],[-15.1,45.8],[-15.2,45.7]]]}}]}""";
        var french = await (await Post(Encoding.UTF8.GetBytes(atSea), "?geography=qpv2015&lang=fr")).Content.ReadFromJsonAsync<JsonElement>();
        var english = await (await Post(Encoding.UTF8.GetBytes(atSea), "?geography=qpv2015&lang=en")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("feature 1 (id 'large') : coordonnées hors de France", french.GetProperty("detail").GetString());
        Assert.StartsWith("feature 1 (id 'large'): coordinates outside France", english.GetProperty("detail").GetString());

        var cut = Encoding.UTF8.GetBytes("""{"type":"FeatureCollection","features":[""");
        var cutFrench = await (await Post(cut, "?geography=qpv2015&lang=fr")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("le corps n'est pas du JSON", cutFrench.GetProperty("detail").GetString());
        var empty = await (await Post(Encoding.UTF8.GetBytes("""{"type":"FeatureCollection","features":[]}"""), "?geography=qpv2015&lang=fr"))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("la FeatureCollection ne contient aucune feature", empty.GetProperty("detail").GetString());

        // Vaulx-en-Velin holds 2024 register quartiers whose perimeters are not loaded offline: an incomplete answer, said in French.
        var vaulx = await (await _app.Client.GetAsync("/v1/overlaps?commune=69256&geography=qpv2024&lang=fr")).Content.ReadFromJsonAsync<JsonElement>();
        var zone = vaulx.GetProperty("zones")[0];
        Assert.False(zone.GetProperty("complete").GetBoolean());
        Assert.StartsWith("le registre qpv2024 compte des quartiers sans périmètre chargé à ", zone.GetProperty("incompleteReason").GetString());
    }

    private Task<HttpResponseMessage> Post(byte[] body, string query)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/geo+json");
        return _app.Client.PostAsync("/v1/overlaps" + query, content);
    }

    private static async Task<JsonElement[]> ZonesOf(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("zones").EnumerateArray().ToArray();
    }
}
