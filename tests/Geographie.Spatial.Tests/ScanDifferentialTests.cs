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
        Envelope env = GeoData.Extent(perimeters);
        var rng = new Random(7);
        Span<int> a = stackalloc int[16];
        Span<int> b = stackalloc int[16];
        for (int i = 0; i < count; i++)
        {
            double x = env.MinX + rng.NextDouble() * env.Width, y = env.MinY + rng.NextDouble() * env.Height;
            int na = grid.FindCovering(x, y, a), nb = scan.FindCovering(x, y, b);
            if (na != nb || !a[..na].SequenceEqual(b[..nb]))
            {
                Assert.Fail($"{dataset} point #{i} ({x:R}, {y:R}): grid [{string.Join(',', a[..na].ToArray())}] vs scan [{string.Join(',', b[..nb].ToArray())}]");
            }
        }
    }
}
