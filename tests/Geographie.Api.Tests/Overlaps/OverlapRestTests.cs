using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Geographie.Api.Data;
using Geographie.Import.Csv;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Geographie.Api.Tests.Overlaps;

public sealed class OverlapRestTests : IClassFixture<GeographieApp>
{
    private const string Vaulx = "69256";

    private readonly GeographieApp _app;

    public OverlapRestTests(GeographieApp app) => _app = app;

    [Fact]
    public async Task Rhone_communes_table_agrees_with_PostGis_in_json_and_csv()
    {
        var json = await GetJson("/v1/overlaps/communes?geography=qpv2015&departement=69");
        var zones = json.GetProperty("zones").EnumerateArray().ToArray();
        Assert.Equal(278, zones.Length);

        var areas = await Rows("SELECT insee, ST_Area(ST_Transform(outline, 2154)) FROM commune WHERE departement = '69'");
        var inQpv = await Rows("""
            SELECT c.insee, ST_Area(ST_Intersection(ST_Transform(c.outline, 2154), u.g))
            FROM commune c, (SELECT ST_Union(ST_Transform(perimeter, 2154)) g FROM quartier WHERE version = 'qpv2015' AND perimeter IS NOT NULL) u
            WHERE c.departement = '69'
            """);
        var pieces = await Rows("""
            SELECT c.insee || ' ' || q.code, ST_Area(ST_Intersection(ST_Transform(c.outline, 2154), ST_Transform(q.perimeter, 2154))),
                   ST_Area(ST_Transform(q.perimeter, 2154))
            FROM commune c JOIN quartier q ON q.version = 'qpv2015' AND ST_Intersects(c.outline, q.perimeter)
            WHERE c.departement = '69'
            """);
        var ours = new Dictionary<string, double>();
        foreach (var zone in zones)
        {
            var insee = zone.GetProperty("id").GetString()!;
            Tolerance.AssertArea(areas[insee][0], zone.GetProperty("zoneAreaM2").GetDouble(), insee);
            Tolerance.AssertArea(inQpv[insee][0], zone.GetProperty("qpvAreaM2").GetDouble(), insee + " in QPV");
            foreach (var q in zone.GetProperty("quartiers").EnumerateArray())
            {
                var key = insee + " " + q.GetProperty("code").GetString();
                ours[key] = q.GetProperty("intersectionM2").GetDouble();
                Tolerance.AssertArea(pieces[key][0], ours[key], key);
                Assert.Equal(pieces[key][0] / pieces[key][1], q.GetProperty("shareOfQuartier").GetDouble(), 1e-4);
            }
        }

        // Every positive PostGIS piece is answered; edge contacts (zero area) are not listed.
        Assert.All(pieces.Where(p => p.Value[0] > 1.0), p => Assert.True(ours.ContainsKey(p.Key), p.Key));
        Assert.Contains(zones, z => z.GetProperty("id").GetString() == Vaulx && z.GetProperty("quartiers").GetArrayLength() > 0);

        var csv = await _app.Client.GetStringAsync("/v1/overlaps/communes?geography=qpv2015&departement=69&format=csv");
        using var reader = CsvRowReader.Open(new StringReader(csv), out var header);
        var column = header!.Select((name, i) => (name, i)).ToDictionary(c => c.name, c => c.i);
        var rows = new List<IReadOnlyList<string>>();
        while (reader.ReadRow() is { } row)
        {
            rows.Add(row);
        }

        Assert.Equal(278, rows.Select(r => r[column["zone_id"]]).Distinct().Count());
        var csvPieces = rows.Where(r => r[column["quartier_code"]].Length > 0)
            .ToDictionary(r => r[column["zone_id"]] + " " + r[column["quartier_code"]], r => double.Parse(r[column["intersection_m2"]], CultureInfo.InvariantCulture));
        Assert.Equal(ours.OrderBy(p => p.Key), csvPieces.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task A_commune_whose_register_quartiers_lack_perimeters_is_answered_incomplete_with_their_codes()
    {
        var zone = (await GetJson($"/v1/overlaps?commune={Vaulx}&geography=qpv2024")).GetProperty("zones")[0];
        var expected = (await Rows($"""
            SELECT DISTINCT qc.code, 0 FROM quartier_commune qc JOIN quartier q USING (version, code)
            WHERE qc.version = 'qpv2024' AND qc.insee = '{Vaulx}' AND q.perimeter IS NULL
            """)).Keys.Order(StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(expected);
        Assert.False(zone.GetProperty("complete").GetBoolean());
        Assert.Equal(expected, zone.GetProperty("missing").EnumerateArray().Select(m => m.GetString()).ToArray());
        Assert.Equal(0, zone.GetProperty("quartiers").GetArrayLength());

        // The 2015 register is not loaded: never a whole answer, even where perimeters were found.
        var lyon2015 = (await GetJson($"/v1/overlaps?commune={Vaulx}&geography=qpv2015")).GetProperty("zones")[0];
        Assert.False(lyon2015.GetProperty("complete").GetBoolean());
        Assert.Contains("register", lyon2015.GetProperty("incompleteReason").GetString());
        Assert.True(lyon2015.GetProperty("qpvAreaM2").GetDouble() > 0);

        // A commune with no QPV in the whole 2024 register is answered whole, with nothing in QPV.
        var without = (await Rows("""
            SELECT insee, 0 FROM commune WHERE outline IS NOT NULL
              AND insee NOT IN (SELECT insee FROM quartier_commune WHERE version = 'qpv2024' AND insee IS NOT NULL)
            """)).Keys.Order(StringComparer.Ordinal).First();
        var whole = (await GetJson($"/v1/overlaps?commune={without}&geography=qpv2024")).GetProperty("zones")[0];
        Assert.True(whole.GetProperty("complete").GetBoolean());
        Assert.Equal(0, whole.GetProperty("qpvAreaM2").GetDouble());

        // Paris has no shipped outline: the register cannot be placed there.
        var paris = await PostZones("""{"type":"Polygon","coordinates":[[[2.30,48.85],[2.35,48.85],[2.35,48.87],[2.30,48.87],[2.30,48.85]]]}""", "?geography=qpv2024");
        Assert.Equal(HttpStatusCode.OK, paris.StatusCode);
        var parisZone = (await paris.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("zones")[0];
        Assert.False(parisZone.GetProperty("complete").GetBoolean());
        Assert.Contains("outside the shipped commune outlines", parisZone.GetProperty("incompleteReason").GetString());
    }

    [Fact]
    public async Task Wgs84_and_Lambert93_twins_of_a_zone_get_the_same_figures()
    {
        var twins = await Rows($"SELECT ST_AsGeoJSON(outline, 15), 0 FROM commune WHERE insee = '{Vaulx}'");
        var wgs84 = twins.Keys.Single();
        var lambert = (await Rows($"SELECT ST_AsGeoJSON(ST_Transform(outline, 2154), 6), 0 FROM commune WHERE insee = '{Vaulx}'")).Keys.Single();
        var a = await ZoneOf(await PostZones(wgs84, "?geography=qpv2015"));
        var b = await ZoneOf(await PostZones(lambert, "?geography=qpv2015&crs=EPSG:2154"));
        var c = await ZoneOf(await PostZones(
            $$$"""{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::2154"}},"features":[{"type":"Feature","id":"vaulx","properties":{},"geometry":{{{lambert}}}}]}""",
            "?geography=qpv2015"));
        Assert.Equal("vaulx", c.GetProperty("id").GetString());
        foreach (var twin in new[] { b, c })
        {
            Tolerance.AssertArea(a.GetProperty("zoneAreaM2").GetDouble(), twin.GetProperty("zoneAreaM2").GetDouble(), "zone");
            Tolerance.AssertArea(a.GetProperty("qpvAreaM2").GetDouble(), twin.GetProperty("qpvAreaM2").GetDouble(), "in QPV");
            Assert.Equal(
                a.GetProperty("quartiers").EnumerateArray().Select(q => q.GetProperty("code").GetString()),
                twin.GetProperty("quartiers").EnumerateArray().Select(q => q.GetProperty("code").GetString()));
        }

        Assert.True(a.GetProperty("qpvAreaM2").GetDouble() > 0);
    }

    [Fact]
    public async Task GeoJson_answer_holds_the_intersections_PostGis_measures()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/overlaps?commune=69266&geography=qpv2015");
        request.Headers.Accept.ParseAdd("application/geo+json");
        var response = await _app.Client.SendAsync(request);
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        var features = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("features").EnumerateArray().ToArray();
        Assert.NotEmpty(features);
        foreach (var feature in features)
        {
            var area = (await Rows($"SELECT 'a', ST_Area(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON('{feature.GetProperty("geometry").GetRawText()}'), 4326), 2154))"))["a"][0];
            var properties = feature.GetProperty("properties");
            Tolerance.AssertArea(area, properties.GetProperty("intersectionM2").GetDouble(), properties.GetProperty("code").GetString()!);
        }
    }

    [Fact]
    public async Task Invalid_zones_are_refused_naming_the_feature_and_the_fault()
    {
        var valid = """{"type":"Feature","id":"ok","properties":{},"geometry":{"type":"Polygon","coordinates":[[[4.90,45.75],[4.92,45.75],[4.92,45.77],[4.90,45.75]]]}}""";
        async Task Refused(string body, params string[] expected)
        {
            var response = await PostZones(body, "?geography=qpv2015");
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
            Assert.All(expected, e => Assert.Contains(e, text));
        }

        await Refused($$$"""{"type":"FeatureCollection","features":[{{{valid}}},{"type":"Feature","id":"open","properties":{},"geometry":{"type":"Polygon","coordinates":[[[4.9,45.7],[4.95,45.7],[4.95,45.75]]]}}]}""",
            "feature 2", "open", "closed");
        await Refused("""{"type":"Polygon","coordinates":[[[40.9,45.7],[40.95,45.7],[40.95,45.75],[40.9,45.7]]]}""", "feature 1", "outside France");
        await Refused("""{"type":"Feature","id":"polar hole","properties":{},"geometry":{"type":"Polygon","coordinates":[[[4.9,45.7],[4.95,45.7],[4.95,45.75],[4.9,45.7]],[[4.94,95],[4.945,45.71],[4.94,45.72],[4.94,95]]]}}""",
            "polar hole", "outside France");
        await Refused("""{"type":"Polygon","coordinates":[]}""", "empty geometry");
        await Refused("""{"type":"Feature","id":"line","properties":{},"geometry":{"type":"LineString","coordinates":[[4.9,45.7],[4.95,45.7]]}}""", "line", "LineString");
        await Refused("""{"type":"MultiPolygon","coordinates":[[[[-61.5,16.2],[-61.4,16.2],[-61.4,16.3],[-61.5,16.2]]],[[[2.3,48.8],[2.4,48.8],[2.4,48.9],[2.3,48.8]]]]}""", "two territories");
        await Refused("""{"type":"Polygon","coordinates":[[[890000,6520000],[891000,6520000],[891000,6521000],[890000,6520000]]]}""", "crs=EPSG:2154");
        await Refused("not json", "not JSON");
        await Refused("""{"type":"Point","coordinates":[4.9,45.7]}""", "Polygon, MultiPolygon, Feature or FeatureCollection");

        // A bow-tie is repaired, measured, and the answer says so.
        var bowTie = await PostZones("""{"type":"Polygon","coordinates":[[[4.9,45.7],[4.95,45.75],[4.95,45.7],[4.9,45.75],[4.9,45.7]]]}""", "?geography=qpv2015");
        var zone = await ZoneOf(bowTie);
        Assert.Contains("Self-intersection", zone.GetProperty("repaired").GetString());
        Assert.True(zone.GetProperty("zoneAreaM2").GetDouble() > 0);
    }

    [Fact]
    public async Task More_zones_than_the_limit_get_413()
    {
        await using var limited = _app.Factory.WithWebHostBuilder(web => web.UseSetting("Geographie:MaxOverlapZones", "2"));
        await limited.Services.GetRequiredService<SnapshotRefresher>().RefreshAsync(CancellationToken.None);
        var feature = """{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[4.90,45.75],[4.92,45.75],[4.92,45.77],[4.90,45.75]]]}}""";
        var three = $$"""{"type":"FeatureCollection","features":[{{feature}},{{feature}},{{feature}}]}""";
        var two = $$"""{"type":"FeatureCollection","features":[{{feature}},{{feature}}]}""";
        var client = limited.CreateClient();
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await client.PostAsync("/v1/overlaps", new StringContent(three, Encoding.UTF8, "application/geo+json"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/v1/overlaps", new StringContent(two, Encoding.UTF8, "application/geo+json"))).StatusCode);
    }

    [Fact]
    public async Task Faults_cut_bodies_and_limits_are_found_past_the_first_chunks()
    {
        // 150 zones, three chunks of up to 64: the request thread reads a chunk ahead of the one it waits for, so a fault
        // in the second chunk is found while the third is read, one in the third after the loop, and a cut body or a
        // count past the limit while the second is still measured.
        static string Zone(int i, string ring = "[[4.90,45.75],[4.92,45.75],[4.92,45.77],[4.90,45.75]]") =>
            $$$"""{"type":"Feature","id":"z{{{i}}}","properties":{},"geometry":{"type":"Polygon","coordinates":[{{{ring}}}]}}""";
        var zones = Enumerable.Range(1, 150).Select(i => Zone(i)).ToArray();
        string Collection(IEnumerable<string> features) => $$"""{"type":"FeatureCollection","features":[{{string.Join(",", features)}}]}""";

        var whole = await PostZones(Collection(zones), "?geography=qpv2015");
        Assert.True(whole.IsSuccessStatusCode, await whole.Content.ReadAsStringAsync());
        var ids = (await whole.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("zones").EnumerateArray().Select(z => z.GetProperty("id").GetString()).ToArray();
        Assert.Equal(Enumerable.Range(1, 150).Select(i => $"z{i}"), ids);

        foreach (var position in new[] { 100, 130 })
        {
            var open = zones.ToArray();
            open[position - 1] = Zone(position, "[[4.9,45.7],[4.95,45.7],[4.95,45.75]]");
            var refused = await PostZones(Collection(open), "?geography=qpv2015");
            var refusal = await refused.Content.ReadAsStringAsync();
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, refusal);
            Assert.Contains($"feature {position} ", refusal);
            Assert.Contains($"z{position}", refusal);
        }

        var cut = await PostZones(Collection(zones)[..^2], "?geography=qpv2015");
        var cutText = await cut.Content.ReadAsStringAsync();
        Assert.True(cut.StatusCode == HttpStatusCode.BadRequest, cutText);
        Assert.Contains("the body is not JSON", cutText);

        await using var limited = _app.Factory.WithWebHostBuilder(web => web.UseSetting("Geographie:MaxOverlapZones", "140"));
        await limited.Services.GetRequiredService<SnapshotRefresher>().RefreshAsync(CancellationToken.None);
        var tooMany = await limited.CreateClient().PostAsync("/v1/overlaps", new StringContent(Collection(zones), Encoding.UTF8, "application/geo+json"));
        var tooManyText = await tooMany.Content.ReadAsStringAsync();
        Assert.True(tooMany.StatusCode == HttpStatusCode.RequestEntityTooLarge, tooManyText);
        Assert.Contains("150 zones", tooManyText);
    }

    private async Task<JsonElement> GetJson(string path)
    {
        var response = await _app.Client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<HttpResponseMessage> PostZones(string body, string query) =>
        _app.Client.PostAsync("/v1/overlaps" + query, new StringContent(body, Encoding.UTF8, "application/geo+json"));

    private static async Task<JsonElement> ZoneOf(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("zones")[0];
    }

    /// <summary>First column as key, the other (numeric) columns as values.</summary>
    private async Task<Dictionary<string, double[]>> Rows(string sql)
    {
        await using var command = _app.Database.DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<string, double[]>();
        while (await reader.ReadAsync())
        {
            rows[reader.GetString(0)] = Enumerable.Range(1, reader.FieldCount - 1).Select(i => Convert.ToDouble(reader.GetValue(i), CultureInfo.InvariantCulture)).ToArray();
        }

        return rows;
    }
}
