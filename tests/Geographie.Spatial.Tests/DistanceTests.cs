using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Distance;

namespace Geographie.Spatial.Tests;

/// <summary>Boundary distances against NetTopologySuite's DistanceOp on the projected geometries (1 mm), for both strategies.</summary>
public sealed class DistanceTests
{
    public static TheoryData<string> Names => new(GeoData.All);

    [Theory]
    [MemberData(nameof(Names))]
    public void NearestBoundary_AgreesWithNts(string dataset)
    {
        IReadOnlyList<Perimeter> perimeters = GeoData.Load(dataset);
        PerimeterIndex grid = GeoData.Index(dataset, IndexStrategy.Grid);
        PerimeterIndex scan = GeoData.Index(dataset, IndexStrategy.Scan);
        var boundaries = perimeters.Select(p => new IndexedFacetDistance(Project(p.Geometry, grid.CrsOf(p.Id)).Boundary)).ToArray();
        Envelope env = GeoData.Extent(perimeters);
        env.ExpandBy(0.01);
        var rng = new Random(31);
        var factory = new GeometryFactory();
        int found = 0;
        for (int i = 0; i < 1500; i++)
        {
            double lon = env.MinX + rng.NextDouble() * env.Width, lat = env.MinY + rng.NextDouble() * env.Height;
            double max = i % 3 == 0 ? 50 : 1000;
            bool ok = grid.TryFindNearestBoundary(lon, lat, max, out int id, out double d);
            bool okScan = scan.TryFindNearestBoundary(lon, lat, max, out int idScan, out double dScan);
            double bestNts = double.PositiveInfinity;
            for (int p = 0; p < perimeters.Count; p++)
            {
                grid.CrsOf(p).Project(lon, lat, out double x, out double y);
                bestNts = Math.Min(bestNts, boundaries[p].Distance(factory.CreatePoint(new Coordinate(x, y))));
            }

            Assert.Equal(bestNts <= max, ok);
            Assert.Equal(ok, okScan);
            if (ok)
            {
                found++;
                Assert.Equal(bestNts, d, 1e-3);
                Assert.Equal(bestNts, dScan, 1e-3);
                Assert.Equal(d, grid.DistanceToBoundary(id, lon, lat), 1e-9);
                Assert.Equal(dScan, scan.DistanceToBoundary(idScan, lon, lat), 1e-9);
            }
        }

        Assert.True(found > 100);
    }

    [Fact]
    public void DistanceToBoundary_AgreesWithDistanceOp()
    {
        IReadOnlyList<Perimeter> perimeters = GeoData.Load(GeoData.Quartiers);
        PerimeterIndex grid = GeoData.Index(GeoData.Quartiers, IndexStrategy.Grid);
        Envelope env = GeoData.Extent(perimeters);
        var rng = new Random(5);
        var factory = new GeometryFactory();
        var projected = perimeters.Select(p => Project(p.Geometry, grid.CrsOf(p.Id)).Boundary).ToArray();
        for (int i = 0; i < 300; i++)
        {
            int id = rng.Next(perimeters.Count);
            double lon = env.MinX + rng.NextDouble() * env.Width, lat = env.MinY + rng.NextDouble() * env.Height;
            MetricCrs.Lambert93.Project(lon, lat, out double x, out double y);
            double expected = DistanceOp.Distance(projected[id], factory.CreatePoint(new Coordinate(x, y)));
            Assert.Equal(expected, grid.DistanceToBoundary(id, lon, lat), 1e-3);
        }

        Coordinate vertex = perimeters[3].Geometry.Coordinates[5];
        Assert.Equal(0, grid.DistanceToBoundary(3, vertex.X, vertex.Y), 1e-9);
    }

    internal static Geometry Project(Geometry g, MetricCrs crs)
    {
        Geometry copy = g.Copy();
        copy.Apply(new ProjectFilter(crs));
        copy.GeometryChanged();
        return copy;
    }

    private sealed class ProjectFilter(MetricCrs crs) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (int i = 0; i < seq.Count; i++)
            {
                crs.Project(seq.GetX(i), seq.GetY(i), out double x, out double y);
                seq.SetX(i, x);
                seq.SetY(i, y);
            }
        }
    }
}
