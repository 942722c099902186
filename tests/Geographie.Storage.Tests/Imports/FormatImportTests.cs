using Geographie.Import.Files;
using Geographie.Import.Projection;
using Geographie.Storage.Imports;
using Geographie.Testing;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Features;
using NetTopologySuite.IO;
using NetTopologySuite.IO.Esri;

namespace Geographie.Storage.Tests.Imports;

/// <summary>
/// The official editions also come as Shapefile (Lambert-93) and GeoPackage: both, made here from the real Lyon
/// perimeters, import to the same perimeters as the GeoJSON within 1 cm.
/// </summary>
public sealed class FormatImportTests : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private readonly TestDatabase _database;
    private readonly string _folder = Directory.CreateTempSubdirectory("geographie-formats-").FullName;

    public FormatImportTests(TestDatabase database) => _database = database;

    public async Task InitializeAsync()
    {
        await _database.MigrateAsync();
        await new GeographyImporter(_database.DataSource).ImportPerimetersAsync(LyonFiles.Original);
        await using var keep = _database.DataSource.CreateCommand(
            "CREATE TABLE IF NOT EXISTS geojson_twin AS SELECT code, name, perimeter FROM quartier WHERE version = 'qpv2015'");
        await keep.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    private static IEnumerable<SourceFeature> Lyon() => GeoJsonFeatureReader.Read(LyonFiles.Original).Features;

    [Fact]
    public async Task A_Lambert93_shapefile_imports_to_the_same_perimeters()
    {
        var toLambert = Lambert93.FromWgs84();
        var features = Lyon().Select(f => (IFeature)new Feature(
            Lambert93.Transform(f.Geometry!, toLambert, Lambert93.Srid),
            new AttributesTable { { "CODE_QP", f.Attribute("CODE_QP") }, { "NOM_QP", f.Attribute("Nom du QPV") }, { "COMMUNE_QP", f.Attribute("Commune") } }));
        var path = Path.Combine(_folder, "QP2015_L93.shp");
        Shapefile.WriteAllFeatures(features, path, Lambert93.Wkt, System.Text.Encoding.UTF8);

        var outcome = await new GeographyImporter(_database.DataSource).ImportPerimetersAsync(path);

        Assert.NotEqual(ImportStatus.Refused, outcome.Status);
        await AssertSameAsGeoJson();
    }

    [Fact]
    public async Task A_GeoPackage_imports_to_the_same_perimeters()
    {
        var path = Path.Combine(_folder, "QP2015_WGS84.gpkg");
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = """
                CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
                    organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
                INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84', 4326, 'EPSG', 4326, 'GEOGCS["WGS 84"]', NULL);
                CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT, description TEXT,
                    last_change DATETIME, min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER);
                INSERT INTO gpkg_contents (table_name, data_type, srs_id) VALUES ('qp2015', 'features', 4326);
                CREATE TABLE gpkg_geometry_columns (table_name TEXT, column_name TEXT, geometry_type_name TEXT, srs_id INTEGER, z TINYINT, m TINYINT);
                INSERT INTO gpkg_geometry_columns VALUES ('qp2015', 'geom', 'MULTIPOLYGON', 4326, 0, 0);
                CREATE TABLE qp2015 (fid INTEGER PRIMARY KEY, geom BLOB, CODE_QP TEXT, NOM_QP TEXT, COMMUNE_QP TEXT);
                """;
            await create.ExecuteNonQueryAsync();
            var writer = new GeoPackageGeoWriter();
            foreach (var feature in Lyon())
            {
                feature.Geometry!.SRID = 4326;
                await using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO qp2015 (geom, CODE_QP, NOM_QP, COMMUNE_QP) VALUES ($g, $c, $n, $m)";
                insert.Parameters.AddWithValue("$g", writer.Write(feature.Geometry));
                insert.Parameters.AddWithValue("$c", feature.Attribute("CODE_QP"));
                insert.Parameters.AddWithValue("$n", feature.Attribute("Nom du QPV"));
                insert.Parameters.AddWithValue("$m", feature.Attribute("Commune"));
                await insert.ExecuteNonQueryAsync();
            }
        }

        var outcome = await new GeographyImporter(_database.DataSource).ImportPerimetersAsync(path);

        Assert.NotEqual(ImportStatus.Refused, outcome.Status);
        await AssertSameAsGeoJson();
    }

    private async Task AssertSameAsGeoJson()
    {
        Assert.Equal(37L, await _database.ScalarAsync<long>(
            "SELECT count(*) FROM quartier q JOIN geojson_twin t USING (code) WHERE q.version = 'qpv2015' AND q.name = t.name"));
        var worst = await _database.ScalarAsync<double>("""
            SELECT max(ST_HausdorffDistance(ST_Transform(q.perimeter, 2154), ST_Transform(t.perimeter, 2154)))
            FROM quartier q JOIN geojson_twin t USING (code) WHERE q.version = 'qpv2015'
            """);
        Assert.InRange(worst, 0, 0.01);
    }
}
