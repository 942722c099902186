using BenchmarkDotNet.Attributes;
using Geographie.Spatial;
using Geographie.Spatial.Areas;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Npgsql;

namespace Geographie.Benchmarks.Overlaps;

/// <summary>
/// Zone × perimeter areas in Lambert-93, in process (<see cref="OverlapIndex"/>, one thread, each zone projected as a
/// request would) against PostGIS computing the same areas in the same run: zones and perimeters stored already in
/// EPSG:2154 (not timed), perimeters cut with <c>ST_Subdivide(…, 128)</c> under a GiST index, one query for all zones,
/// the pieces' areas summed per (zone, perimeter). Workloads: the 278 Rhône communes × the 37 real Lyon 2015 QPV, and
/// the 840 IRIS of the Bouches-du-Rhône × the 111 Marseille quartiers (a stand-in for QPV: they are not QPV).
/// Mean is per call over all zones (278 or 840): divide by the zone count for the time per zone.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class OverlapBenchmarks
{
    private const string Setup = """
        DROP TABLE IF EXISTS bench_zone, bench_zone_wgs84, bench_overlap_piece;
        CREATE TEMP TABLE bench_zone AS SELECT t.id, ST_Transform(ST_GeomFromWKB(t.wkb, 4326), 2154) AS g FROM unnest(@zids, @zwkbs) AS t(id, wkb);
        CREATE TEMP TABLE bench_zone_wgs84 AS SELECT t.id, ST_GeomFromWKB(t.wkb, 4326) AS g FROM unnest(@zids, @zwkbs) AS t(id, wkb);
        CREATE TEMP TABLE bench_overlap_piece AS
            SELECT t.id AS pid, ST_Subdivide(ST_Transform(ST_GeomFromWKB(t.wkb, 4326), 2154), 128) AS g FROM unnest(@pids, @pwkbs) AS t(id, wkb);
        CREATE INDEX ON bench_overlap_piece USING gist (g);
        ANALYZE bench_zone;
        ANALYZE bench_zone_wgs84;
        ANALYZE bench_overlap_piece;
        """;

    private const string Query = """
        SELECT z.id, p.pid, sum(ST_Area(ST_Intersection(z.g, p.g)))
        FROM bench_zone z JOIN bench_overlap_piece p ON ST_Intersects(z.g, p.g)
        GROUP BY z.id, p.pid
        """;

    // The zones as a request brings them (WGS84), each transformed once, as OverlapIndexPerZone projects each once.
    private const string TransformingQuery = """
        WITH z AS MATERIALIZED (SELECT id, ST_Transform(g, 2154) AS g FROM bench_zone_wgs84)
        SELECT z.id, p.pid, sum(ST_Area(ST_Intersection(z.g, p.g)))
        FROM z JOIN bench_overlap_piece p ON ST_Intersects(z.g, p.g)
        GROUP BY z.id, p.pid
        """;

    private NpgsqlConnection _conn = null!;
    private OverlapIndex _index = null!;
    private Geometry[] _zones = null!;
    private Geometry[] _projected = null!;

    private sealed class BenchmarkConfig : BenchmarkDotNet.Configs.ManualConfig
    {
        public BenchmarkConfig() => Add(BenchConfig.Create());
    }

    [Params("communes69xLyon2015", "iris13xQuartiers")]
    public string Workload { get; set; } = "";

    [GlobalSetup]
    public void GlobalSetup()
    {
        var (zoneFile, perimeterFile) = Workload == "iris13xQuartiers"
            ? ("admin/iris_13.geojson", "admin/quartiers_marseille_111.geojson")
            : ("admin/communes_69.geojson", "qpv2015/qpv2015_metropole_lyon.geojson");
        _zones = Workloads.ReadGeometries(zoneFile);
        var perimeters = Workloads.ReadGeometries(perimeterFile).Select((g, i) => new Perimeter(i, g)).ToArray();
        _index = new OverlapIndex(perimeters);
        _projected = _zones.Select(z => MetricGeometry.Project(z, MetricGeometry.CrsOf(z.EnvelopeInternal)!.Value)).ToArray();
        string cs = Geographie.Storage.GeographieDatabase.ConnectionStringFromEnvironment();
        _conn = new NpgsqlConnection(cs);
        _conn.Open();
        var writer = new WKBWriter();
        using var cmd = new NpgsqlCommand(Setup, _conn);
        cmd.Parameters.AddWithValue("zids", Enumerable.Range(0, _zones.Length).ToArray());
        cmd.Parameters.AddWithValue("zwkbs", _zones.Select(writer.Write).ToArray());
        cmd.Parameters.AddWithValue("pids", perimeters.Select(p => p.Id).ToArray());
        cmd.Parameters.AddWithValue("pwkbs", perimeters.Select(p => writer.Write(p.Geometry)).ToArray());
        cmd.ExecuteNonQuery();
    }

    [GlobalCleanup]
    public void Cleanup() => _conn.Dispose();

    /// <summary>Process id of the PostgreSQL backend serving <see cref="PostGisSubdivided"/>, for its CPU time.</summary>
    internal int BackendPid()
    {
        using var cmd = new NpgsqlCommand("SELECT pg_backend_pid()", _conn);
        return (int)cmd.ExecuteScalar()!;
    }

    /// <summary>Number of zones of the workload.</summary>
    internal int ZoneCount => _zones.Length;

    [Benchmark(Baseline = true)]
    public double PostGisSubdivided() => Run(Query);

    /// <summary>PostGIS given the zones in WGS84, transforming each once in the query (the like of <see cref="OverlapIndexPerZone"/>).</summary>
    [Benchmark]
    public double PostGisTransformingZones() => Run(TransformingQuery);

    private double Run(string query)
    {
        using var cmd = new NpgsqlCommand(query, _conn);
        using var reader = cmd.ExecuteReader();
        double sum = 0;
        while (reader.Read())
        {
            sum += reader.GetDouble(2);
        }

        return sum;
    }

    /// <summary>The boundary integral (what the service answers with for JSON and CSV).</summary>
    [Benchmark]
    public double OverlapIndexPerZone() => MeasureAll(keepGeometry: false);

    /// <summary>The boundary integral on zones projected beforehand (not timed), as PostGIS's are.</summary>
    [Benchmark]
    public double OverlapIndexPreprojected()
    {
        double sum = 0;
        foreach (var zone in _projected)
        {
            sum += _index.Measure(zone, MetricCrs.Lambert93).CoveredAreaM2;
        }

        return sum;
    }

    /// <summary>The overlay the integral replaced, still used when the pieces' geometries are asked for (GeoJSON).</summary>
    [Benchmark]
    public double OverlayPerZone() => MeasureAll(keepGeometry: true);

    private double MeasureAll(bool keepGeometry)
    {
        double sum = 0;
        foreach (var zone in _zones)
        {
            var crs = MetricGeometry.CrsOf(zone.EnvelopeInternal)!.Value;
            sum += _index.Measure(MetricGeometry.Project(zone, crs), crs, keepGeometry).CoveredAreaM2;
        }

        return sum;
    }
}
