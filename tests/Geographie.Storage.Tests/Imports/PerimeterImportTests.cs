using System.Text.Json.Nodes;
using Geographie.Domain.Geography;
using Geographie.Storage.Imports;
using Geographie.Testing;

namespace Geographie.Storage.Tests.Imports;

public sealed class PerimeterImportTests : IClassFixture<TestDatabase>, IAsyncLifetime
{
    // Everything an import may change, as one comparable text.
    private const string Fingerprint = """
        SELECT md5(coalesce(string_agg(q.version || q.code || q.name || coalesce(encode(ST_AsBinary(q.perimeter), 'hex'), '-')
               || coalesce(q.area_m2::text, '-'), ',' ORDER BY q.version, q.code), ''))
            || (SELECT md5(coalesce(string_agg(version || code || position || coalesce(insee, '-') || commune_name, ',' ORDER BY version, code, position), '')) FROM quartier_commune)
        FROM quartier q
        """;

    private readonly TestDatabase _database;
    private GeographyImporter _importer = null!;

    public PerimeterImportTests(TestDatabase database) => _database = database;

    public async Task InitializeAsync()
    {
        await _database.MigrateAsync();
        _importer = new GeographyImporter(_database.DataSource);
        await Reset();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task Reset()
    {
        await using var command = _database.DataSource.CreateCommand("DELETE FROM quartier");
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task The_Lyon_2015_file_gives_37_valid_perimeters_with_their_codes()
    {
        await Reset();
        var outcome = await _importer.ImportPerimetersAsync(LyonFiles.Original);

        Assert.Equal(ImportStatus.Applied, outcome.Status);
        Assert.Equal("qpv2015", outcome.Edition);
        Assert.Equal(37L, await _database.ScalarAsync<long>(
            "SELECT count(*) FROM quartier WHERE version = 'qpv2015' AND perimeter IS NOT NULL AND ST_IsValid(perimeter) AND code ~ '^QP069[0-9]{3}$'"));
        Assert.Equal("Prainet", await _database.ScalarAsync<string>("SELECT name FROM quartier WHERE code = 'QP069026'"));
        Assert.Equal("Décines-Charpieu", await _database.ScalarAsync<string>("SELECT commune_name FROM quartier_commune WHERE code = 'QP069026'"));
        // Areas are computed in Lambert-93 and match PostGIS' own geodesic area within 0.5 % (Lambert-93 scale error near Lyon).
        Assert.Equal(0L, await _database.ScalarAsync<long>(
            "SELECT count(*) FROM quartier WHERE version = 'qpv2015' AND abs(area_m2 / ST_Area(perimeter::geography) - 1) > 0.005"));
    }

    [Fact]
    public async Task The_same_file_imported_twice_leaves_the_database_identical()
    {
        await Reset();
        await _importer.ImportPerimetersAsync(LyonFiles.Original);
        var before = await _database.ScalarAsync<string>(Fingerprint);
        var revision = await _database.ScalarAsync<long>("SELECT revision FROM data_revision");

        var second = await _importer.ImportPerimetersAsync(LyonFiles.Original);

        Assert.Equal(ImportStatus.Unchanged, second.Status);
        Assert.Contains("unchanged", second.Describe());
        Assert.Equal(before, await _database.ScalarAsync<string>(Fingerprint));
        Assert.Equal(revision, await _database.ScalarAsync<long>("SELECT revision FROM data_revision"));
    }

    [Theory]
    [InlineData("unclosed ring", "unreadable geometry")]
    [InlineData("outside France", "coordinates outside France")]
    [InlineData("bad code", "is not a qpv2015 code")]
    public async Task A_file_with_one_broken_feature_is_refused_naming_it_and_the_data_is_untouched(string breakage, string expected)
    {
        await Reset();
        await _importer.ImportPerimetersAsync(LyonFiles.Original);
        var before = await _database.ScalarAsync<string>(Fingerprint);

        var collection = LyonFiles.Load();
        var feature = collection["features"]![5]!;
        var code = feature["properties"]!["CODE_QP"]!.GetValue<string>();
        var ring = feature["geometry"]!["coordinates"]![0]!.AsArray();
        switch (breakage)
        {
            case "unclosed ring":
                ring.RemoveAt(ring.Count - 1);
                break;
            case "outside France":
                foreach (var point in ring)
                {
                    point![1] = -point[1]!.GetValue<double>();
                }
                break;
            default:
                feature["properties"]!["CODE_QP"] = "QP69026";
                code = "QP69026";
                break;
        }
        var broken = LyonFiles.Save(collection, $"broken-{breakage.Replace(' ', '-')}.geojson");

        var outcome = await _importer.ImportPerimetersAsync(broken, GeographyVersions.Qpv2015);

        Assert.Equal(ImportStatus.Refused, outcome.Status);
        var problem = Assert.Single(outcome.Problems);
        Assert.StartsWith($"feature #5 ({code})", problem);
        Assert.Contains(expected, problem);
        Assert.Equal(before, await _database.ScalarAsync<string>(Fingerprint));
        Assert.Equal(1L, await _database.ScalarAsync<long>($"SELECT count(*) FROM import_audit WHERE outcome = 'refused' AND file_name = '{Path.GetFileName(broken)}' AND message LIKE '%feature #5%'"));
    }

    [Fact]
    public async Task An_invalid_but_repairable_feature_is_repaired_and_named()
    {
        await Reset();
        var collection = LyonFiles.Load();
        var feature = collection["features"]![3]!;
        // Two overlapping parts make an invalid MultiPolygon; GeometryFixer merges them into one valid polygon.
        var polygon = feature["geometry"]!["coordinates"]!.DeepClone();
        var shifted = polygon.DeepClone();
        foreach (var point in shifted[0]!.AsArray())
        {
            point![0] = point[0]!.GetValue<double>() + 0.0005;
        }
        feature["geometry"] = new JsonObject { ["type"] = "MultiPolygon", ["coordinates"] = new JsonArray(polygon, shifted) };
        var path = LyonFiles.Save(collection, "self-intersecting.geojson");

        var outcome = await _importer.ImportPerimetersAsync(path);

        Assert.Equal(ImportStatus.Applied, outcome.Status);
        var repair = Assert.Single(outcome.Repairs);
        Assert.StartsWith($"feature #3 ({feature["properties"]!["CODE_QP"]})", repair);
        Assert.Equal(37L, await _database.ScalarAsync<long>("SELECT count(*) FROM quartier WHERE ST_IsValid(perimeter)"));
    }

    [Fact]
    public async Task A_Lambert93_file_and_its_WGS84_twin_give_the_same_perimeters_within_1_cm()
    {
        await Reset();
        await _importer.ImportPerimetersAsync(LyonFiles.Original);
        await using (var keep = _database.DataSource.CreateCommand(
            "DROP TABLE IF EXISTS wgs84_twin; CREATE TABLE wgs84_twin AS SELECT code, perimeter FROM quartier WHERE version = 'qpv2015'"))
        {
            await keep.ExecuteNonQueryAsync();
        }

        var outcome = await _importer.ImportPerimetersAsync(LyonFiles.Lambert93Twin());

        Assert.Equal(ImportStatus.Applied, outcome.Status);
        var worst = await _database.ScalarAsync<double>("""
            SELECT max(ST_HausdorffDistance(ST_Transform(q.perimeter, 2154), ST_Transform(t.perimeter, 2154)))
            FROM quartier q JOIN wgs84_twin t USING (code) WHERE q.version = 'qpv2015'
            """);
        Assert.Equal(37L, await _database.ScalarAsync<long>("SELECT count(*) FROM quartier q JOIN wgs84_twin t USING (code)"));
        Assert.InRange(worst, 0, 0.01);
    }

    [Fact]
    public async Task A_newer_file_replaces_the_editions_perimeters_atomically()
    {
        await Reset();
        await _importer.ImportPerimetersAsync(LyonFiles.Original);
        var collection = LyonFiles.Load();
        var features = collection["features"]!.AsArray();
        var dropped = features[0]!["properties"]!["CODE_QP"]!.GetValue<string>();
        features.RemoveAt(0);
        var newer = LyonFiles.Save(collection, "newer.geojson");

        var outcome = await _importer.ImportPerimetersAsync(newer);

        Assert.Equal(ImportStatus.Applied, outcome.Status);
        Assert.Equal(36L, await _database.ScalarAsync<long>("SELECT count(*) FROM quartier WHERE version = 'qpv2015' AND perimeter IS NOT NULL"));
        Assert.Equal(0L, await _database.ScalarAsync<long>($"SELECT count(*) FROM quartier WHERE code = '{dropped}'"));
    }
}
