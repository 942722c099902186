using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Implementation;

namespace Geographie.Spatial.Areas;

/// <summary>
/// The area of a Polygon or MultiPolygon to the bit as NTS <see cref="Geometry.Area"/> computes it, reading a packed
/// ring's array directly: NTS reads a packed sequence a vertex at a time through virtual calls (the body reader's and
/// the projected zones' rings are packed), which cost more than the sum itself.
/// </summary>
internal static class PlanarArea
{
    /// <summary>The area of <paramref name="polygonal"/>: its polygons' shells less their holes, summed in order.</summary>
    public static double Of(Geometry polygonal)
    {
        switch (polygonal)
        {
            case Polygon polygon:
                double area = 0.0;
                area += Math.Abs(RingSigned(polygon.ExteriorRing.CoordinateSequence));
                for (int i = 0; i < polygon.NumInteriorRings; i++)
                {
                    area -= Math.Abs(RingSigned(polygon.GetInteriorRingN(i).CoordinateSequence));
                }

                return area;
            case MultiPolygon multi:
                double sum = 0.0;
                for (int i = 0; i < multi.NumGeometries; i++)
                {
                    sum += Of(multi.GetGeometryN(i));
                }

                return sum;
            default:
                return polygonal.Area;
        }
    }

    /// <summary>
    /// NTS <c>Area.OfRingSigned</c>'s shoelace, term for term: Σ (xᵢ − x₀)(yᵢ₋₁ − yᵢ₊₁) for i = 1 … n − 2, halved.
    /// </summary>
    private static double RingSigned(CoordinateSequence ring)
    {
        if (ring is not PackedDoubleCoordinateSequence packed)
        {
            return NetTopologySuite.Algorithm.Area.OfRingSigned(ring);
        }

        int n = ring.Count;
        if (n < 3)
        {
            return 0.0;
        }

        var xy = packed.GetRawCoordinates();
        int stride = packed.Dimension;
        double x0 = xy[0];
        double sum = 0.0;
        for (int i = 1, at = stride; i < n - 1; i++, at += stride)
        {
            sum += (xy[at] - x0) * (xy[at - stride + 1] - xy[at + stride + 1]);
        }

        return sum / 2.0;
    }
}
