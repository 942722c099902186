using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Geographie.Api.Tests.Features;

/// <summary>
/// The OGC API Features service read by a client nobody here wrote: Debian's GDAL (<c>gdal-bin</c>, OAPIF driver,
/// installed by scripts/ensure-tools.sh) against the service on a real loopback port. What GDAL copies must be what
/// PostGIS holds: every feature, its attributes, its geometry within 1e-7°.
/// </summary>
public sealed class OgcGdalTests : IClassFixture<KestrelApp>
{
    private const string QuartiersOfRecord = """
        SELECT q.code, q.name, q.departement, q.area_m2, q.perimeter,
               coalesce(string_agg(qc.commune_name, '; ' ORDER BY qc.position), '') AS communes,
               string_agg(qc.insee, '; ' ORDER BY qc.position) AS insee
        FROM quartier q LEFT JOIN quartier_commune qc ON qc.version = q.version AND qc.code = q.code
        WHERE q.version = $1
        GROUP BY q.version, q.code
        ORDER BY q.code COLLATE "C"
        """;

    private const string CommunesOfRecord = "SELECT insee, name, departement, outline FROM commune WHERE outline IS NOT NULL ORDER BY insee COLLATE \"C\"";

    private readonly KestrelApp _app;

    public OgcGdalTests(KestrelApp app) => _app = app;

    private string Source => $"OAPIF:{_app.RestUrl}/ogc";

    [Fact]
    public async Task Ogrinfo_lists_one_layer_per_edition_and_the_communes()
    {
        var output = await Gdal("ogrinfo", "-ro", Source);

        Assert.Contains("1: qpv2024 (title: Quartiers prioritaires 2024", output);
        Assert.Matches(@"2: qpv2015 \(title: [^\n]*\) \(Multi Polygon\)", output);
        Assert.Matches(@"3: communes \(title: Communes\) \(Multi Polygon\)", output);
    }

    [Fact]
    public async Task Ogrinfo_summarises_a_collection_with_the_count_extent_and_fields_of_PostGIS()
    {
        var output = await Gdal("ogrinfo", "-ro", "-al", "-so", Source, "qpv2015");
        // The extent from the vertices: PostGIS keeps bounding boxes in single precision, rounded outwards.
        await using var command = _app.Database.DataSource.CreateCommand(
            "SELECT count(*), min(ST_X(p.geom)), min(ST_Y(p.geom)), max(ST_X(p.geom)), max(ST_Y(p.geom)) FROM quartier q, ST_DumpPoints(q.perimeter) p WHERE q.version = 'qpv2015'");
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());

        Assert.Contains($"Feature Count: {await _app.Database.ScalarAsync<long>("SELECT count(*) FROM quartier WHERE version = 'qpv2015'")}", output);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture,
            $"Extent: ({reader.GetDouble(1):F6}, {reader.GetDouble(2):F6}) - ({reader.GetDouble(3):F6}, {reader.GetDouble(4):F6})"), output);
        foreach (var field in new[] { "code: String", "name: String", "edition: String", "departement: String", "communes: String", "insee: String", "area_m2: Real" })
        {
            Assert.Contains(field, output);
        }
    }

    [Fact]
    public async Task Ogr2ogr_copies_every_feature_with_its_attributes_and_geometry_as_PostGIS_holds_them()
    {
        var folder = Directory.CreateTempSubdirectory("geographie-ogc-").FullName;
        var gpkg = Path.Combine(folder, "qpv.gpkg");
        try
        {
            await Gdal("ogr2ogr", "-f", "GPKG", gpkg, Source);

            foreach (var edition in new[] { "qpv2024", "qpv2015" })
            {
                var copied = ReadLayer(gpkg, edition);
                var expected = await Records(QuartiersOfRecord, edition, r => new Row(
                    r.GetString(0),
                    new Dictionary<string, string?>
                    {
                        ["name"] = r.GetString(1), ["edition"] = edition, ["departement"] = r.GetString(2),
                        ["communes"] = r.GetString(5), ["insee"] = r.IsDBNull(6) ? null : r.GetString(6),
                    },
                    r.IsDBNull(3) ? null : r.GetDouble(3),
                    r.IsDBNull(4) ? null : (Geometry)r.GetValue(4)));
                AssertSame(edition, expected, copied, "area_m2");
            }
            var communes = await Records(CommunesOfRecord, null, r => new Row(
                r.GetString(0), new Dictionary<string, string?> { ["name"] = r.GetString(1), ["departement"] = r.GetString(2) }, null, (Geometry)r.GetValue(3)));
            AssertSame("communes", communes, ReadLayer(gpkg, "communes"), null);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void AssertSame(string layer, IReadOnlyList<Row> expected, IReadOnlyList<Row> copied, string? areaField)
    {
        Assert.True(expected.Count > 0, $"{layer}: PostGIS holds no feature");
        Assert.Equal(expected.Select(e => e.Id), copied.Select(c => c.Id));
        foreach (var (want, got) in expected.Zip(copied))
        {
            Assert.Equal(want.Id, got.Attributes["code"]);
            foreach (var (name, value) in want.Attributes)
            {
                Assert.True(value == got.Attributes[name], $"{layer} {want.Id} {name}: PostGIS '{value}', GDAL '{got.Attributes[name]}'");
            }
            if (areaField is not null)
            {
                var area = got.Attributes[areaField] is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : (double?)null;
                Assert.True(want.Area is null ? area is null : area is { } a && Math.Abs(a - want.Area.Value) <= 1e-9 * want.Area.Value,
                    $"{layer} {want.Id} area: PostGIS {want.Area}, GDAL {area}");
            }
            Assert.True(want.Geometry is null == got.Geometry is null, $"{layer} {want.Id}: geometry present in one only");
            if (want.Geometry is not null)
            {
                Assert.True(want.Geometry.EqualsExact(got.Geometry, 1e-7), $"{layer} {want.Id}: GDAL's geometry differs from PostGIS's by more than 1e-7°");
            }
        }
    }

    private async Task<List<Row>> Records(string sql, string? parameter, Func<Npgsql.NpgsqlDataReader, Row> read)
    {
        await using var command = _app.Database.DataSource.CreateCommand(sql);
        if (parameter is not null)
        {
            command.Parameters.AddWithValue(parameter);
        }
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Row>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }
        return rows;
    }

    private static List<Row> ReadLayer(string gpkg, string table)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = gpkg, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY id";
        using var reader = command.ExecuteReader();
        var rows = new List<Row>();
        var geometries = new GeoPackageGeoReader();
        while (reader.Read())
        {
            var attributes = new Dictionary<string, string?>(StringComparer.Ordinal);
            Geometry? geometry = null;
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (reader.GetName(i) == "geom")
                {
                    geometry = reader.IsDBNull(i) ? null : geometries.Read((byte[])reader.GetValue(i));
                }
                else
                {
                    attributes[reader.GetName(i)] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
                }
            }
            rows.Add(new Row(attributes["id"]!, attributes, null, geometry));
        }
        return rows;
    }

    private static async Task<string> Gdal(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start (is gdal-bin installed? scripts/ensure-tools.sh)");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', arguments)} exited {process.ExitCode}: {await error}");
        return await output;
    }

    private sealed record Row(string Id, IReadOnlyDictionary<string, string?> Attributes, double? Area, Geometry? Geometry);
}
