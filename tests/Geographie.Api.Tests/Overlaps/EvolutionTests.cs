using System.Net.Http.Json;
using System.Text.Json;
using Geographie.Api.Tests.Eligibility;
using Geographie.Domain.Contrat;
using Geographie.Domain.Geography;
using Geographie.Domain.Overlaps;
using Geographie.Domain.Quartiers;
using Geographie.Domain.Snapshots;
using Geographie.Import.Register;
using Geographie.Testing;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.IO;
using Npgsql;

namespace Geographie.Api.Tests.Overlaps;

public sealed class EvolutionTests : IClassFixture<GeographieApp>
{
    /// <summary>How far the test-only "2024" edition is shifted from the real 2015 perimeters, in degrees (about 155 m east, 55 m north).</summary>
    private const double ShiftLon = 0.002;
    private const double ShiftLat = 0.0005;

    private readonly GeographieApp _app;

    public EvolutionTests(GeographieApp app) => _app = app;

    [Fact]
    public async Task Evolution_against_a_shifted_copy_agrees_with_PostGis_difference_and_intersection()
    {
        // TEST-ONLY EDITION: the real Lyon 2015 perimeters shifted by a known amount stand in for a 2024 edition,
        // which no offline machine has. Codes are suffixed so no one can mistake them for real quartiers.
        var communes = CommuneOutlineReader.Read(Geodata.Path("admin/communes_69.geojson"))
            .Select(c => new Commune(c.Insee, c.Name, Departements.OfCommune(c.Insee), c.Outline)).ToArray();
        var real = RealPoints.LyonPerimeters.Select(p => (p.Code, Perimeter: AsMulti(p.Perimeter))).ToArray();
        var shift = AffineTransformation.TranslationInstance(ShiftLon, ShiftLat);
        var quartiers = real.Select(p => new Quartier("qpv2015", p.Code, p.Code, "69", p.Perimeter, null))
            .Concat(real.Select(p => new Quartier("qpv2024", p.Code + "-SHIFTED-TEST", p.Code, "69", (MultiPolygon)shift.Transform(p.Perimeter), null)))
            .ToArray();
        var snapshot = new GeographySnapshot(1, quartiers, communes, ContratDeVille.Empty, DateTimeOffset.UnixEpoch);

        var everywhere = EvolutionCalculator.Everywhere(snapshot, GeographyVersions.Qpv2015, GeographyVersions.Qpv2024, Geographie.Domain.Texts.Language.English);
        var all = await PostGisEvolutionAsync(quartiers, null);
        Tolerance.AssertArea(all.From, everywhere.FromAreaM2, "2015 area");
        Tolerance.AssertArea(all.To, everywhere.ToAreaM2, "2024 area");
        Tolerance.AssertArea(all.Left, everywhere.LeftM2, "left");
        Tolerance.AssertArea(all.Entered, everywhere.EnteredM2, "entered");
        Tolerance.AssertArea(all.Stayed, everywhere.StayedM2, "stayed");
        Assert.True(everywhere.LeftM2 > 0 && everywhere.StayedM2 > everywhere.LeftM2);
        AssertPairs(all.Pairs, everywhere.Pairs);
        Assert.Contains(everywhere.Pairs, pair => pair.To.Code == pair.From.Code + "-SHIFTED-TEST");

        var vaulx = communes.Single(c => c.Insee == "69256");
        var zone = ZoneValidator.Validate(vaulx.Insee, vaulx.Outline, Geographie.Domain.Texts.Language.English, out _)!;
        var within = EvolutionCalculator.Within(snapshot, GeographyVersions.Qpv2015, GeographyVersions.Qpv2024, zone, Geographie.Domain.Texts.Language.English);
        var commune = await PostGisEvolutionAsync(quartiers, vaulx.Outline);
        Tolerance.AssertArea(commune.From, within.FromAreaM2, "2015 area in Vaulx-en-Velin");
        Tolerance.AssertArea(commune.To, within.ToAreaM2, "2024 area in Vaulx-en-Velin");
        Tolerance.AssertArea(commune.Left, within.LeftM2, "left in Vaulx-en-Velin");
        Tolerance.AssertArea(commune.Entered, within.EnteredM2, "entered in Vaulx-en-Velin");
        AssertPairs(commune.Pairs, within.Pairs);
        Assert.NotEmpty(within.Pairs);
    }

