using BenchmarkDotNet.Attributes;
using Geographie.Spatial;

namespace Geographie.Benchmarks;

/// <summary>Point lookup, single thread, ns per point: Grid vs NTS (baseline) vs the plain scan (on a 20k subset).</summary>
public class LookupBenchmarks
{
    private const int ScanPoints = 20_000;

    private PerimeterIndex _grid = null!;
    private PerimeterIndex _scan = null!;
    private NtsPeer _nts = null!;
    private double[] _x = null!;
    private double[] _y = null!;

    [Params("quartiers", "iris", "france")]
    public string Dataset { get; set; } = "quartiers";

    [GlobalSetup]
    public void Setup()
    {
        Perimeter[] perimeters = Workloads.Perimeters(Dataset);
        _grid = PerimeterIndex.Build(perimeters, IndexStrategy.Grid);
        _scan = PerimeterIndex.Build(perimeters, IndexStrategy.Scan);
        _nts = new NtsPeer(perimeters, distances: false);
        (_x, _y) = Workloads.Points(Dataset, Workloads.PointCount);
        Console.WriteLine($"// {Dataset}: {perimeters.Length} perimeters, {_grid.VertexCount} vertices, grid memory {_grid.MemoryBytes / 1e6:F2} MB = {_grid.MemoryBytes / (16.0 * _grid.VertexCount):F2}x raw, hit rate {HitRate():P1}");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Workloads.PointCount)]
    public int Nts()
    {
        int hits = 0;
        for (int i = 0; i < _x.Length; i++)
        {
            hits += _nts.CountCovering(_x[i], _y[i]);
        }

        return hits;
    }

    [Benchmark(OperationsPerInvoke = Workloads.PointCount)]
    public int Grid() => Run(_grid, 0, _x.Length);

    [Benchmark(OperationsPerInvoke = ScanPoints)]
    public int Scan() => Run(_scan, 0, ScanPoints);

    private int Run(PerimeterIndex index, int from, int to)
    {
        Span<int> hits = stackalloc int[8];
        int total = 0;
        for (int i = from; i < to; i++)
        {
            total += index.FindCovering(_x[i], _y[i], hits);
        }

        return total;
    }

    private double HitRate()
    {
        Span<int> hits = stackalloc int[8];
        int inside = 0;
        for (int i = 0; i < _x.Length; i++)
        {
            inside += _grid.FindCovering(_x[i], _y[i], hits) > 0 ? 1 : 0;
        }

        return inside / (double)_x.Length;
    }
}
