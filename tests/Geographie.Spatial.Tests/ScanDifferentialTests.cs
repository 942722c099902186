using NetTopologySuite.Geometries;

namespace Geographie.Spatial.Tests;

/// <summary>Grid vs the plain-scan oracle: 1,000,000 fixed-seed uniform points per shipped dataset.</summary>
public sealed class ScanDifferentialTests
{
    [Theory]
    [MemberData(nameof(DifferentialTests.Datasets), MemberType = typeof(DifferentialTests))]
    public void UniformPoints_GridAgreesWithScan(string dataset, int count)
    {
        IReadOnlyList<Perimeter> perimeters = GeoData.Load(dataset);
        PerimeterIndex grid = GeoData.Index(dataset, IndexStrategy.Grid);
        PerimeterIndex scan = GeoData.Index(dataset, IndexStrategy.Scan);
        (double[] xs, double[] ys) = Parallel2.UniformPoints(GeoData.Extent(perimeters), count, seed: 7);
        Parallel2.Check(count, () => (A: new int[16], B: new int[16]), (s, i) =>
        {
            int na = grid.FindCovering(xs[i], ys[i], s.A), nb = scan.FindCovering(xs[i], ys[i], s.B);
            return s.A.AsSpan(0, na).SequenceEqual(s.B.AsSpan(0, nb))
                ? null
                : $"{dataset} point #{i} ({xs[i]:R}, {ys[i]:R}): grid {Parallel2.Ids(s.A.AsSpan(0, na))} vs scan {Parallel2.Ids(s.B.AsSpan(0, nb))}";
        });
    }
}
