using NetTopologySuite.Geometries;

namespace Geographie.Spatial.Tests;

/// <summary>
/// The nearest-boundary cells (the default Grid index) against the grid walk they replace (the same index built with
/// <c>nearestRadiusMetres: 0</c>), on every shipped dataset: fixed-seed points over the data extent widened beyond
/// the cells' radius, and points 0 to 20 m from edge midpoints and vertices. Same id and bit-identical distance for
/// every search radius, within the 5 km cells, the 10 km wide cells and beyond both (a walk again); <see cref="PerimeterIndex.DistanceToBoundary"/> against the scan oracle's plain edge loop.
/// </summary>
public sealed class NearestCellsDifferentialTests
{
    private static readonly double[] Radii = [0, 1, 50, 300, 1000, PerimeterIndex.DefaultNearestRadiusMetres, 7_500, PerimeterIndex.DefaultWideRadiusMetres, 12_000];

    public static TheoryData<string> Names => new(GeoData.All);

    [Theory]
    [MemberData(nameof(Names))]
    public void UniformPoints_CellsAgreeWithWalk(string dataset)
    {
        IReadOnlyList<Perimeter> perimeters = GeoData.Load(dataset);
        Envelope env = GeoData.Extent(perimeters);
        // About 15 km beyond the data on every side: past both sets of cells (5 and 10 km), where 12 km searches walk the grid.
        env.ExpandBy(0.2);
        (double[] xs, double[] ys) = Parallel2.UniformPoints(env, 6000, seed: 20261201);
        AssertSameAnswers(dataset, xs, ys, out int found);
        Assert.True(found > xs.Length / 2, $"{dataset}: only {found} answers found a boundary");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void PointsNearEdges_CellsAgreeWithWalk(string dataset)
    {
        IReadOnlyList<Perimeter> perimeters = GeoData.Load(dataset);
        var rng = new Random(77);
        var xs = new List<double>();
        var ys = new List<double>();
        foreach (Perimeter p in perimeters)
        {
            Coordinate[] cs = p.Geometry.Coordinates;
            for (int n = 0; n < 6; n++)
            {
                int i = rng.Next(cs.Length - 1);
                Coordinate a = cs[i], b = cs[i + 1];
                double t = n % 3 == 0 ? 0 : n % 3 == 1 ? 0.5 : rng.NextDouble();
                // Up to about 20 m off the boundary, in any direction (n == 0, 3: exactly on a vertex or the midpoint).
                double off = n == 0 || n == 3 ? 0 : 2e-4 * (rng.NextDouble() - 0.5);
                xs.Add(a.X + t * (b.X - a.X) + off);
                ys.Add(a.Y + t * (b.Y - a.Y) - off * rng.NextDouble());
            }
        }

        AssertSameAnswers(dataset, xs.ToArray(), ys.ToArray(), out int found);
        Assert.True(found > xs.Count);
    }

    [Fact]
    public void RingsTooShortToPad_CellsAgreeWithWalk()
    {
        // Test-only shapes, not QPV: beside each real Lyon QPV, the triangle of three of its own vertices. A triangle
        // has 3 edges, so its runs cannot be padded to four and take pass 1's scalar tail, next to padded runs.
        IReadOnlyList<Perimeter> qpv = GeoData.Load(GeoData.QpvLyon);
        var factory = new GeometryFactory();
        var perimeters = new List<Perimeter>(qpv);
        foreach (Perimeter p in qpv)
        {
            Coordinate[] cs = p.Geometry.Coordinates;
            int n = cs.Length - 1;
            perimeters.Add(new Perimeter(perimeters.Count, factory.CreatePolygon([cs[0], cs[n / 3], cs[2 * n / 3], cs[0]])));
        }

        Envelope env = GeoData.Extent(perimeters);
        env.ExpandBy(0.05);
        (double[] xs, double[] ys) = Parallel2.UniformPoints(env, 4000, seed: 20261202);
        PerimeterIndex cells = PerimeterIndex.Build(perimeters, IndexStrategy.Grid);
        AssertSameAnswers("Lyon QPV + test triangles", cells, PerimeterIndex.Build(perimeters, IndexStrategy.Grid, nearestRadiusMetres: 0),
            PerimeterIndex.Build(perimeters, IndexStrategy.Scan), xs, ys, out int found);
        Assert.True(found > xs.Length, $"only {found} answers found a boundary");
    }

    [Fact]
    public void NoCells_WhenRadiusIsZero_AndNegativeRadiusRejected()
    {
        IReadOnlyList<Perimeter> perimeters = GeoData.Load(GeoData.QpvLyon);
        PerimeterIndex walk = PerimeterIndex.Build(perimeters, IndexStrategy.Grid, nearestRadiusMetres: 0);
        Assert.Equal(0, walk.NearestMemoryBytes);
        Assert.Equal(0, walk.WideRadiusMetres);
        PerimeterIndex cells = GeoData.Index(GeoData.QpvLyon, IndexStrategy.Grid);
        Assert.Equal(PerimeterIndex.DefaultNearestRadiusMetres, cells.NearestRadiusMetres);
        Assert.Equal(PerimeterIndex.DefaultWideRadiusMetres, cells.WideRadiusMetres);
        PerimeterIndex narrowOnly = PerimeterIndex.Build(perimeters, IndexStrategy.Grid, wideRadiusMetres: 0);
        Assert.Equal(0, narrowOnly.WideRadiusMetres);
        Assert.True(cells.NearestMemoryBytes > narrowOnly.NearestMemoryBytes, "the wide cells count in the nearest memory");
        Assert.Throws<ArgumentOutOfRangeException>(() => PerimeterIndex.Build(perimeters, IndexStrategy.Grid, nearestRadiusMetres: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => PerimeterIndex.Build(perimeters, IndexStrategy.Grid, nearestRadiusMetres: double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => PerimeterIndex.Build(perimeters, IndexStrategy.Grid, wideRadiusMetres: double.PositiveInfinity));
    }

    private static void AssertSameAnswers(string dataset, double[] xs, double[] ys, out int found) =>
        AssertSameAnswers(dataset, GeoData.Index(dataset, IndexStrategy.Grid), PerimeterIndex.Build(GeoData.Load(dataset), IndexStrategy.Grid, nearestRadiusMetres: 0),
            GeoData.Index(dataset, IndexStrategy.Scan), xs, ys, out found);

    private static void AssertSameAnswers(string dataset, PerimeterIndex cells, PerimeterIndex walk, PerimeterIndex scan, double[] xs, double[] ys, out int found)
    {
        int hits = 0;
        Parallel2.Check(xs.Length, () => new int[16], (covering, i) =>
        {
            double lon = xs[i], lat = ys[i];
            foreach (double radius in Radii)
            {
                bool a = cells.TryFindNearestBoundary(lon, lat, radius, out int idA, out double dA);
                bool b = walk.TryFindNearestBoundary(lon, lat, radius, out int idB, out double dB);
                if (a != b || idA != idB || dA.CompareTo(dB) != 0)
                {
                    return $"{dataset} #{i} ({lon:R}, {lat:R}) within {radius} m: cells {a} {idA} {dA:R}, walk {b} {idB} {dB:R}";
                }

                if (a)
                {
                    Interlocked.Increment(ref hits);
                }
            }

            int n = Math.Min(cells.FindCovering(lon, lat, covering), covering.Length);
            for (int k = 0; k < n; k++)
            {
                double fast = cells.DistanceToBoundary(covering[k], lon, lat), plain = scan.DistanceToBoundary(covering[k], lon, lat);
                if (fast.CompareTo(plain) != 0)
                {
                    return $"{dataset} #{i} ({lon:R}, {lat:R}) inside {covering[k]}: cells {fast:R}, scan {plain:R}";
                }
            }

            return null;
        });
        found = hits;
    }
}
