using Geographie.Spatial.Areas;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace Geographie.Spatial.Tests;

/// <summary>
/// The kernel's shortcut for a zone far from a perimeter's boundary — no edge of the perimeter meets the zone's
/// envelope, so the zone is wholly inside or wholly outside and is measured without pairing its edges — gives the bits
/// of the full pairing it skips (<see cref="OverlapIndex.MeasurePairingEveryEdge"/>, <see cref="IntersectionArea.Paired"/>):
/// zone area, covered area and every piece, over every Rhône commune against the real Lyon 2015 perimeters and the
/// Rhône outlines, and every IRIS and every commune of the Bouches-du-Rhône against the 111 Marseille quartiers (a
/// stand-in for QPV in this test only: they are not QPV) and the Bouches-du-Rhône outlines; and on hand-made zones
/// built from the real polygons (test-only transforms, never data), each checked to take the path it was built for.
/// </summary>
public sealed class FarFromBoundaryTests
{
    private const string Communes69 = "admin/communes_69.geojson";

    [Theory]
    [InlineData(Communes69, GeoData.QpvLyon, Communes69)]
    [InlineData(GeoData.Iris, GeoData.Quartiers, GeoData.Communes)]
    [InlineData(GeoData.Communes, GeoData.Quartiers, GeoData.Communes)]
    public void EveryZone_MeasuredWithTheShortcut_HasTheBitsOfTheFullPairing(string zones, string perimeters, string outlines)
    {
        int pieces = 0;
        foreach (var index in new[] { new OverlapIndex(GeoData.Load(perimeters)), new OverlapIndex(GeoData.Load(outlines)) })
        {
            foreach (var zone in GeoData.Load(zones))
            {
                var rings = FlatRings.Of(MetricGeometry.Project(zone.Geometry, MetricCrs.Lambert93));
                var shortcut = index.Measure(rings, MetricCrs.Lambert93);
                AssertSameBits(index.MeasurePairingEveryEdge(rings, MetricCrs.Lambert93), shortcut, $"{zones} #{zone.Id}");
                pieces += shortcut.Pieces.Count;
            }
        }

        // Each zone lies in at least one outline, so the outlines alone give a piece per zone.
        Assert.True(pieces > GeoData.Load(zones).Count, $"{pieces} pieces");
    }

    /// <summary>
    /// The same, pair by pair in the kernel, counting the pairs the shortcut decides (a zone wholly inside, or wholly
    /// outside, a perimeter whose envelope meets its own): at least the given numbers, so that the comparison above
    /// covers both answers of the shortcut on real data.
    /// </summary>
    [Theory]
    [InlineData(Communes69, GeoData.QpvLyon, 0, 0)]
    [InlineData(Communes69, Communes69, 0, 100)]
    [InlineData(GeoData.Iris, GeoData.Quartiers, 5, 200)]
    [InlineData(GeoData.Iris, GeoData.Communes, 400, 200)]
    [InlineData(GeoData.Communes, GeoData.Quartiers, 0, 4)]
    [InlineData(GeoData.Communes, GeoData.Communes, 0, 40)]
    public void EveryPairWhoseEnvelopesMeet_OfHasTheBitsOfPaired_AndBothSidesOfTheShortcutAreTaken(string zones, string perimeters, int insideAtLeast, int outsideAtLeast)
    {
        var sets = GeoData.Load(perimeters).Select(p => FlatRings.Of(MetricGeometry.Project(p.Geometry, MetricCrs.Lambert93))).ToArray();
        var origin = Origin(sets.Select(s => s.Geometry));
        var perimeterRings = sets.Select(s => new RingSet(s, origin.X, origin.Y)).ToArray();
        int inside = 0, outside = 0, paired = 0;
        foreach (var zone in GeoData.Load(zones))
        {
            var zoneRings = new RingSet(FlatRings.Of(MetricGeometry.Project(zone.Geometry, MetricCrs.Lambert93)), origin.X, origin.Y, striped: false);
            for (int id = 0; id < perimeterRings.Length; id++)
            {
                var perimeter = perimeterRings[id];
                if (!zoneRings.Envelope.Intersects(perimeter.Envelope))
                {
                    continue;
                }

                double full = IntersectionArea.Paired(zoneRings, perimeter);
                Assert.Equal(BitConverter.DoubleToInt64Bits(full), BitConverter.DoubleToInt64Bits(IntersectionArea.Of(zoneRings, perimeter)));
                if (perimeter.AnyEdgeMayMeet(zoneRings.Envelope))
                {
                    paired++;
                }
                else if (full > 0)
                {
                    inside++;
                }
                else
                {
                    outside++;
                }
            }
        }

        Assert.True(inside >= insideAtLeast && outside >= outsideAtLeast, $"{inside} inside, {outside} outside, {paired} paired");
    }