    [Fact]
    public async Task Evolution_over_the_shipped_data_says_the_2024_perimeters_are_missing()
    {
        var response = await _app.Client.GetAsync("/v1/evolution?commune=69256");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("qpv2015", body.GetProperty("from").GetString());
        Assert.Equal("qpv2024", body.GetProperty("to").GetString());
        Assert.False(body.GetProperty("toCompleteness").GetProperty("complete").GetBoolean());
        Assert.NotEqual(0, body.GetProperty("toCompleteness").GetProperty("missing").GetArrayLength());
        Assert.Equal(0, body.GetProperty("toAreaM2").GetDouble());
        await using var command = _app.Database.DataSource.CreateCommand("""
            SELECT ST_Area(ST_Intersection(ST_Transform(c.outline, 2154), (SELECT ST_Union(ST_Transform(perimeter, 2154)) FROM quartier WHERE version = 'qpv2015')))
            FROM commune c WHERE insee = '69256'
            """);
        Tolerance.AssertArea((double)(await command.ExecuteScalarAsync())!, body.GetProperty("fromAreaM2").GetDouble(), "2015 area in Vaulx-en-Velin");
        Assert.Equal(body.GetProperty("fromAreaM2").GetDouble(), body.GetProperty("leftM2").GetDouble(), 3);

        var unknownCommune = await _app.Client.GetAsync("/v1/evolution?commune=99999");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknownCommune.StatusCode);
        var badEdition = await _app.Client.GetAsync("/v1/evolution?from=qpv1996");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, badEdition.StatusCode);
    }

    private static void AssertPairs(Dictionary<(string, string), double> postgis, IReadOnlyList<QuartierPair> ours)
    {
        var mine = ours.ToDictionary(p => (p.From.Code, p.To.Code), p => p.SharedM2);
        foreach (var (key, area) in postgis)
        {
            Tolerance.AssertArea(area, mine.GetValueOrDefault(key), $"{key}");
        }

        Assert.All(mine, m => Tolerance.AssertArea(postgis.GetValueOrDefault(m.Key), m.Value, $"{m.Key} (ours)"));
    }

    private sealed record PostGisEvolution(double From, double To, double Stayed, double Left, double Entered, Dictionary<(string, string), double> Pairs);

    private async Task<PostGisEvolution> PostGisEvolutionAsync(Quartier[] quartiers, Geometry? scope)
    {
        var wkb = new WKBWriter();
        await using var connection = await _app.Database.DataSource.OpenConnectionAsync();
        await using (var setup = new NpgsqlCommand("""
            CREATE TEMP TABLE edition_under_test (version text, code text, g geometry);
            INSERT INTO edition_under_test SELECT t.v, t.c, ST_Transform(ST_GeomFromWKB(t.w, 4326), 2154) FROM unnest(@v, @c, @w) AS t(v, c, w);
            CREATE TEMP TABLE scope_under_test AS SELECT ST_Transform(ST_GeomFromWKB(@s, 4326), 2154) AS g WHERE @s IS NOT NULL;
            """, connection))
        {
            setup.Parameters.AddWithValue("v", quartiers.Select(q => q.Version).ToArray());
            setup.Parameters.AddWithValue("c", quartiers.Select(q => q.Code).ToArray());
            setup.Parameters.AddWithValue("w", quartiers.Select(q => wkb.Write(q.Perimeter!)).ToArray());
            setup.Parameters.Add(new NpgsqlParameter("s", NpgsqlTypes.NpgsqlDbType.Bytea) { Value = scope is null ? DBNull.Value : wkb.Write(scope) });
            await setup.ExecuteNonQueryAsync();
        }

        // Scoped editions: each edition's union clipped to the scope (or whole without one).
        const string Scoped = """
            WITH a AS (SELECT coalesce(ST_Intersection(ST_Union(e.g), (SELECT g FROM scope_under_test)), ST_Union(e.g)) g FROM edition_under_test e WHERE version = 'qpv2015'),
                 b AS (SELECT coalesce(ST_Intersection(ST_Union(e.g), (SELECT g FROM scope_under_test)), ST_Union(e.g)) g FROM edition_under_test e WHERE version = 'qpv2024')
            SELECT ST_Area(a.g), ST_Area(b.g), ST_Area(ST_Intersection(a.g, b.g)), ST_Area(ST_Difference(a.g, b.g)), ST_Area(ST_Difference(b.g, a.g)) FROM a, b
            """;
        double[] totals;
        await using (var command = new NpgsqlCommand(Scoped, connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            totals = Enumerable.Range(0, 5).Select(reader.GetDouble).ToArray();
        }

        const string PairsSql = """
            SELECT a.code, b.code, ST_Area(coalesce(ST_Intersection(ST_Intersection(a.g, b.g), (SELECT g FROM scope_under_test)), ST_Intersection(a.g, b.g)))
            FROM edition_under_test a JOIN edition_under_test b ON a.version = 'qpv2015' AND b.version = 'qpv2024' AND ST_Intersects(a.g, b.g)
            """;
        var pairs = new Dictionary<(string, string), double>();
        await using (var command = new NpgsqlCommand(PairsSql, connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                if (reader.GetDouble(2) > 0)
                {
                    pairs[(reader.GetString(0), reader.GetString(1))] = reader.GetDouble(2);
                }
            }
        }

        return new PostGisEvolution(totals[0], totals[1], totals[2], totals[3], totals[4], pairs);
    }

    private static MultiPolygon AsMulti(Geometry g) => g as MultiPolygon ?? g.Factory.CreateMultiPolygon([(Polygon)g]);
}
