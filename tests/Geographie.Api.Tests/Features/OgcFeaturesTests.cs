using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using NetTopologySuite.IO.Converters;

namespace Geographie.Api.Tests.Features;

/// <summary>
/// OGC API Features (<c>/ogc</c>) in memory over the shipped data: documents, paging, filters against PostGIS, formats
/// and errors.
/// </summary>
public sealed class OgcFeaturesTests : IClassFixture<GeographieApp>
{
    private readonly GeographieApp _app;

    public OgcFeaturesTests(GeographieApp app) => _app = app;

    [Fact]
    public async Task The_landing_page_links_itself_the_OpenAPI_3_0_definition_the_conformance_and_the_collections()
    {
        var (landing, type) = await Get("/ogc/");
        var links = landing.GetProperty("links").EnumerateArray().ToDictionary(l => l.GetProperty("rel").GetString()!, l => l.GetProperty("href").GetString()!);

        Assert.Equal("application/json", type);
        Assert.Equal(landing.GetRawText(), (await Get("/ogc")).Json.GetRawText());
        Assert.Equal(["conformance", "data", "self", "service-desc"], links.Keys.Order());
        var (definition, _) = await Get(links["service-desc"]);
        Assert.StartsWith("3.0", definition.GetProperty("openapi").GetString());
        var items = definition.GetProperty("paths").GetProperty("/ogc/collections/{collectionId}/items").GetProperty("get");
        Assert.Equal(["bbox", "code", "collectionId", "datetime", "departement", "f", "insee", "limit", "offset", "revision"],
            items.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).Order());
        Assert.Equal(3, (await Get(links["data"])).Json.GetProperty("collections").GetArrayLength());
        var (conformance, _) = await Get(links["conformance"]);
        Assert.Equal(
            ["http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core", "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson", "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30"],
            conformance.GetProperty("conformsTo").EnumerateArray().Select(c => c.GetString()!).Order());
    }

    [Fact]
    public async Task Collections_are_the_editions_with_quartiers_then_the_communes_with_the_extents_of_PostGIS()
    {
        var (collections, _) = await Get("/ogc/collections");
        var byId = collections.GetProperty("collections").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!);

        Assert.Equal(["qpv2024", "qpv2015", "communes"], collections.GetProperty("collections").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        AssertBbox(await Extent("SELECT perimeter FROM quartier WHERE version = 'qpv2015'"), byId["qpv2015"]);
        AssertBbox(await Extent("SELECT outline FROM commune"), byId["communes"]);
        // The 2024 register has no perimeter here: no spatial extent, and the interval is open (still in force).
        Assert.False(byId["qpv2024"].GetProperty("extent").TryGetProperty("spatial", out _));
        Assert.Equal("[\"2024-01-01T00:00:00Z\",null]", byId["qpv2024"].GetProperty("extent").GetProperty("temporal").GetProperty("interval")[0].GetRawText());
        Assert.Equal("[\"2015-01-01T00:00:00Z\",\"2024-12-31T23:59:59Z\"]", byId["qpv2015"].GetProperty("extent").GetProperty("temporal").GetProperty("interval")[0].GetRawText());
        var (one, _) = await Get("/ogc/collections/qpv2015");
        Assert.Equal(byId["qpv2015"].GetRawText(), one.GetRawText());

        // The JSON Schema it links to types every property, those null throughout a page included.
        var (schema, schemaType) = await Get(Link(one, "describedby")!);
        var types = schema.GetProperty("properties").GetProperty("properties").GetProperty("properties");
        Assert.Equal("application/schema+json", schemaType);
        Assert.Equal(["area_m2:number", "code:string", "communes:string", "defis:integer", "departement:string", "edition:string", "insee:string", "name:string", "projets:integer"],
            types.EnumerateObject().Select(p => $"{p.Name}:{p.Value.GetProperty("type").GetString()}").Order());
    }

    [Theory]
    [InlineData("qpv2024", 250, "SELECT code FROM quartier WHERE version = 'qpv2024' ORDER BY code COLLATE \"C\"")]
    [InlineData("qpv2015", 10, "SELECT code FROM quartier WHERE version = 'qpv2015' ORDER BY code COLLATE \"C\"")]
    [InlineData("communes", 50, "SELECT insee FROM commune WHERE outline IS NOT NULL ORDER BY insee COLLATE \"C\"")]
    public async Task Paging_gives_every_feature_exactly_once_in_id_order_and_no_next_link_on_the_last_page(string collection, int limit, string sql)
    {
        var expected = await Codes(sql);
        var seen = new List<string>();
        string? url = $"/ogc/collections/{collection}/items?limit={limit}";
        var pages = 0;
        while (url is not null)
        {
            var (page, type) = await Get(url);
            Assert.Equal("application/geo+json", type);
            Assert.Equal(expected.Count, page.GetProperty("numberMatched").GetInt32());
            var ids = page.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetString()!).ToArray();
            Assert.Equal(ids.Length, page.GetProperty("numberReturned").GetInt32());
            Assert.Equal(pages > 0, Link(page, "prev") is not null);
            Assert.True(DateTimeOffset.TryParse(page.GetProperty("timeStamp").GetString(), CultureInfo.InvariantCulture, out _));
            seen.AddRange(ids);
            url = Link(page, "next");
            pages++;
        }

        Assert.Equal(expected, seen);
        Assert.Equal((expected.Count + limit - 1) / limit, pages);
    }

    [Theory]
    [InlineData("qpv2015", "perimeter", "version = 'qpv2015'", 4.76, 45.58, 5.02, 45.89)]
    [InlineData("communes", "outline", "true", 5.2, 43.2, 5.6, 43.5)]
    public async Task Bbox_selects_the_features_PostGIS_finds_intersecting_the_box(string collection, string column, string where, double minX, double minY, double maxX, double maxY)
    {
        var random = new Random(42);
        var nonEmpty = 0;
        for (var box = 0; box < 25; box++)
        {
            var width = 0.002 + random.NextDouble() * 0.05;
            var x = minX + random.NextDouble() * (maxX - minX - width);
            var y = minY + random.NextDouble() * (maxY - minY - width);
            var bbox = string.Create(CultureInfo.InvariantCulture, $"{x:R},{y:R},{x + width:R},{y + width:R}");
            var id = collection == "communes" ? "insee" : "code";
            var expected = await Codes(string.Create(CultureInfo.InvariantCulture,
                $"SELECT {id} FROM {(collection == "communes" ? "commune" : "quartier")} WHERE {where} AND {column} && ST_MakeEnvelope({x:R}, {y:R}, {x + width:R}, {y + width:R}, 4326) AND ST_Intersects({column}, ST_MakeEnvelope({x:R}, {y:R}, {x + width:R}, {y + width:R}, 4326)) ORDER BY {id} COLLATE \"C\""));

            var (page, _) = await Get($"/ogc/collections/{collection}/items?limit=10000&bbox={bbox}");

            Assert.Equal(expected, Ids(page));
            nonEmpty += expected.Count > 0 ? 1 : 0;
        }
        Assert.True(nonEmpty >= 5, $"only {nonEmpty} of the boxes hold a feature: the comparison proves little");
    }

    [Fact]
    public async Task Filters_by_code_commune_and_departement_agree_with_PostGIS()
    {
        Assert.Equal(await Codes("SELECT code FROM quartier WHERE version = 'qpv2024' AND departement = '13' ORDER BY code COLLATE \"C\""),
            Ids((await Get("/ogc/collections/qpv2024/items?departement=13&limit=1000")).Json));
        Assert.Equal(await Codes("SELECT code FROM quartier_commune WHERE version = 'qpv2024' AND insee = '13055' GROUP BY code ORDER BY code COLLATE \"C\""),
            Ids((await Get("/ogc/collections/qpv2024/items?insee=13055&limit=1000")).Json));
        Assert.Equal(["13055"], Ids((await Get("/ogc/collections/communes/items?insee=13055")).Json));
        Assert.Empty(Ids((await Get("/ogc/collections/qpv2015/items?departement=13")).Json));

        var (fraisVallon, _) = await Get("/ogc/collections/qpv2024/items?code=QN01344M&departement=13&insee=13055");
        var properties = fraisVallon.GetProperty("features")[0].GetProperty("properties");
        var (detail, _) = await Get("/v1/quartiers/QN01344M");
        Assert.Equal(["QN01344M"], Ids(fraisVallon));
        Assert.Equal(detail.GetProperty("name").GetString(), properties.GetProperty("name").GetString());
        Assert.Equal(detail.GetProperty("projets").GetArrayLength(), properties.GetProperty("projets").GetInt32());
        Assert.Equal(detail.GetProperty("defis").GetArrayLength(), properties.GetProperty("defis").GetInt32());
        Assert.True(properties.GetProperty("projets").GetInt32() > 0);
    }

    [Theory]
    [InlineData("qpv2015", "2023-12-31", "version = 'qpv2015'")]
    [InlineData("qpv2015", "2024-06-01", "false")]
    [InlineData("qpv2015", "2023-06-01T12:00:00Z/..", "version = 'qpv2015'")]
    [InlineData("qpv2024", "2024-06-01", "version = 'qpv2024' AND departement NOT LIKE '97%'")]
    [InlineData("qpv2024", "2025-06-01T00:00:00Z", "version = 'qpv2024'")]
    [InlineData("qpv2024", "../2023-12-31", "false")]
    public async Task Datetime_keeps_the_quartiers_in_force_then_metropolitan_and_overseas_dates_apart(string collection, string datetime, string where)
    {
        var expected = await Codes($"SELECT code FROM quartier WHERE {where} ORDER BY code COLLATE \"C\"");
        var (page, _) = await Get($"/ogc/collections/{collection}/items?limit=10000&datetime={Uri.EscapeDataString(datetime)}");
        Assert.Equal(expected, Ids(page));
    }

    [Fact]
    public async Task One_feature_is_GeoJSON_with_the_geometry_of_record_and_its_links()
    {
        var code = (await Codes("SELECT code FROM quartier WHERE version = 'qpv2015' ORDER BY code COLLATE \"C\" LIMIT 1"))[0];
        var (feature, type) = await Get($"/ogc/collections/qpv2015/items/{code}");

        Assert.Equal("application/geo+json", type);
        Assert.Equal(code, feature.GetProperty("id").GetString());
        Assert.Equal(["collection", "self"], feature.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("rel").GetString()).Order());
        var geometry = feature.GetProperty("geometry").Deserialize<Geometry>(new JsonSerializerOptions { Converters = { new GeoJsonConverterFactory() } })!;
        Assert.True(geometry.EqualsExact(await Perimeter(code), 0), "the served geometry differs from PostGIS's");
        Assert.Equal(await _app.Database.ScalarAsync<double>($"SELECT area_m2 FROM quartier WHERE version = 'qpv2015' AND code = '{code}'"),
            feature.GetProperty("properties").GetProperty("area_m2").GetDouble());
    }

    [Theory]
    [InlineData("?f=csv", null)]
    [InlineData("", "text/csv")]
    public async Task Csv_has_one_row_per_feature_with_its_geometry_as_WKT(string query, string? accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ogc/collections/qpv2015/items" + query);
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }
        using var response = await _app.Client.SendAsync(request);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("code,name,edition,departement,communes,insee,area_m2,projets,defis,wkt", lines[0]);
        var codes = await Codes("SELECT code FROM quartier WHERE version = 'qpv2015' ORDER BY code COLLATE \"C\"");
        Assert.Equal(codes, lines.Skip(1).Select(l => l[..l.IndexOf(',', StringComparison.Ordinal)]));
        var wkt = lines[1][(lines[1].IndexOf("\"MULTIPOLYGON", StringComparison.Ordinal) + 1)..].TrimEnd('"', '\r');
        Assert.True(new WKTReader().Read(wkt).EqualsExact(await Perimeter(codes[0]), 1e-12), "the CSV geometry differs from PostGIS's");
    }

    [Fact]
    public async Task A_limit_beyond_the_maximum_is_served_as_the_maximum()
    {
        var (page, _) = await Get("/ogc/collections/qpv2024/items?limit=50000");

        Assert.Equal(await _app.Database.ScalarAsync<long>("SELECT count(*) FROM quartier WHERE version = 'qpv2024'"), page.GetProperty("numberReturned").GetInt32());
        Assert.Contains("limit=10000", Link(page, "alternate"));
        Assert.Null(Link(page, "next"));
    }

    [Theory]
    [InlineData("/ogc/collections/nope", HttpStatusCode.NotFound, null)]
    [InlineData("/ogc/collections/nope/items", HttpStatusCode.NotFound, null)]
    [InlineData("/ogc/collections/qpv2015/items/QP000000", HttpStatusCode.NotFound, null)]
    [InlineData("/ogc/collections?foo=1", HttpStatusCode.BadRequest, "foo")]
    [InlineData("/ogc/collections/qpv2015?f=csv", HttpStatusCode.BadRequest, "f")]
    [InlineData("/ogc/collections/qpv2015/items?foo=1", HttpStatusCode.BadRequest, "foo")]
    [InlineData("/ogc/collections/qpv2015/items?bbox=4.8,45.7,4.9", HttpStatusCode.BadRequest, "bbox")]
    [InlineData("/ogc/collections/qpv2015/items?bbox=4.8,45.7,4.9,north", HttpStatusCode.BadRequest, "bbox")]
    [InlineData("/ogc/collections/qpv2015/items?bbox=4.8,45.8,4.9,45.7", HttpStatusCode.BadRequest, "bbox")]
    [InlineData("/ogc/collections/qpv2015/items?bbox=4.8,45.7,4.9,95.8", HttpStatusCode.BadRequest, "bbox")]
    [InlineData("/ogc/collections/qpv2015/items?bbox=4.8,45.7,4.9,NaN", HttpStatusCode.BadRequest, "bbox")]
    [InlineData("/ogc/collections/qpv2015/items?limit=0", HttpStatusCode.BadRequest, "limit")]
    [InlineData("/ogc/collections/qpv2015/items?limit=ten", HttpStatusCode.BadRequest, "limit")]
    [InlineData("/ogc/collections/qpv2015/items?limit=1&limit=2", HttpStatusCode.BadRequest, "limit")]
    [InlineData("/ogc/collections/qpv2015/items?offset=-1", HttpStatusCode.BadRequest, "offset")]
    [InlineData("/ogc/collections/qpv2015/items?f=xml", HttpStatusCode.BadRequest, "f")]
    [InlineData("/ogc/collections/qpv2015/items?datetime=yesterday", HttpStatusCode.BadRequest, "datetime")]
    [InlineData("/ogc/collections/qpv2015/items?datetime=2024-01-01/2023-01-01", HttpStatusCode.BadRequest, "datetime")]
    [InlineData("/ogc/collections/qpv2015/items?code=", HttpStatusCode.BadRequest, "code")]
    [InlineData("/ogc/collections/qpv2015/items?revision=latest", HttpStatusCode.BadRequest, "revision")]
    public async Task Bad_requests_get_a_problem_naming_the_fault(string url, HttpStatusCode status, string? field)
    {
        using var response = await _app.Client.GetAsync(url);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field is null)
        {
            Assert.Contains("'", problem.GetProperty("detail").GetString());
        }
        else
        {
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("errors").GetProperty(field)[0].GetString()));
        }
    }

    private async Task<(JsonElement Json, string? MediaType)> Get(string url)
    {
        using var response = await _app.Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
        return (JsonDocument.Parse(body).RootElement.Clone(), response.Content.Headers.ContentType?.MediaType);
    }

    private static string? Link(JsonElement document, string rel) =>
        document.GetProperty("links").EnumerateArray().Where(l => l.GetProperty("rel").GetString() == rel).Select(l => l.GetProperty("href").GetString()).FirstOrDefault();

    private static List<string> Ids(JsonElement page) =>
        page.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetString()!).ToList();

    private async Task<List<string>> Codes(string sql)
    {
        await using var command = _app.Database.DataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var codes = new List<string>();
        while (await reader.ReadAsync())
        {
            codes.Add(reader.GetString(0));
        }
        return codes;
    }

    private async Task<Geometry> Perimeter(string code)
    {
        await using var command = _app.Database.DataSource.CreateCommand($"SELECT perimeter FROM quartier WHERE version = 'qpv2015' AND code = '{code}'");
        return (Geometry)(await command.ExecuteScalarAsync())!;
    }

    // From the vertices, not ST_Extent: PostGIS keeps bounding boxes in single precision, rounded outwards.
    private async Task<Envelope> Extent(string sql)
    {
        await using var command = _app.Database.DataSource.CreateCommand(
            $"SELECT min(ST_X(p.geom)), max(ST_X(p.geom)), min(ST_Y(p.geom)), max(ST_Y(p.geom)) FROM ({sql}) AS s(g), ST_DumpPoints(s.g) AS p");
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return new Envelope(reader.GetDouble(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3));
    }

    private static void AssertBbox(Envelope expected, JsonElement collection)
    {
        var bbox = collection.GetProperty("extent").GetProperty("spatial").GetProperty("bbox")[0].EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal([expected.MinX, expected.MinY, expected.MaxX, expected.MaxY], bbox, (a, b) => Math.Abs(a - b) < 1e-9);
    }
}
