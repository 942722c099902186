using BenchmarkDotNet.Attributes;
using Geographie.Spatial;

namespace Geographie.Benchmarks;

/// <summary>Grid lookup on 1 vs 2 threads over the same 1M quartiers points (ns per point of wall time).</summary>
public class ParallelLookupBenchmarks
{
    private PerimeterIndex _grid = null!;
    private double[] _x = null!;
    private double[] _y = null!;

    [GlobalSetup]
    public void Setup()
    {
        _grid = PerimeterIndex.Build(Workloads.Perimeters("quartiers"), IndexStrategy.Grid);
        (_x, _y) = Workloads.Points("quartiers", Workloads.PointCount);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Workloads.PointCount)]
    public int OneThread() => Run(0, _x.Length);

    [Benchmark(OperationsPerInvoke = Workloads.PointCount)]
    public int TwoThreads()
    {
        int half = _x.Length / 2, second = 0;
        var t = new Thread(() => second = Run(half, _x.Length));
        t.Start();
        int first = Run(0, half);
        t.Join();
        return first + second;
    }

    private int Run(int from, int to)
    {
        Span<int> hits = stackalloc int[8];
        int total = 0;
        for (int i = from; i < to; i++)
        {
            total += _grid.FindCovering(_x[i], _y[i], hits);
        }

        return total;
    }
}