    [Fact]
    public void HandMadeZones_TakeThePathTheyWereBuiltFor_AndKeepTheBits()
    {
        // Test-only transforms of real polygons. The Lyon perimeters are real QPV; an IRIS with a hole (an enclave)
        // stands in for a perimeter with a hole, in this test only: it is not a QPV.
        var lyon = new OverlapIndex(GeoData.Load(GeoData.QpvLyon));
        var standIn = new OverlapIndex([new Perimeter(0, GeoData.Load(GeoData.Iris).First(p => p.Geometry is Polygon { NumInteriorRings: > 0 }).Geometry)]);
        var qpv = (Polygon)lyon.MetricGeometryOf(3);
        var withHole = (Polygon)standIn.MetricGeometryOf(0);
        var factory = qpv.Factory;
        var deep = qpv.InteriorPoint.Coordinate;
        double clear = qpv.Boundary.Distance(factory.CreatePoint(deep));
        var hole = factory.CreatePolygon(withHole.GetInteriorRingN(0).Coordinates);
        var inHole = hole.InteriorPoint.Coordinate;
        double holeClear = hole.Boundary.Distance(factory.CreatePoint(inHole));
        var env = qpv.EnvelopeInternal;
        var (leftOfEdge, rightOfEdge) = BesideFirstEdge(qpv);
        var deepBox = Box(factory, deep, clear / 3);
        var twoDeepBoxes = factory.CreateMultiPolygon(
            [Box(factory, new Coordinate(deep.X - (clear / 4), deep.Y), clear / 8), Box(factory, new Coordinate(deep.X + (clear / 4), deep.Y), clear / 8)]);
        var insideAndBeside = factory.CreateMultiPolygon([deepBox, Box(factory, new Coordinate(env.MaxX + clear, deep.Y), clear / 3)]);
        var atCorner = factory.ToGeometry(new Envelope(env.MaxX, env.MaxX + 100, env.MaxY, env.MaxY + 100));

        var cases = new (string What, Geometry Zone, OverlapIndex Index, int Id, bool Far)[]
        {
            ("a zone equal to the perimeter", qpv, lyon, 3, false),
            ("a box deep inside the perimeter", deepBox, lyon, 3, true),
            ("two boxes deep inside the perimeter", twoDeepBoxes, lyon, 3, true),
            ("one part deep inside, one beside the perimeter", insideAndBeside, lyon, 3, false),
            ("a box inside the perimeter's hole", Box(factory, inHole, holeClear / 3), standIn, 0, true),
            ("a box around the perimeter's hole", factory.ToGeometry(Grown(hole.EnvelopeInternal, 5)), standIn, 0, false),
            ("a zone sharing an edge, on its left", leftOfEdge, lyon, 3, false),
            ("a zone sharing an edge, on its right", rightOfEdge, lyon, 3, false),
            ("a zone whose envelope meets the perimeter's at a corner only", atCorner, lyon, 3, true),
        };

        foreach (var (what, zone, index, id, far) in cases)
        {
            Assert.True(zone.IsValid, what);
            var perimeter = index.MetricGeometryOf(id);
            var origin = Origin([perimeter]);
            var perimeterRings = new RingSet(FlatRings.Of(perimeter), origin.X, origin.Y);
            var zoneRings = new RingSet(FlatRings.Of(zone), origin.X, origin.Y, striped: false);
            Assert.True(zoneRings.Envelope.Intersects(perimeterRings.Envelope), what);
            Assert.True(far != perimeterRings.AnyEdgeMayMeet(zoneRings.Envelope), $"{what}: expected {(far ? "far from" : "near")} the boundary");
            double full = IntersectionArea.Paired(zoneRings, perimeterRings);
            Assert.Equal(BitConverter.DoubleToInt64Bits(full), BitConverter.DoubleToInt64Bits(IntersectionArea.Of(zoneRings, perimeterRings)));

            // The overlay (OverlayNG, GEOS's algorithm behind PostGIS) as the oracle of the area itself.
            double overlay = OverlayNGRobust.Overlay(zone, perimeter, SpatialFunction.Intersection).Area;
            Assert.True(Math.Abs(overlay - full) <= Math.Max(OverlapIndex.TouchingAreaM2, 1e-9 * overlay), $"{what}: overlay {overlay} m², integral {full} m²");

            var rings = FlatRings.Of(zone);
            var measured = index.Measure(rings, MetricCrs.Lambert93);
            AssertSameBits(index.MeasurePairingEveryEdge(rings, MetricCrs.Lambert93), measured, what);
            Assert.Equal(full >= OverlapIndex.TouchingAreaM2, measured.Pieces.Any(p => p.Id == id));
        }
    }

