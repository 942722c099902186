using BenchmarkDotNet.Attributes;
using Geographie.Spatial;

namespace Geographie.Benchmarks;

/// <summary>Index build time (includes flattening and projecting every vertex).</summary>
public class BuildBenchmarks
{
    private Perimeter[] _perimeters = null!;

    [Params("quartiers", "iris", "france")]
    public string Dataset { get; set; } = "quartiers";

    [GlobalSetup]
    public void Setup() => _perimeters = Workloads.Perimeters(Dataset);

    [Benchmark(Baseline = true)]
    public PerimeterIndex Scan() => PerimeterIndex.Build(_perimeters, IndexStrategy.Scan);

    [Benchmark]
    public PerimeterIndex Grid() => PerimeterIndex.Build(_perimeters, IndexStrategy.Grid);
}
