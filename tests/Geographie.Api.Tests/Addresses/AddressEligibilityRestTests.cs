using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Geographie.Api.Tests.Eligibility;
using Geographie.Import.Addresses;
using Geographie.Storage.Imports;
using Geographie.Testing;

using static Geographie.Api.Tests.Eligibility.EligibilityQuery;

namespace Geographie.Api.Tests.Addresses;

/// <summary>
/// Address input on the REST eligibility routes, over the shipped data (the real BAL of Mont-Bonvillers, where no QPV
/// perimeter is loaded) and, for INSIDE and UNCERTAIN, a test-only address file built from a real Lyon 2015 perimeter.
/// </summary>
public sealed class AddressEligibilityRestTests : IClassFixture<GeographieApp>
{
    private readonly GeographieApp _app;

    public AddressEligibilityRestTests(GeographieApp app) => _app = app;

    private Task<JsonElement> Check(string query) => EligibilityQuery.Check(_app.Client, query);

    [Fact]
    public async Task A_real_address_is_answered_with_what_was_matched_and_an_honest_status()
    {
        var answer = await Check("address=" + Uri.EscapeDataString("1 rue Joffre 54111 Mont-Bonvillers"));
        // No QPV perimeter is loaded in Meurthe-et-Moselle: UNKNOWN, never a confident OUTSIDE.
        Assert.Equal("UNKNOWN", answer.GetProperty("status").GetString());
        var address = answer.GetProperty("address");
        Assert.Equal("1 Rue Joffre Mont-Bonvillers", address.GetProperty("label").GetString());
        Assert.Equal("54084_0200_00001", address.GetProperty("id").GetString());
        Assert.Equal(1.0, address.GetProperty("score").GetDouble());
        Assert.Equal("housenumber", address.GetProperty("matchType").GetString());
        Assert.Equal((5.833622, 49.322203), (address.GetProperty("lon").GetDouble(), address.GetProperty("lat").GetDouble()));
    }

    [Fact]
    public async Task Structured_fields_and_free_text_give_the_same_answer()
    {
        var free = await Check("address=" + Uri.EscapeDataString("19 bis rue de la République Mont-Bonvillers"));
        var structured = await Check("numero=19bis&voie=" + Uri.EscapeDataString("r. de la republique") + "&citycode=54084");
        var named = await Check("numero=19%20bis&voie=" + Uri.EscapeDataString("Rue de la République") + "&commune=Mont-Bonvillers&code_postal=54111");
        Assert.Equal(free.GetProperty("address").GetProperty("id").GetString(), structured.GetProperty("address").GetProperty("id").GetString());
        Assert.Equal(free.GetRawText(), named.GetRawText());
    }

    [Theory]
    [InlineData("address=12%20avenue%20des%20Champs-Elysees", "address: no known street matches")]
    [InlineData("address=1%20rue%20Joffre%2013001%20Mont-Bonvillers", "address: no known address has the postcode 13001")]
    [InlineData("voie=rue%20Joffre&citycode=13055", "address: no address is known in the commune of INSEE code 13055")]
    public async Task An_address_that_matches_nothing_is_INVALID_with_the_reason(string query, string reason)
    {
        var answer = await Check(query);
        Assert.Equal("INVALID", answer.GetProperty("status").GetString());
        Assert.StartsWith(reason, answer.GetProperty("reason").GetString());
        Assert.False(answer.TryGetProperty("address", out _));
    }

