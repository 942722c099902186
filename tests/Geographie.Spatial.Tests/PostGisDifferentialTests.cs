using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Npgsql;

namespace Geographie.Spatial.Tests;

/// <summary>
/// Against a real PostGIS (GEOGRAPHIE_DB, or the local default). Fails, never skips, when PostGIS is unreachable:
/// CI always provides it.
/// </summary>
public sealed class PostGisDifferentialTests
{
    private const string DefaultConnection = "Host=127.0.0.1;Port=55432;Username=geographie;Password=geographie;Database=geographie";

    private const string CreateTable = """
        CREATE TEMP TABLE perimeter_under_test (id int PRIMARY KEY, geom geometry(Geometry, 4326), b2154 geometry);
        """;

    private const string InsertPerimeters = """
        INSERT INTO perimeter_under_test (id, geom)
        SELECT t.id, ST_GeomFromWKB(t.wkb, 4326) FROM unnest(@ids, @wkbs) AS t(id, wkb);
        UPDATE perimeter_under_test SET b2154 = ST_Boundary(ST_Transform(geom, 2154));
        CREATE INDEX ON perimeter_under_test USING gist (geom);
        ANALYZE perimeter_under_test;
        """;

    private const string CoversQuery = """
        SELECT t.i::int, coalesce(array_agg(p.id ORDER BY p.id) FILTER (WHERE p.id IS NOT NULL), '{}')
        FROM unnest(@xs, @ys) WITH ORDINALITY AS t(x, y, i)
        LEFT JOIN perimeter_under_test p ON ST_Covers(p.geom, ST_SetSRID(ST_MakePoint(t.x, t.y), 4326))
        GROUP BY t.i ORDER BY t.i;
        """;

    private const string DistanceQuery = """
        SELECT t.i::int, ST_Distance(p.b2154, ST_Transform(ST_SetSRID(ST_MakePoint(t.x, t.y), 4326), 2154)),
               ST_X(ST_Transform(ST_SetSRID(ST_MakePoint(t.x, t.y), 4326), 2154)), ST_Y(ST_Transform(ST_SetSRID(ST_MakePoint(t.x, t.y), 4326), 2154))
        FROM unnest(@xs, @ys, @ids) WITH ORDINALITY AS t(x, y, id, i)
        JOIN perimeter_under_test p ON p.id = t.id ORDER BY t.i;
        """;

    private const string TransformQuery = """
        SELECT ST_X(g), ST_Y(g) FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(@x, @y), 4326), @srid) AS g) s;
        """;

