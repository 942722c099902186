using NetTopologySuite.Geometries;

namespace Geographie.Spatial.Tests;

/// <summary>
/// Grid and Scan vs NetTopologySuite on adversarial points: every vertex, edge midpoints (shared edges included),
/// 1e-9° perpendicular offsets either side, and dense points over the smallest and largest polygons.
/// </summary>
public sealed class AdversarialTests
{
    public static TheoryData<string> Names => new(GeoData.All);

    [Theory]
    [MemberData(nameof(Names))]
    public void AdversarialPoints_AllStrategiesAgreeWithNts(string dataset)
    {
        IReadOnlyList<Perimeter> perimeters = GeoData.Load(dataset);
        PerimeterIndex grid = GeoData.Index(dataset, IndexStrategy.Grid);
        PerimeterIndex scan = GeoData.Index(dataset, IndexStrategy.Scan);
        var nts = new NtsOracle(perimeters);
        List<Coordinate> points = AdversarialPoints(perimeters);
        Span<int> a = stackalloc int[16];
        Span<int> b = stackalloc int[16];
        int shared = 0, boundaryHits = 0;
        foreach (Coordinate c in points)
        {
            List<int> expected = nts.Covering(c.X, c.Y);
            int na = grid.FindCovering(c.X, c.Y, a), nb = scan.FindCovering(c.X, c.Y, b);
            if (!a[..na].SequenceEqual(expected.ToArray()) || !b[..nb].SequenceEqual(expected.ToArray()))
            {
                Assert.Fail($"{dataset} ({c.X:R}, {c.Y:R}): grid [{string.Join(',', a[..na].ToArray())}] scan [{string.Join(',', b[..nb].ToArray())}] NTS [{string.Join(',', expected)}]");
            }

            shared += na >= 2 ? 1 : 0;
            boundaryHits += na;
        }

        Assert.True(boundaryHits > 0);
        if (dataset != GeoData.QpvLyon)
        {
            Assert.True(shared > 0, "partitions must exercise shared edges");
        }
    }

    private static List<Coordinate> AdversarialPoints(IReadOnlyList<Perimeter> perimeters)
    {
        var points = new List<Coordinate>();
        foreach (Perimeter p in perimeters)
        {
            foreach (Polygon poly in Enumerable.Range(0, p.Geometry.NumGeometries).Select(k => (Polygon)p.Geometry.GetGeometryN(k)))
            {
                foreach (LineString ring in new[] { poly.ExteriorRing }.Concat(poly.InteriorRings))
                {
                    Coordinate[] cs = ring.Coordinates;
                    for (int i = 0; i + 1 < cs.Length; i++)
                    {
                        Coordinate a = cs[i], b = cs[i + 1];
                        points.Add(a);
                        double mx = (a.X + b.X) / 2, my = (a.Y + b.Y) / 2;
                        points.Add(new Coordinate(mx, my));
                        double dx = b.X - a.X, dy = b.Y - a.Y, len = Math.Sqrt(dx * dx + dy * dy);
                        if (len > 0)
                        {
                            double ox = -dy / len * 1e-9, oy = dx / len * 1e-9;
                            points.Add(new Coordinate(mx + ox, my + oy));
                            points.Add(new Coordinate(mx - ox, my - oy));
                        }
                    }
                }
            }
        }

        // Dense random points over the smallest and the largest perimeter.
        Perimeter smallest = perimeters.MinBy(p => p.Geometry.Area)!, largest = perimeters.MaxBy(p => p.Geometry.NumPoints)!;
        var rng = new Random(99);
        foreach (Perimeter p in new[] { smallest, largest })
        {
            Envelope env = p.Geometry.EnvelopeInternal;
            for (int i = 0; i < 20_000; i++)
            {
                points.Add(new Coordinate(env.MinX + rng.NextDouble() * env.Width, env.MinY + rng.NextDouble() * env.Height));
            }
        }

        return points;
    }
}
