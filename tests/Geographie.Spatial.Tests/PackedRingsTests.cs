using Geographie.Spatial.Areas;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Implementation;

namespace Geographie.Spatial.Tests;

/// <summary>
/// Zones travel as packed rings (one array of doubles per ring: the body reader's, <see cref="MetricGeometry.Project"/>'s
/// copies). Their projection and area, read from the arrays directly, give the bits of the vertex-by-vertex path through
/// NTS, on every shipped polygon file.
/// </summary>
public sealed class PackedRingsTests
{
    [Theory]
    [MemberData(nameof(PolygonValidityTests.ShippedPolygonFiles), MemberType = typeof(PolygonValidityTests))]
    public void ProjectedCopy_HasTheBitsOfEachVertexProjected(string file)
    {
        foreach (var perimeter in GeoData.Load(file))
        {
            var projected = MetricGeometry.Project(perimeter.Geometry, MetricCrs.Lambert93);
            Assert.Equal(2154, projected.SRID);
            Assert.Equal(perimeter.Geometry.GeometryType, projected.GeometryType);
            var source = Rings(perimeter.Geometry);
            var copy = Rings(projected);
            Assert.Equal(source.Count, copy.Count);
            for (int r = 0; r < source.Count; r++)
            {
                var packed = Assert.IsType<PackedDoubleCoordinateSequence>(copy[r]);
                Assert.Equal(source[r].Count, packed.Count);
                for (int i = 0; i < source[r].Count; i++)
                {
                    MetricCrs.Lambert93.Project(source[r].GetX(i), source[r].GetY(i), out double x, out double y);
                    Assert.Equal(BitConverter.DoubleToInt64Bits(x), BitConverter.DoubleToInt64Bits(packed.GetX(i)));
                    Assert.Equal(BitConverter.DoubleToInt64Bits(y), BitConverter.DoubleToInt64Bits(packed.GetY(i)));
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(PolygonValidityTests.ShippedPolygonFiles), MemberType = typeof(PolygonValidityTests))]
    public void PackedRingsProjectedInPlace_AreTheProjectedCopy_EvenOnceReadAsCoordinates(string file)
    {
        foreach (var perimeter in GeoData.Load(file))
        {
            var packed = Packed(perimeter.Geometry, dimension: 2);

            // Reading a packed ring as Coordinates makes NTS keep them (by a weak reference, held here so that no
            // collection drops them): projecting the array must not leave them stale.
            var held = Rings(packed).Select(ring => ring.ToCoordinateArray()).ToList();
            MetricGeometry.ProjectInPlace(packed, MetricCrs.Lambert93);
            var expected = MetricGeometry.Project(perimeter.Geometry, MetricCrs.Lambert93);
            Assert.True(expected.EqualsExact(packed), $"{file} #{perimeter.Id}");
            Assert.Equal(expected.Coordinates, packed.Coordinates);
            GC.KeepAlive(held);
        }
    }

    [Theory]
    [MemberData(nameof(PolygonValidityTests.ShippedPolygonFiles), MemberType = typeof(PolygonValidityTests))]
    public void PlanarArea_IsNtsAreaToTheBit(string file)
    {
        foreach (var perimeter in GeoData.Load(file))
        {
            var metric = perimeter.Geometry.Copy();
            MetricGeometry.ProjectInPlace(metric, MetricCrs.Lambert93);
            long nts = BitConverter.DoubleToInt64Bits(metric.Area);
            Assert.True(metric.Area > 0);
            Assert.Equal(nts, BitConverter.DoubleToInt64Bits(PlanarArea.Of(metric)));
            foreach (int dimension in new[] { 2, 3 })
            {
                var packed = Packed(metric, dimension);
                Assert.Equal(nts, BitConverter.DoubleToInt64Bits(PlanarArea.Of(packed)));
                Assert.Equal(nts, BitConverter.DoubleToInt64Bits(packed.Area));
            }
        }
    }

    private static List<CoordinateSequence> Rings(Geometry polygonal) =>
        [.. Enumerable.Range(0, polygonal.NumGeometries).Select(g => (Polygon)polygonal.GetGeometryN(g))
            .SelectMany(p => new[] { p.ExteriorRing }.Concat(p.InteriorRings)).Select(r => r.CoordinateSequence)];

    /// <summary>A copy of <paramref name="polygonal"/> with packed rings of <paramref name="dimension"/> ordinates (z = the vertex's index).</summary>
    private static Geometry Packed(Geometry polygonal, int dimension)
    {
        var factory = polygonal.Factory;
        LinearRing Ring(LineString ring)
        {
            var seq = ring.CoordinateSequence;
            var values = new double[dimension * seq.Count];
            for (int i = 0; i < seq.Count; i++)
            {
                values[dimension * i] = seq.GetX(i);
                values[dimension * i + 1] = seq.GetY(i);
                if (dimension == 3)
                {
                    values[dimension * i + 2] = i;
                }
            }

            return factory.CreateLinearRing(new PackedDoubleCoordinateSequence(values, dimension, 0));
        }

        var polygons = Enumerable.Range(0, polygonal.NumGeometries).Select(g => (Polygon)polygonal.GetGeometryN(g))
            .Select(p => factory.CreatePolygon(Ring(p.ExteriorRing), [.. p.InteriorRings.Select(Ring)])).ToArray();
        return polygonal is Polygon ? polygons[0] : factory.CreateMultiPolygon(polygons);
    }
}
