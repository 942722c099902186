using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Geographie.Import.Csv;
using Geographie.Import.Files;
using Geographie.Testing;

namespace Geographie.Api.Tests.Http;

/// <summary>Look-ups as people type them: without accents, in any case, communes by name. Names and codes come from the shipped files.</summary>
public sealed class ForgivingLookupTests : IClassFixture<GeographieApp>
{
    private readonly GeographieApp _app;

    public ForgivingLookupTests(GeographieApp app) => _app = app;

    // What someone types on a keyboard without accents: lower case, the accented letters of the shipped names
    // written plain; a letter left out of this list fails the test rather than being searched as sent.
    private static string Typed(string name)
    {
        var typed = name.ToLowerInvariant().Replace('é', 'e').Replace('è', 'e').Replace('ê', 'e').Replace('à', 'a').Replace('â', 'a')
            .Replace('î', 'i').Replace('ï', 'i').Replace('ô', 'o').Replace('û', 'u').Replace('ù', 'u').Replace('ç', 'c');
        Assert.True(typed.All(char.IsAscii), typed);
        return typed;
    }

    private async Task<string[]> Codes(string query) =>
        (await _app.Client.GetFromJsonAsync<JsonElement[]>(query))!.Select(q => q.GetProperty("code").GetString()!).ToArray();

    [Fact]
    public async Task A_search_without_accents_or_case_finds_every_accented_Lyon_quartier()
    {
        var accented = GeoJsonFeatureReader.Read(Geodata.Path("qpv2015/qpv2015_metropole_lyon.geojson")).Features
            .Select(f => (Code: f.Attribute("CODE_QP")!, Name: f.Attribute("Nom du QPV")!))
            .Where(q => q.Name.Any(c => c > 127))
            .ToArray();
        Assert.NotEmpty(accented);

        foreach (var (code, name) in accented)
        {
            var typed = await Codes($"/v1/quartiers?geography=qpv2015&search={Uri.EscapeDataString(Typed(name))}");
            var exact = await Codes($"/v1/quartiers?geography=qpv2015&search={Uri.EscapeDataString(name)}");
            Assert.Contains(code, typed);
            Assert.Equal(exact, typed);
        }
    }

    [Fact]
    public async Task A_code_in_lower_case_is_found_by_route_and_by_search()
    {
        using var csv = CsvRowReader.Open(new StreamReader(Geodata.Path("qpv2024/registre_qpv2024_par_commune.csv")), out _);
        var code = csv.ReadRow()![0];

        var byRoute = await _app.Client.GetAsync($"/v1/quartiers/{code.ToLowerInvariant()}");
        var bySearch = await Codes($"/v1/quartiers?search={code.ToLowerInvariant()}");

        Assert.Equal(HttpStatusCode.OK, byRoute.StatusCode);
        Assert.Equal(code, (await byRoute.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(code, bySearch[0]);
    }

    [Fact]
    public async Task A_commune_is_found_by_INSEE_code_or_by_name_for_quartiers_and_projets()
    {
        using var csv = CsvRowReader.Open(new StreamReader(Geodata.Path("qpv2024/registre_qpv2024_bouches_du_rhone_et_pertuis.csv")), out var header);
        var columns = header!.ToList();
        var rows = new List<IReadOnlyList<string>>();
        while (csv.ReadRow() is { } row)
        {
            rows.Add(row);
        }
        // The commune of dept 13 with the most QPV (Marseille, by rule rather than by name).
        var busiest = rows.GroupBy(r => (Insee: r[columns.IndexOf("insee_com")], Name: r[columns.IndexOf("lib_com")]))
            .OrderByDescending(g => g.Count()).First().Key;

        var byInsee = await Codes($"/v1/quartiers?commune={busiest.Insee}&limit=2000");
        var byName = await Codes($"/v1/quartiers?commune={Uri.EscapeDataString(Typed(busiest.Name))}&limit=2000");
        var projetsByInsee = await _app.Client.GetStringAsync($"/v1/projets?commune={busiest.Insee}");
        var projetsByName = await _app.Client.GetAsync($"/v1/projets?commune={Uri.EscapeDataString(busiest.Name.ToUpperInvariant())}");

        Assert.NotEmpty(byInsee);
        Assert.Equal(byInsee.Order(), byName.Order());
        Assert.Equal(HttpStatusCode.OK, projetsByName.StatusCode);
        Assert.Equal(projetsByInsee, await projetsByName.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_proto_name_include_contrat_is_an_alias_and_unknown_values_are_refused()
    {
        var (_, perimeter) = Eligibility.RealPoints.LyonPerimeters[0];
        var inside = perimeter.InteriorPoint.Coordinate;
        var point = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"/v1/eligibility?lon={inside.X:R}&lat={inside.Y:R}&geography=qpv2015");

        var byInclude = await _app.Client.GetStringAsync(point + "&include=contrat");
        var byAlias = await _app.Client.GetStringAsync(point + "&include_contrat=true");
        var wrongAlias = await _app.Client.GetAsync(point + "&include_contrat=oui");
        var wrongInclude = await _app.Client.GetAsync(point + "&include=projets");

        Assert.Equal(byInclude, byAlias);
        Assert.Equal(HttpStatusCode.BadRequest, wrongAlias.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongInclude.StatusCode);
        Assert.True((await wrongAlias.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("include_contrat", out _));
        Assert.True((await wrongInclude.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("include", out _));
    }
}
