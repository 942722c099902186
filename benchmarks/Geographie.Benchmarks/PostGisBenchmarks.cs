using BenchmarkDotNet.Attributes;
using Geographie.Spatial;
using NetTopologySuite.IO;
using Npgsql;

namespace Geographie.Benchmarks;

/// <summary>
/// PostGIS peer: 100k quartiers points in one unnest query against ST_Subdivide'd polygons with a GiST index
/// (TEMP table on the benchmark's own connection; GEOGRAPHIE_DB or the local default).
/// </summary>
public class PostGisBenchmarks
{
    private const int Count = 100_000;

    private const string Setup = """
        CREATE TEMP TABLE bench_perimeter (id int, geom geometry(Geometry, 4326));
        INSERT INTO bench_perimeter SELECT t.id, ST_GeomFromWKB(t.wkb, 4326) FROM unnest(@ids, @wkbs) AS t(id, wkb);
        CREATE TEMP TABLE bench_piece AS SELECT id, ST_Subdivide(geom, 128) AS geom FROM bench_perimeter;
        CREATE INDEX ON bench_piece USING gist (geom);
        ANALYZE bench_piece;
        """;

    private const string Query = """
        SELECT DISTINCT t.i, p.id
        FROM unnest(@xs, @ys) WITH ORDINALITY AS t(x, y, i)
        JOIN bench_piece p ON ST_Covers(p.geom, ST_SetSRID(ST_MakePoint(t.x, t.y), 4326));
        """;

    private NpgsqlConnection _conn = null!;
    private double[] _x = null!;
    private double[] _y = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        string cs = Geographie.Storage.GeographieDatabase.ConnectionStringFromEnvironment();
        _conn = new NpgsqlConnection(cs);
        _conn.Open();
        Perimeter[] perimeters = Workloads.Perimeters("quartiers");
        var writer = new WKBWriter();
        using (var cmd = new NpgsqlCommand(Setup, _conn))
        {
            cmd.Parameters.AddWithValue("ids", perimeters.Select(p => p.Id).ToArray());
            cmd.Parameters.AddWithValue("wkbs", perimeters.Select(p => writer.Write(p.Geometry)).ToArray());
            cmd.ExecuteNonQuery();
        }

        (_x, _y) = Workloads.Points("quartiers", Count);
    }

    [GlobalCleanup]
    public void Cleanup() => _conn.Dispose();

    [Benchmark(OperationsPerInvoke = Count)]
    public long PostGisBatchedUnnest()
    {
        using var cmd = new NpgsqlCommand(Query, _conn);
        cmd.Parameters.AddWithValue("xs", _x);
        cmd.Parameters.AddWithValue("ys", _y);
        using NpgsqlDataReader reader = cmd.ExecuteReader();
        long sum = 0;
        while (reader.Read())
        {
            sum += reader.GetInt32(1);
        }

        return sum;
    }
}