    [Fact]
    public async Task Quartiers_CoversAndDistances_AgreeWithPostGis()
    {
        IReadOnlyList<Perimeter> perimeters = GeoData.Load(GeoData.Quartiers);
        PerimeterIndex index = GeoData.Index(GeoData.Quartiers, IndexStrategy.Grid);
        await using NpgsqlConnection conn = await OpenAsync();
        await using (var cmd = new NpgsqlCommand(CreateTable, conn))
        {
            await cmd.ExecuteNonQueryAsync();
        }

        var writer = new WKBWriter();
        await using (var cmd = new NpgsqlCommand(InsertPerimeters, conn))
        {
            cmd.Parameters.AddWithValue("ids", perimeters.Select(p => p.Id).ToArray());
            cmd.Parameters.AddWithValue("wkbs", perimeters.Select(p => writer.Write(p.Geometry)).ToArray());
            await cmd.ExecuteNonQueryAsync();
        }

        // Uniform points plus vertices and edge midpoints (boundary cases).
        Envelope env = GeoData.Extent(perimeters);
        var rng = new Random(2024);
        var xs = new List<double>();
        var ys = new List<double>();
        for (int i = 0; i < 20_000; i++)
        {
            xs.Add(env.MinX + rng.NextDouble() * env.Width);
            ys.Add(env.MinY + rng.NextDouble() * env.Height);
        }

        foreach (Perimeter p in perimeters.Where(p => p.Id % 10 == 0))
        {
            Coordinate[] cs = p.Geometry.Coordinates;
            for (int i = 0; i + 1 < cs.Length; i += 37)
            {
                xs.Add(cs[i].X);
                ys.Add(cs[i].Y);
                xs.Add((cs[i].X + cs[i + 1].X) / 2);
                ys.Add((cs[i].Y + cs[i + 1].Y) / 2);
            }
        }

        await using (var cmd = new NpgsqlCommand(CoversQuery, conn))
        {
            cmd.Parameters.AddWithValue("xs", xs.ToArray());
            cmd.Parameters.AddWithValue("ys", ys.ToArray());
            await using NpgsqlDataReader reader = await cmd.ExecuteReaderAsync();
            int rows = 0, disagreements = 0;
            var messages = new List<string>();
            int[] hits = new int[16];
            while (await reader.ReadAsync())
            {
                int i = reader.GetInt32(0) - 1;
                int[] expected = reader.GetFieldValue<int[]>(1);
                int n = index.FindCovering(xs[i], ys[i], hits);
                if (!hits.AsSpan(0, n).SequenceEqual(expected))
                {
                    disagreements++;
                    messages.Add($"({xs[i]:R}, {ys[i]:R}): index [{string.Join(',', hits[..n])}] PostGIS [{string.Join(',', expected)}]");
                }

                rows++;
            }

            Assert.Equal(xs.Count, rows);
            Assert.True(disagreements == 0, string.Join('\n', messages.Take(20)));
        }

        await using (var cmd = new NpgsqlCommand(DistanceQuery, conn))
        {
            int pairs = 5000;
            int[] ids = Enumerable.Range(0, pairs).Select(i => i % perimeters.Count).ToArray();
            cmd.Parameters.AddWithValue("xs", xs.Take(pairs).ToArray());
            cmd.Parameters.AddWithValue("ys", ys.Take(pairs).ToArray());
            cmd.Parameters.AddWithValue("ids", ids);
            await using NpgsqlDataReader reader = await cmd.ExecuteReaderAsync();
            int rows = 0;
            while (await reader.ReadAsync())
            {
                int i = reader.GetInt32(0) - 1;
                double expected = reader.GetDouble(1);
                Assert.Equal(expected, index.DistanceToBoundary(ids[i], xs[i], ys[i]), 0.01);
                MetricCrs.Lambert93.Project(xs[i], ys[i], out double x, out double y);
                Assert.Equal(reader.GetDouble(2), x, 1e-3);
                Assert.Equal(reader.GetDouble(3), y, 1e-3);
                rows++;
            }

            Assert.Equal(pairs, rows);
        }
    }

    [Theory]
    [InlineData(2154, 5.37, 43.30)]
    [InlineData(2154, -4.48, 48.39)]
    [InlineData(2154, 9.45, 42.70)]
    [InlineData(5490, -61.53, 16.24)]
    [InlineData(5490, -61.07, 14.61)]
    [InlineData(2972, -52.33, 4.93)]
    [InlineData(2975, 55.45, -20.88)]
    [InlineData(4471, 45.23, -12.78)]
    public async Task Projection_AgreesWithStTransform(int srid, double lon, double lat)
    {
        await using NpgsqlConnection conn = await OpenAsync();
        await using var cmd = new NpgsqlCommand(TransformQuery, conn);
        cmd.Parameters.AddWithValue("x", lon);
        cmd.Parameters.AddWithValue("y", lat);
        cmd.Parameters.AddWithValue("srid", srid);
        await using NpgsqlDataReader reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        MetricCrs crs = MetricProjection.ForLocation(lon, lat);
        Assert.Equal(srid, crs.Srid);
        crs.Project(lon, lat, out double x, out double y);
        Assert.Equal(reader.GetDouble(0), x, 1e-3);
        Assert.Equal(reader.GetDouble(1), y, 1e-3);
    }

    private static async Task<NpgsqlConnection> OpenAsync()
    {
        string cs = Environment.GetEnvironmentVariable("GEOGRAPHIE_DB") is { Length: > 0 } env ? env : DefaultConnection;
        var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        return conn;
    }
}
