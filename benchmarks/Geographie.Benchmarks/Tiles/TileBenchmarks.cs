using Geographie.Tiles.Tests.Support;
using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Geographie.Tiles;

namespace Geographie.Benchmarks.Tiles;

/// <summary>
/// Cold tile build (no tile cache) of the heaviest tile covering the city at z12/z13/z14: our <see cref="TileDataSet"/>
/// vs PostGIS ST_AsMVT over a GiST-indexed TEMP table (one prepared query per tile over Npgsql), same run.
/// [GlobalSetup] also prints a survey: every tile covering the city, built once each (p50/p95/max, sizes).
/// </summary>
[Config(typeof(Percentiles))]
public class TileBenchmarks
{
    private TileDataSet _data = null!;
    private PostGisTiles _postgis = null!;
    private TileAddress _tile;

    [Params("Marseille", "Lyon")]
    public string City { get; set; } = "Marseille";

    [Params(12, 13, 14)]
    public int Zoom { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        TileLayer[] layers = TileBenchData.Layers(City);
        long t0 = Stopwatch.GetTimestamp();
        _data = new TileDataSet(layers);
        double construct = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        _postgis = new PostGisTiles(layers);
        TileAddress[] tiles = TileBenchData.Tiles(City, Zoom);
        _tile = tiles.MaxBy(t => _data.BuildTile(t)?.Length ?? 0);
        Console.WriteLine($"// TileDataSet({City}) construction {construct:F1} ms; heaviest z{Zoom} tile {_tile} = {_data.BuildTile(_tile)!.Length} B ours, {_postgis.BuildTile(_tile)!.Length} B ST_AsMVT");
        Console.WriteLine("// " + TileSurvey.Describe(City, Zoom, _data, _postgis, tiles));
    }

    [GlobalCleanup]
    public void Cleanup() => _postgis.Dispose();

    [Benchmark(Baseline = true, Description = "TileDataSet.BuildTile")]
    public byte[]? Ours() => _data.BuildTile(_tile);

    [Benchmark(Description = "PostGIS ST_AsMVT")]
    public byte[]? PostGis() => _postgis.BuildTile(_tile);

    private sealed class Percentiles : ManualConfig
    {
        public Percentiles() => AddColumn(StatisticColumn.P95);
    }
}
