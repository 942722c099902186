using Geographie.Spatial.Areas;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Npgsql;

namespace Geographie.Spatial.Tests;

/// <summary>
/// Every area <see cref="OverlapIndex"/> reports agrees with PostGIS
/// <c>ST_Area(ST_Intersection(ST_Transform(zone, 2154), ST_Transform(perimeter, 2154)))</c> within 0.01 % or 1 m², on
/// real polygons: the Rhône communes against the real Lyon 2015 QPV, the 840 IRIS of the Bouches-du-Rhône against the
/// 111 administrative quartiers of Marseille (a stand-in edition for the test only: they are not QPV), and adversarial
/// zones derived from the real perimeters. Fails, never skips, when PostGIS is unreachable.
/// </summary>
public sealed class OverlapPostGisTests
{
    private const string DefaultConnection = "Host=127.0.0.1;Port=55432;Username=geographie;Password=geographie;Database=geographie";

    private const string Setup = """
        CREATE TEMP TABLE perimeter_under_test (id int PRIMARY KEY, geom geometry(Geometry, 4326));
        CREATE TEMP TABLE zone_under_test (id int PRIMARY KEY, geom geometry(Geometry, 4326));
        INSERT INTO perimeter_under_test SELECT t.id, ST_GeomFromWKB(t.wkb, 4326) FROM unnest(@pids, @pwkbs) AS t(id, wkb);
        INSERT INTO zone_under_test SELECT t.id, ST_GeomFromWKB(t.wkb, 4326) FROM unnest(@zids, @zwkbs) AS t(id, wkb);
        CREATE INDEX ON perimeter_under_test USING gist (geom);
        ANALYZE perimeter_under_test;
        """;

    private const string Pieces = """
        SELECT z.id, p.id, ST_Area(ST_Intersection(ST_Transform(z.geom, 2154), ST_Transform(p.geom, 2154)))
        FROM zone_under_test z JOIN perimeter_under_test p ON ST_Intersects(z.geom, p.geom)
        """;

    private const string ZoneAreas = "SELECT id, ST_Area(ST_Transform(geom, 2154)) FROM zone_under_test";

    private static readonly WKBWriter Wkb = new();

    [Fact]
    public async Task RhoneCommunes_AgainstLyon2015_AgreeWithPostGis()
    {
        var communes = GeoData.Load("admin/communes_69.geojson");
        Assert.Equal(278, communes.Count);
        var report = await CompareAsync(GeoData.Load(GeoData.QpvLyon), communes.Select(c => c.Geometry).ToArray());
        // The real perimeters lie in real communes: most of the 37 QPV meet a commune with a positive area.
        Assert.True(report.Pairs >= 37, $"{report.Pairs} commune × QPV pairs");
    }

    [Fact]
    public async Task Iris13_AgainstMarseilleQuartiersStandIn_AgreeWithPostGis()
    {
        // Stand-in edition for this test only: the 111 administrative quartiers of Marseille are not QPV.
        var iris = GeoData.Load(GeoData.Iris);
        Assert.Equal(840, iris.Count);
        var report = await CompareAsync(GeoData.Load(GeoData.Quartiers), iris.Select(i => i.Geometry).ToArray());
        Assert.True(report.Pairs >= 393, $"{report.Pairs} IRIS × quartier pairs");
    }

    [Fact]
    public async Task AdversarialZones_AgreeWithPostGis()
    {
        // Test-only transforms of the real Lyon perimeters and Rhône communes, never data.
        var qpv = GeoData.Load(GeoData.QpvLyon);
        var communes = GeoData.Load("admin/communes_69.geojson").ToDictionary(c => c.Id);
        var factory = qpv[0].Geometry.Factory;
        var a = qpv[3].Geometry;
        var b = qpv[10].Geometry;
        var around = Box(factory, a.EnvelopeInternal, 0.004);
        Geometry[] zones =
        [
            a, // a zone equal to a QPV
            a.Buffer(-0.0003), // a zone inside a QPV
            around.Difference(a), // a zone sharing the QPV's whole boundary, with the QPV as its hole
            factory.CreatePolygon((LinearRing)around.Shell, [(LinearRing)((Polygon)Largest(a.Buffer(-0.0005))).Shell]), // a hole inside a QPV
            factory.CreateMultiPolygon([(Polygon)Largest(a.Buffer(0.001)), (Polygon)Largest(b.Buffer(0.001))]), // two parts over two QPV
            Box(factory, new Envelope(4.95, 5.15, 45.68, 45.78), 0), // across the Rhône and the Isère
            Largest(communes.Values.First().Geometry).Union(a.Buffer(0.002)), // a commune and a QPV beyond it
        ];
        Assert.True(zones.All(z => z.IsValid && z is Polygon or MultiPolygon));
        var report = await CompareAsync(qpv, zones);
        Assert.True(report.Pairs >= 6, $"{report.Pairs} pairs");
    }

