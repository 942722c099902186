using NetTopologySuite.Geometries;

namespace Geographie.Spatial.Tests;

/// <summary>
/// Grid vs NetTopologySuite on every shipped dataset: 1,000,000 fixed-seed uniform points over the data
/// extent; holes and multipolygon parts of IRIS.
/// </summary>
public sealed class DifferentialTests
{
    public static TheoryData<string, int> Datasets => new()
    {
        { GeoData.Quartiers, 1_000_000 },
        { GeoData.Iris, 1_000_000 },
        { GeoData.Communes, 1_000_000 },
        { GeoData.QpvLyon, 1_000_000 },
    };

    [Theory]
    [MemberData(nameof(Datasets))]
    public void UniformPoints_GridAgreesWithNts(string dataset, int count)
    {
        IReadOnlyList<Perimeter> perimeters = GeoData.Load(dataset);
        PerimeterIndex grid = GeoData.Index(dataset, IndexStrategy.Grid);
        (double[] xs, double[] ys) = Parallel2.UniformPoints(GeoData.Extent(perimeters), count, seed: 20260101);
        int inside = 0;
        Parallel2.Check(count, () => (Nts: new NtsOracle(perimeters), Hits: new int[16]), (s, i) =>
        {
            int n = grid.FindCovering(xs[i], ys[i], s.Hits);
            List<int> expected = s.Nts.Covering(xs[i], ys[i]);
            if (n > 0)
            {
                Interlocked.Increment(ref inside);
            }

            return s.Hits.AsSpan(0, n).SequenceEqual(expected.ToArray())
                ? null
                : $"{dataset} point #{i} ({xs[i]:R}, {ys[i]:R}): grid {Parallel2.Ids(s.Hits.AsSpan(0, n))} vs NTS {Parallel2.Ids(expected.ToArray())}";
        });
        Assert.InRange(inside, 1, count - 1);
    }

    [Fact]
    public void HolesAndParts_Iris()
    {
        IReadOnlyList<Perimeter> perimeters = GeoData.Load(GeoData.Iris);
        PerimeterIndex grid = GeoData.Index(GeoData.Iris, IndexStrategy.Grid);
        int holes = 0;
        Span<int> hits = stackalloc int[16];
        foreach (Perimeter p in perimeters)
        {
            for (int k = 0; k < p.Geometry.NumGeometries; k++)
            {
                var poly = (Polygon)p.Geometry.GetGeometryN(k);
                Point partPoint = poly.InteriorPoint;
                int n = grid.FindCovering(partPoint.X, partPoint.Y, hits);
                Assert.Contains(p.Id, hits[..n].ToArray());
                foreach (LineString hole in poly.InteriorRings)
                {
                    Point inHole = poly.Factory.CreatePolygon((LinearRing)hole).InteriorPoint;
                    n = grid.FindCovering(inHole.X, inHole.Y, hits);
                    Assert.DoesNotContain(p.Id, hits[..n].ToArray());
                    holes++;
                }
            }
        }

        Assert.True(holes > 0);
    }
}
