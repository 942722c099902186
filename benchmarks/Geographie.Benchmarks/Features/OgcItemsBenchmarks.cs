using BenchmarkDotNet.Attributes;
using Geographie.Api.Data;
using Geographie.Api.Features;
using Geographie.Domain.Snapshots;
using Geographie.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using NetTopologySuite.IO;
using Npgsql;

namespace Geographie.Benchmarks.Features;

/// <summary>
/// One page of 1,000 features of <c>GET /ogc/collections/{id}/items</c> over a loopback socket (the real endpoint,
/// features already encoded for this snapshot), against its peer: PostGIS building the same GeoJSON page the way
/// pg_featureserv does (<c>ST_AsGeoJSON</c> per row, GiST for the bbox), read whole by the client. Same stand-in data
/// (<see cref="OgcBenchData"/>); GEOGRAPHIE_DB or the local cluster for PostGIS.
/// </summary>
public class OgcItemsBenchmarks
{
    // Central Marseille: about 390 of the stand-in polygons intersect it.
    private const string Bbox = "5.33,43.25,5.45,43.35";

    private const string Setup = """
        CREATE TEMP TABLE bench_feature (code text COLLATE "C" PRIMARY KEY, name text, departement text, geom geometry(MultiPolygon, 4326));
        INSERT INTO bench_feature SELECT t.code, t.name, '13', ST_GeomFromWKB(t.wkb, 4326) FROM unnest(@codes, @names, @wkbs) AS t(code, name, wkb);
        CREATE INDEX ON bench_feature USING gist (geom);
        ANALYZE bench_feature;
        """;

    private const string Page = """
        SELECT json_build_object(
            'type', 'FeatureCollection',
            'numberMatched', (SELECT count(*) FROM bench_feature f WHERE {0}),
            'numberReturned', count(*),
            'features', coalesce(json_agg(ST_AsGeoJSON(p.*, 'geom', 15)::json), '[]'::json))::text
        FROM (SELECT code, name, departement, geom FROM bench_feature f WHERE {0} ORDER BY code LIMIT 1000) p
        """;

    private const string BboxFilter = "f.geom && ST_MakeEnvelope(5.33, 43.25, 5.45, 43.35, 4326) AND ST_Intersects(f.geom, ST_MakeEnvelope(5.33, 43.25, 5.45, 43.35, 4326))";

    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private string _items = null!;
    private NpgsqlConnection _connection = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        var state = new GeographyState();
        state.Publish(OgcBenchData.Snapshot(1), TimeSpan.Zero, DateTimeOffset.UtcNow);
        string baseUrl;
        (_app, baseUrl) = OgcBenchData.Serve(state);
        _http = new HttpClient();
        _items = baseUrl + "/ogc/collections/qpv2024/items";
        _connection = new NpgsqlConnection(Geographie.Storage.GeographieDatabase.ConnectionStringFromEnvironment());
        _connection.Open();
        var writer = new WKBWriter();
        using (var command = new NpgsqlCommand(Setup, _connection))
        {
            command.Parameters.AddWithValue("codes", OgcBenchData.StandIn.Select(q => q.Code).ToArray());
            command.Parameters.AddWithValue("names", OgcBenchData.StandIn.Select(q => q.Name).ToArray());
            command.Parameters.AddWithValue("wkbs", OgcBenchData.StandIn.Select(q => writer.Write(q.Perimeter)).ToArray());
            command.ExecuteNonQuery();
        }
        Console.WriteLine($"// first page: service {ServiceFirstPage():N0} bytes, PostGIS {PostGisFirstPage():N0} chars; bbox page: service {ServiceBboxPage():N0}, PostGIS {PostGisBboxPage():N0}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _connection.Dispose();
        _http.Dispose();
        _app.StopAsync().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public int ServiceFirstPage() => _http.GetByteArrayAsync(_items + "?limit=1000").GetAwaiter().GetResult().Length;

    [Benchmark]
    public int PostGisFirstPage() => PostGis("true");

    [Benchmark]
    public int ServiceBboxPage() => _http.GetByteArrayAsync(_items + "?limit=1000&bbox=" + Bbox).GetAwaiter().GetResult().Length;

    [Benchmark]
    public int PostGisBboxPage() => PostGis(BboxFilter);

    private int PostGis(string filter)
    {
        using var command = new NpgsqlCommand(string.Format(System.Globalization.CultureInfo.InvariantCulture, Page, filter), _connection);
        return ((string)command.ExecuteScalar()!).Length;
    }
}

/// <summary>
/// The first page after a reload: each iteration publishes a new snapshot (not timed). <see cref="FirstPageAfterWarmUp"/>
/// waits (untimed) for the background encoding the publication starts (<see cref="FeatureCatalogs.Warming"/>), as a
/// client arriving a moment after the reload finds it; <see cref="FirstPageRacingWarmUp"/> asks at once, while that
/// encoding runs; <see cref="WarmUp"/> times the encoding itself (catalog and every feature) on an unpublished snapshot.
/// </summary>
[InvocationCount(1, 1)]
public class OgcItemsColdBenchmarks
{
    private readonly GeographyState _state = new();
    private WebApplication _app = null!;
    private FeatureCatalogs _catalogs = null!;
    private HttpClient _http = null!;
    private string _items = null!;
    private long _revision;
    private GeographySnapshot _fresh = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        string baseUrl;
        (_app, baseUrl) = OgcBenchData.Serve(_state);
        _catalogs = _app.Services.GetRequiredService<FeatureCatalogs>();
        _http = new HttpClient();
        _items = baseUrl + "/ogc/collections/qpv2024/items?limit=1000";
    }

    [IterationSetup(Targets = [nameof(FirstPageAfterWarmUp)])]
    public void NewSnapshotWarmed()
    {
        Publish();
        _catalogs.Warming.GetAwaiter().GetResult();
    }

    [IterationSetup(Targets = [nameof(WarmUp)])]
    public void NewSnapshotUnpublished() => _fresh = OgcBenchData.Snapshot(++_revision);

    [IterationSetup(Targets = [nameof(FirstPageRacingWarmUp)])]
    public void Publish() => _state.Publish(OgcBenchData.Snapshot(++_revision), TimeSpan.Zero, DateTimeOffset.UtcNow);

    [GlobalCleanup]
    public void Cleanup()
    {
        _http.Dispose();
        _app.StopAsync().GetAwaiter().GetResult();
    }

    [Benchmark]
    public int FirstPageAfterWarmUp() => _http.GetByteArrayAsync(_items).GetAwaiter().GetResult().Length;

    [Benchmark]
    public int FirstPageRacingWarmUp() => _http.GetByteArrayAsync(_items).GetAwaiter().GetResult().Length;

    /// <summary>What the background warm-up does for one snapshot, timed on this thread; returns the bytes kept.</summary>
    [Benchmark]
    public long WarmUp() => new FeatureCatalog(_fresh).EncodeAll(() => false);
}