    [Theory]
    [InlineData("address=12%20avenue%20des%20Champs-Elysees", "address: aucune voie connue ne correspond à 'avenue des champs elysees'")]
    [InlineData("address=1%20rue%20Joffre%2013001%20Mont-Bonvillers", "address: aucune adresse connue n'a le code postal 13001")]
    [InlineData("voie=rue%20Joffre&commune=Marseille&code_postal=54111", "address: aucune commune connue ne s'appelle 'marseille' avec le code postal 54111")]
    [InlineData("voie=rue%20Joffre&citycode=13055", "address: aucune adresse n'est connue dans la commune de code INSEE 13055")]
    public async Task The_reason_is_French_unless_English_is_asked(string query, string reason)
    {
        var answer = await Check(query + "&lang=fr");
        Assert.Equal("INVALID", answer.GetProperty("status").GetString());
        Assert.Equal(reason, answer.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task An_unusable_address_is_a_French_400_unless_English_is_asked()
    {
        var response = await _app.Client.GetAsync("/v1/eligibility?voie=rue%20Joffre&code_postal=5411&lang=fr");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("code_postal '5411' n'est pas un code postal français (5 chiffres)", problem.GetProperty("errors").GetProperty("address")[0].GetString());
    }

    [Theory]
    [InlineData("address=1%20rue%20Joffre&lon=5.83&lat=49.32", "give an address or a location")]
    [InlineData("voie=rue%20Joffre&code_postal=5411", "is not a French postcode (5 digits)")]
    [InlineData("address=%20", "a location is required")]
    public async Task Address_input_that_cannot_be_used_is_a_400_naming_the_problem(string query, string message)
    {
        var response = await _app.Client.GetAsync("/v1/eligibility?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_JSON_batch_mixes_points_and_addresses_in_order()
    {
        var body = """
            [{"id":"a","address":"2 rue Joffre Mont-Bonvillers"},
             {"id":"b","numero":4,"voie":"Rue Joffre","code_postal":54111},
             {"id":"c","lon":4.85,"lat":45.75},
             {"id":"d","address":"rue inconnue"}]
            """;
        var response = await _app.Client.PostAsync("/v1/eligibility/batch", new StringContent(body, Encoding.UTF8, "application/json"));
        var answers = (await response.Content.ReadFromJsonAsync<JsonElement[]>())!;
        Assert.Equal(["a", "b", "c", "d"], answers.Select(a => a.GetProperty("id").GetString()));
        Assert.Equal("54084_0200_00002", answers[0].GetProperty("address").GetProperty("id").GetString());
        Assert.Equal("54084_0200_00004", answers[1].GetProperty("address").GetProperty("id").GetString());
        Assert.False(answers[2].TryGetProperty("address", out _));
        Assert.Equal("INVALID", answers[3].GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_CSV_batch_geocodes_the_columns_it_is_told_and_answers_every_row()
    {
        var body = "id;numero;voie;ville;cp\n" + "a;1;Rue Joffre;Mont-Bonvillers;54111\n" + "b;19 bis;r. de la Republique;Mont-Bonvillers;54111\n"
            + "c;;Rue Joffre;Mont-Bonvillers;13001\n";
        var response = await _app.Client.PostAsync("/v1/eligibility/batch?columns=numero&columns=voie&columns=ville&postcode=cp",
            new StringContent(body, Encoding.UTF8, "text/csv"));
        var lines = (await response.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        Assert.Equal("id;numero;voie;ville;cp;status;reason;geography;quartier_code;quartier_name;distance_m;nearest_code;"
            + "nearest_loaded_code;nearest_loaded_distance_m;loaded_geographies;hint;"
            + "result_label;result_id;result_score;result_type;result_lon;result_lat", lines[0]);
        Assert.Equal(4, lines.Length);
        // A semicolon file is answered in its own dialect: decimal commas.
        Assert.EndsWith(";1 Rue Joffre Mont-Bonvillers;54084_0200_00001;1;housenumber;5,833622;49,322203", lines[1]);
        Assert.Contains(";19 bis Rue de la République Mont-Bonvillers;", lines[2]);
        Assert.Contains(";INVALID;address: no known address has the postcode 13001;", lines[3]);

        var unknownColumn = await _app.Client.PostAsync("/v1/eligibility/batch?columns=rue", new StringContent(body, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, unknownColumn.StatusCode);
    }

    [Fact]
    public async Task The_summary_counts_addresses_as_the_batch_answers_them()
    {
        // 30 real addresses of Mont-Bonvillers (no QPV perimeter is loaded there: UNKNOWN), then two that match nothing.
        var texts = AddressFileReader.Read(Geodata.Path("addresses/bal_54084_mont-bonvillers.csv"), out _).Where(a => a.Number > 0).Take(30)
            .Select(a => $"{a.Number}{(a.Suffix is null ? "" : " " + a.Suffix)} {a.Street} {a.CommuneName}")
            .Append("12 avenue des Champs-Elysees").Append("rue inconnue").ToList();
        var csv = "id;adresse\n" + string.Concat(texts.Select((t, i) => $"r{i};{t}\n"));
        var json = JsonSerializer.Serialize(texts.Select((t, i) => new { id = $"r{i}", address = t }));

        var batch = await _app.Client.PostAsync("/v1/eligibility/batch?columns=adresse", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var csvSummary = await _app.Client.PostAsync("/v1/eligibility/summary?columns=adresse", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var jsonSummary = await _app.Client.PostAsync("/v1/eligibility/summary", new StringContent(json, Encoding.UTF8, "application/json"));

        var lines = (await batch.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        var status = Array.IndexOf(lines[0].Split(';'), "status");
        var batchCounts = lines.Skip(1).GroupBy(l => l.Split(';')[status]).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["UNKNOWN"] = 30, ["INVALID"] = 2 }, batchCounts);
        foreach (var summary in new[] { csvSummary, jsonSummary })
        {
            var counts = (await summary.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("statuses").EnumerateObject()
                .Where(p => p.Value.GetInt32() > 0).ToDictionary(p => p.Name, p => p.Value.GetInt32());
            Assert.Equal(batchCounts, counts);
        }
    }

    [Fact]
    public async Task A_street_match_near_a_QPV_boundary_is_UNCERTAIN_and_a_house_number_inside_is_INSIDE()
    {
        // Test-only addresses, never shipped: "Rue de Test" in Lyon (69123) with number 1 at the interior point of a
        // real 2015 perimeter and number 3 on a vertex of its boundary (both real coordinates of that perimeter).
        var (code, perimeter) = RealPoints.LyonPerimeters[0];
        var inside = perimeter.InteriorPoint.Coordinate;
        var onBoundary = perimeter.Coordinates[0];
        var path = Path.Combine(Path.GetTempPath(), $"test-addresses-lyon-{Guid.NewGuid():N}.csv");
        await File.WriteAllLinesAsync(path, [
            "cle_interop;commune_insee;commune_nom;voie_nom;numero;suffixe;long;lat",
            $"69123_test_00001;69123;Lyon;Rue de Test;1;;{Q(inside.X)};{Q(inside.Y)}",
            $"69123_test_00003;69123;Lyon;Rue de Test;3;;{Q(onBoundary.X)};{Q(onBoundary.Y)}",
        ]);
        try
        {
            Assert.NotEqual(ImportStatus.Refused, (await new AddressImporter(_app.Database.DataSource).ImportAsync(path)).Status);
            await _app.RefreshAsync();
        }
        finally
        {
            File.Delete(path);
        }

        var houseNumber = await Check("address=" + Uri.EscapeDataString("1 rue de test Lyon") + "&geography=qpv2015");
        Assert.Equal("INSIDE", houseNumber.GetProperty("status").GetString());
        Assert.Equal(code, houseNumber.GetProperty("quartier").GetProperty("code").GetString());

        // Number 2 is not known: the street's middle, with half its length as the plausible error, reaches the boundary.
        var street = await Check("address=" + Uri.EscapeDataString("2 rue de test Lyon") + "&geography=qpv2015");
        Assert.Equal("street", street.GetProperty("address").GetProperty("matchType").GetString());
        Assert.Equal("UNCERTAIN", street.GetProperty("status").GetString());
    }
}
