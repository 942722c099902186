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
        Coordinate[] points = AdversarialPoints(perimeters).ToArray();
        int shared = 0, boundaryHits = 0;
        Parallel2.Check(points.Length, () => (Nts: new NtsOracle(perimeters), A: new int[16], B: new int[16]), (s, i) =>
        {
            Coordinate c = points[i];
            int[] expected = s.Nts.Covering(c.X, c.Y).ToArray();
            int na = grid.FindCovering(c.X, c.Y, s.A);
            // The scan oracle is slow on big polygons: it checks every third adversarial point.
            int nb = i % 3 == 0 ? scan.FindCovering(c.X, c.Y, s.B) : -1;
            Interlocked.Add(ref boundaryHits, na);
            if (na >= 2)
            {
                Interlocked.Increment(ref shared);
            }

            bool ok = s.A.AsSpan(0, na).SequenceEqual(expected) && (nb < 0 || s.B.AsSpan(0, nb).SequenceEqual(expected));
            return ok ? null : $"{dataset} ({c.X:R}, {c.Y:R}): grid {Parallel2.Ids(s.A.AsSpan(0, na))} scan {(nb < 0 ? "-" : Parallel2.Ids(s.B.AsSpan(0, nb)))} NTS {Parallel2.Ids(expected)}";
        });

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