    private sealed record Report(int Pairs);

    private static async Task<Report> CompareAsync(IReadOnlyList<Perimeter> perimeters, Geometry[] zones)
    {
        var index = new OverlapIndex(perimeters);
        var ours = new Dictionary<(int Zone, int Perimeter), double>();
        var zoneAreas = new double[zones.Length];
        for (int z = 0; z < zones.Length; z++)
        {
            var crs = MetricGeometry.CrsOf(zones[z].EnvelopeInternal)!.Value;
            Assert.Equal(MetricCrs.Lambert93, crs);
            var measured = index.Measure(MetricGeometry.Project(zones[z], crs), crs);
            zoneAreas[z] = measured.ZoneAreaM2;
            foreach (var piece in measured.Pieces)
            {
                ours[(z, piece.Id)] = piece.AreaM2;
            }

            // The perimeters of these sets do not overlap: the covered area is the sum of the pieces.
            Assert.Equal(measured.Pieces.Sum(p => p.AreaM2), measured.CoveredAreaM2, 1e-6);
        }

        await using var conn = new NpgsqlConnection(Environment.GetEnvironmentVariable("GEOGRAPHIE_DB") is { Length: > 0 } env ? env : DefaultConnection);
        await conn.OpenAsync();
        await using (var setup = new NpgsqlCommand(Setup, conn))
        {
            setup.Parameters.AddWithValue("pids", perimeters.Select(p => p.Id).ToArray());
            setup.Parameters.AddWithValue("pwkbs", perimeters.Select(p => Wkb.Write(p.Geometry)).ToArray());
            setup.Parameters.AddWithValue("zids", Enumerable.Range(0, zones.Length).ToArray());
            setup.Parameters.AddWithValue("zwkbs", zones.Select(Wkb.Write).ToArray());
            await setup.ExecuteNonQueryAsync();
        }

        await using (var areas = new NpgsqlCommand(ZoneAreas, conn))
        await using (var reader = await areas.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                AssertAgrees(reader.GetDouble(1), zoneAreas[reader.GetInt32(0)], $"zone {reader.GetInt32(0)} area");
            }
        }

        var theirs = new Dictionary<(int Zone, int Perimeter), double>();
        await using (var pieces = new NpgsqlCommand(Pieces, conn))
        await using (var reader = await pieces.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                theirs[(reader.GetInt32(0), reader.GetInt32(1))] = reader.GetDouble(2);
            }
        }

        foreach (var (key, area) in theirs)
        {
            AssertAgrees(area, ours.GetValueOrDefault(key), $"zone {key.Zone} × perimeter {key.Perimeter}");
        }

        foreach (var (key, area) in ours)
        {
            AssertAgrees(theirs.GetValueOrDefault(key), area, $"zone {key.Zone} × perimeter {key.Perimeter} (ours only)");
        }

        return new Report(theirs.Count(t => t.Value > 1.0));
    }

    private static void AssertAgrees(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= Math.Max(1.0, 1e-4 * Math.Abs(expected)), $"{what}: PostGIS {expected} m², ours {actual} m²");

    private static Polygon Box(GeometryFactory factory, Envelope envelope, double margin)
    {
        var e = new Envelope(envelope);
        e.ExpandBy(margin);
        return (Polygon)factory.ToGeometry(e);
    }

    private static Geometry Largest(Geometry g) =>
        Enumerable.Range(0, g.NumGeometries).Select(g.GetGeometryN).MaxBy(p => p.Area)!;
}
