using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Geographie.Api.Tests.Http;

public sealed class ContratEndpointsTests : IClassFixture<GeographieApp>
{
    private readonly HttpClient _client;

    public ContratEndpointsTests(GeographieApp app) => _client = app.Client;

    private async Task<JsonElement> Get(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Defis_and_orientations_are_listed_in_French_with_their_sources()
    {
        var defis = await Get("/v1/defis");
        var orientations = await Get("/v1/orientations");

        Assert.Equal(10, defis.GetArrayLength());
        Assert.Equal(5, orientations.GetArrayLength());
        Assert.All(defis.EnumerateArray(), d => Assert.False(string.IsNullOrEmpty(d.GetProperty("source").GetProperty("section").GetString())));
        Assert.Equal("Grandir et s'épanouir", orientations[0].GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("", 34)]
    [InlineData("?orientation=orientation-1", 9)]
    [InlineData("?orientation=orientation-5", 3)]
    public async Task Projets_are_filtered_by_orientation(string query, int expected)
    {
        Assert.Equal(expected, (await Get("/v1/projets" + query)).GetArrayLength());
    }

    [Fact]
    public async Task Projets_are_filtered_by_registre_defi_commune_and_quartier()
    {
        var all = (await Get("/v1/projets")).EnumerateArray().ToArray();
        var essaimage = await Get("/v1/projets?registre=Essaimage");
        var defi7 = await Get("/v1/projets?defi=defi-07");
        var marseille = await Get("/v1/projets?commune=13055");
        var aix = await Get("/v1/projets?commune=13001");
        var fraisVallon = await Get("/v1/projets?quartier=QN01344M");

        Assert.Equal(all.Count(p => p.GetProperty("registres").EnumerateArray().Any(r => r.GetString() == "Essaimage")), essaimage.GetArrayLength());
        Assert.InRange(essaimage.GetArrayLength(), 1, 33);
        Assert.All(defi7.EnumerateArray(), p => Assert.Contains(p.GetProperty("defis").EnumerateArray(), l => l.GetProperty("defiId").GetString() == "defi-07"));
        Assert.InRange(defi7.GetArrayLength(), 1, 33);
        // The projet scoped to Marseille reaches Marseille's quartiers but not Aix's.
        Assert.Equal(aix.GetArrayLength() + 1, marseille.GetArrayLength());
        Assert.Equal(marseille.GetArrayLength(), fraisVallon.GetArrayLength());
    }

    [Theory]
    [InlineData("/v1/projets?registre=Foo", "registre")]
    [InlineData("/v1/projets?orientation=orientation-9", "orientation")]
    [InlineData("/v1/projets?quartier=QN99999Z", "quartier")]
    [InlineData("/v1/quartiers?geography=qpv1990", "geography")]
    public async Task Unknown_filter_values_get_a_problem_naming_the_parameter(string url, string parameter)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _));
    }

    [Fact]
    public async Task Frais_Vallon_comes_with_its_defis_projets_and_deliberations()
    {
        var quartier = await Get("/v1/quartiers/QN01344M");

        Assert.Equal("Frais Vallon", quartier.GetProperty("name").GetString());
        Assert.Equal("13055", quartier.GetProperty("communes")[0].GetProperty("insee").GetString());
        Assert.False(quartier.GetProperty("perimeterLoaded").GetBoolean());
        Assert.Equal(JsonValueKind.Null, quartier.GetProperty("perimeter").ValueKind);
        Assert.True(quartier.GetProperty("inMetropole").GetBoolean());
        Assert.True(quartier.GetProperty("projets").GetArrayLength() >= 33);
        Assert.All(quartier.GetProperty("defis").EnumerateArray(), d => Assert.True(d.GetProperty("editorial").GetBoolean()));
        Assert.Contains(quartier.GetProperty("deliberations").EnumerateArray(), d => d.GetProperty("reference").GetString() == "CHL-025-11372/22/BM");
    }

    [Fact]
    public async Task A_loaded_perimeter_comes_as_GeoJSON()
    {
        var quartier = await Get("/v1/quartiers/QP069026");

        Assert.Equal("qpv2015", quartier.GetProperty("geography").GetString());
        Assert.Equal("MultiPolygon", quartier.GetProperty("perimeter").GetProperty("type").GetString());
        Assert.Empty(quartier.GetProperty("projets").EnumerateArray());
        Assert.Equal(4, quartier.GetProperty("bbox").GetArrayLength());
    }

    [Fact]
    public async Task An_unknown_quartier_is_a_404_problem()
    {
        var response = await _client.GetAsync("/v1/quartiers/QN01399Z");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Search_finds_quartiers_by_name_and_code()
    {
        var byName = await Get("/v1/quartiers?search=frais%20vallon");
        var byCode = await Get("/v1/quartiers?search=QN08406M");

        Assert.Equal("QN01344M", byName[0].GetProperty("code").GetString());
        Assert.Equal("Pertuis", byCode[0].GetProperty("communes")[0].GetProperty("name").GetString());
    }
}