    private static void AssertSameBits(ZoneAreas expected, ZoneAreas actual, string what)
    {
        Assert.True(BitConverter.DoubleToInt64Bits(expected.ZoneAreaM2) == BitConverter.DoubleToInt64Bits(actual.ZoneAreaM2), $"{what}: zone area {expected.ZoneAreaM2} / {actual.ZoneAreaM2}");
        Assert.True(BitConverter.DoubleToInt64Bits(expected.CoveredAreaM2) == BitConverter.DoubleToInt64Bits(actual.CoveredAreaM2), $"{what}: covered area {expected.CoveredAreaM2} / {actual.CoveredAreaM2}");
        Assert.Equal(
            expected.Pieces.Select(p => (p.Id, BitConverter.DoubleToInt64Bits(p.AreaM2))),
            actual.Pieces.Select(p => (p.Id, BitConverter.DoubleToInt64Bits(p.AreaM2))));
    }

    /// <summary>An integer origin near the geometries, as <see cref="OverlapIndex"/> takes one per CRS.</summary>
    private static Coordinate Origin(IEnumerable<Geometry> geometries)
    {
        var all = new Envelope();
        foreach (var g in geometries)
        {
            all.ExpandToInclude(g.EnvelopeInternal);
        }

        return new Coordinate(Math.Round(all.Centre.X), Math.Round(all.Centre.Y));
    }

    private static Polygon Box(GeometryFactory factory, Coordinate centre, double half) =>
        (Polygon)factory.ToGeometry(new Envelope(centre.X - half, centre.X + half, centre.Y - half, centre.Y + half));

    private static Envelope Grown(Envelope envelope, double margin)
    {
        var grown = new Envelope(envelope);
        grown.ExpandBy(margin);
        return grown;
    }

    /// <summary>The two quadrilaterals standing on the shell's first edge, one each side, as deep as a tenth of its length.</summary>
    private static (Polygon Left, Polygon Right) BesideFirstEdge(Polygon perimeter)
    {
        var shell = perimeter.Shell.Coordinates;
        Coordinate p = shell[0], q = shell[1];
        double nx = -(q.Y - p.Y) / 10, ny = (q.X - p.X) / 10;
        var factory = perimeter.Factory;
        return (
            factory.CreatePolygon([p.Copy(), q.Copy(), new(q.X + nx, q.Y + ny), new(p.X + nx, p.Y + ny), p.Copy()]),
            factory.CreatePolygon([p.Copy(), new(p.X - nx, p.Y - ny), new(q.X - nx, q.Y - ny), q.Copy(), p.Copy()]));
    }
}
