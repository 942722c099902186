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
        var nts = new NtsOracle(perimeters);
        Envelope env = GeoData.Extent(perimeters);
        var rng = new Random(20260101);
        Span<int> hits = stackalloc int[16];
        int inside = 0;
        for (int i = 0; i < count; i++)
        {
            double x = env.MinX + rng.NextDouble() * env.Width, y = env.MinY + rng.NextDouble() * env.Height;
            int n = grid.FindCovering(x, y, hits);
            List<int> expected = nts.Covering(x, y);
            if (n != expected.Count || !hits[..n].SequenceEqual(expected.ToArray()))
            {
                Assert.Fail($"{dataset} point #{i} ({x:R}, {y:R}): grid [{string.Join(',', hits[..n].ToArray())}] vs NTS [{string.Join(',', expected)}]");
            }

            inside += n > 0 ? 1 : 0;
        }

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
