using Geographie.Spatial.Areas;
using NetTopologySuite.Geometries;

namespace Geographie.Spatial.Tests;

/// <summary>
/// A zone's <see cref="FlatRings"/>, read once and shared by its validity proof and by two indexes of different
/// integer origins (as the service measures a zone against an edition and the commune outlines), gives the bits each
/// index gives the zone's own geometry, the geometry's envelope, and the same validity verdict: over every Rhône commune against the real Lyon
/// 2015 perimeters and the Rhône outlines, and every IRIS of the Bouches-du-Rhône against the 111 Marseille quartiers
/// (a stand-in for QPV in this test only: they are not QPV) and the Bouches-du-Rhône outlines.
/// </summary>
public sealed class FlatRingsTests
{
    [Theory]
    [InlineData("admin/communes_69.geojson", GeoData.QpvLyon, "admin/communes_69.geojson")]
    [InlineData(GeoData.Iris, GeoData.Quartiers, GeoData.Communes)]
    public void SharedRings_GiveTheBitsOfEachIndexAndTheSameValidity(string zones, string perimeters, string outlines)
    {
        var editionIndex = new OverlapIndex(GeoData.Load(perimeters));
        var outlineIndex = new OverlapIndex(GeoData.Load(outlines));
        int pieces = 0, proven = 0;
        foreach (var zone in GeoData.Load(zones))
        {
            var metric = MetricGeometry.Project(zone.Geometry, MetricCrs.Lambert93);
            var rings = FlatRings.Of(metric);
            Assert.Equal(metric.EnvelopeInternal, rings.Envelope);
            Assert.Equal(zone.Geometry.EnvelopeInternal, MetricGeometry.VertexEnvelope(zone.Geometry));
            Assert.Equal(metric.EnvelopeInternal, MetricGeometry.VertexEnvelope(metric));
            bool isProven = PolygonValidity.IsProvenValid(rings);
            Assert.Equal(PolygonValidity.IsProvenValid(metric.Copy()), isProven);
            proven += isProven ? 1 : 0;
            foreach (var index in new[] { editionIndex, outlineIndex, editionIndex })
            {
                var shared = index.Measure(rings, MetricCrs.Lambert93);
                var own = index.Measure(metric.Copy(), MetricCrs.Lambert93);
                string what = $"{zones} #{zone.Id}";
                Assert.Equal(BitConverter.DoubleToInt64Bits(own.ZoneAreaM2), BitConverter.DoubleToInt64Bits(shared.ZoneAreaM2));
                Assert.Equal(BitConverter.DoubleToInt64Bits(own.CoveredAreaM2), BitConverter.DoubleToInt64Bits(shared.CoveredAreaM2));
                Assert.Equal(own.Pieces.Select(p => (p.Id, BitConverter.DoubleToInt64Bits(p.AreaM2))), shared.Pieces.Select(p => (p.Id, BitConverter.DoubleToInt64Bits(p.AreaM2))));
                Assert.True(own.ZoneAreaM2 > 0, what);
                pieces += shared.Pieces.Count;
            }
        }

        // Each zone lies in at least one outline, so the outlines alone give a piece per zone.
        Assert.True(pieces > GeoData.Load(zones).Count, $"{pieces} pieces");
        Assert.True(proven > GeoData.Load(zones).Count / 2, $"{proven} proven valid");
    }

    [Fact]
    public void DefectsSeenWhileReading_AreNotWellFormed()
    {
        var factory = new GeometryFactory();
        Coordinate[] square = [new(0, 0), new(10, 0), new(10, 10), new(0, 10), new(0, 0)];
        Assert.True(PolygonValidity.IsProvenValid(FlatRings.Of(factory.CreatePolygon(square))));

        // A ring of three distinct vertices repeated is dropped by the reading; validity must not prove the rest.
        var degenerateHole = factory.CreatePolygon(factory.CreateLinearRing(square), [factory.CreateLinearRing([new(1, 1), new(2, 2), new(2, 2), new(1, 1)])]);
        Assert.False(PolygonValidity.IsProvenValid(FlatRings.Of(degenerateHole)));
        Assert.Throws<ArgumentException>(() => FlatRings.Of(factory.CreatePoint(new Coordinate(1, 1))));
    }

    [Fact]
    public void TheVertexEnvelope_TakesAHoleReachingOutOfItsShell_WhichNtsLeavesOut()
    {
        var factory = new GeometryFactory();
        var shell = factory.CreateLinearRing([new(0, 0), new(10, 0), new(10, 10), new(0, 10), new(0, 0)]);
        var hole = factory.CreateLinearRing([new(2, 2), new(4, 2), new(4, 30), new(2, 2)]);
        var invalid = factory.CreateMultiPolygon([factory.CreatePolygon(shell, [hole]), factory.CreatePolygon([new(-5, -5), new(-4, -5), new(-4, -4), new(-5, -5)])]);

        Assert.Equal(new Envelope(-5, 10, -5, 10), invalid.EnvelopeInternal);
        Assert.Equal(new Envelope(-5, 10, -5, 30), MetricGeometry.VertexEnvelope(invalid));
        Assert.True(MetricGeometry.VertexEnvelope(factory.CreatePolygon()).IsNull);
    }
}
