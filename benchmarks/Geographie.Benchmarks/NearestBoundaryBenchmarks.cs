using BenchmarkDotNet.Attributes;
using Geographie.Spatial;

namespace Geographie.Benchmarks;

/// <summary>
/// Nearest boundary within 1 km for points that have one: Grid with its nearest-boundary cells, the same Grid walking
/// its cells outwards (<c>nearestRadiusMetres: 0</c>, the search the cells replaced), and NTS IndexedFacetDistance.
/// </summary>
public class NearestBoundaryBenchmarks
{
    private const int Count = 20_000;
    private const double MaxMetres = 1000;

    private PerimeterIndex _grid = null!;
    private PerimeterIndex _walk = null!;
    private NtsPeer _nts = null!;
    private double[] _x = null!;
    private double[] _y = null!;

    [Params("quartiers", "iris")]
    public string Dataset { get; set; } = "quartiers";

    [GlobalSetup]
    public void Setup()
    {
        Perimeter[] perimeters = Workloads.Perimeters(Dataset);
        _grid = PerimeterIndex.Build(perimeters, IndexStrategy.Grid);
        _walk = PerimeterIndex.Build(perimeters, IndexStrategy.Grid, nearestRadiusMetres: 0);
        _nts = new NtsPeer(perimeters, distances: true);
        (double[] xs, double[] ys) = Workloads.Points(Dataset, Count * 4, seed: 7);
        var keepX = new List<double>();
        var keepY = new List<double>();
        for (int i = 0; i < xs.Length && keepX.Count < Count; i++)
        {
            if (_grid.TryFindNearestBoundary(xs[i], ys[i], MaxMetres, out _, out _))
            {
                keepX.Add(xs[i]);
                keepY.Add(ys[i]);
            }
        }

        _x = keepX.ToArray();
        _y = keepY.ToArray();
        if (_x.Length != Count)
        {
            throw new InvalidOperationException("not enough points within 1 km");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public double Nts()
    {
        double sum = 0;
        for (int i = 0; i < _x.Length; i++)
        {
            _nts.Nearest(_x[i], _y[i], MaxMetres, out double d);
            sum += d;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public double Grid()
    {
        double sum = 0;
        for (int i = 0; i < _x.Length; i++)
        {
            _grid.TryFindNearestBoundary(_x[i], _y[i], MaxMetres, out _, out double d);
            sum += d;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public double GridWalk()
    {
        double sum = 0;
        for (int i = 0; i < _x.Length; i++)
        {
            _walk.TryFindNearestBoundary(_x[i], _y[i], MaxMetres, out _, out double d);
            sum += d;
        }

        return sum;
    }
}
